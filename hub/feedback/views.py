"""The editors' results summary: counts per choice for every form they may see answers of."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Locale

from .models import FeedbackFormPage
from .results import summarise


def forms_for(user):
    """The source-language forms whose answers `user` may see."""
    allowed = get_forms_for_user(user).values("pk")
    return FeedbackFormPage.objects.filter(pk__in=allowed, locale=Locale.get_default()).order_by("title")


class FormResultsIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Form results")
    header_icon = "form"
    template_name = "feedback/results_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(forms=forms_for(self.request.user), **kwargs)


class FormResultsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "form"
    template_name = "feedback/results_summary.html"

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.form_page.title}

    def dispatch(self, request, page_id):
        self.form_page = forms_for(request.user).filter(pk=page_id).first()
        if self.form_page is None:
            raise Http404
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        total, fields = summarise(self.form_page)
        return super().get_context_data(form_page=self.form_page, total=total, fields=fields, **kwargs)
