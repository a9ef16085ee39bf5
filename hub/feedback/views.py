"""The editors' results summary: counts per choice for every form they may see answers of."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Locale

from .models import ContactRequest, FeedbackFormPage
from .results import contact_requests, summarise


def forms_for(user):
    """The source-language forms whose answers `user` may see."""
    allowed = get_forms_for_user(user).values("pk")
    return FeedbackFormPage.objects.filter(pk__in=allowed, locale=Locale.get_default()).order_by("title")


class FormResultsIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Form results")
    header_icon = "form"
    template_name = "feedback/results_index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(forms=forms_for(self.request.user), **kwargs)


class FormPageView(WagtailAdminTemplateMixin, TemplateView):
    """An admin view about one source-language form that the user may see the answers of."""

    header_icon = "form"

    def dispatch(self, request, page_id):
        self.form_page = forms_for(request.user).filter(pk=page_id).first()
        if self.form_page is None:
            raise Http404
        return super().dispatch(request)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("form_results"), "label": FormResultsIndexView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]


class FormResultsView(FormPageView):
    template_name = "feedback/results_summary.html"

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.form_page.title}

    def get_context_data(self, **kwargs):
        total, fields = summarise(self.form_page)
        contacts = ContactRequest.objects.filter(page__translation_key=self.form_page.translation_key).count()
        return super().get_context_data(
            form_page=self.form_page, total=total, fields=fields, contact_request_count=contacts, **kwargs
        )


class ContactRequestsView(FormPageView):
    template_name = "feedback/contact_requests.html"

    def get_page_title(self):
        return _("Contact requests: %(title)s") % {"title": self.form_page.title}

    def get_context_data(self, **kwargs):
        columns, rows = contact_requests(self.form_page)
        return super().get_context_data(form_page=self.form_page, columns=columns, rows=rows, **kwargs)
