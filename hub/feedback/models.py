"""Forms editors build in the admin: village needs surveys and feedback, stored, exportable and summarised."""

import logging

from django.core.mail import send_mail
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin, FormSubmission
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from hub.core.models import BasePage
from hub.core.phases import phases_field
from hub.core.protection import ProtectedForm, accept_submission

logger = logging.getLogger(__name__)

CHOICE_FIELD_TYPES = ("checkboxes", "dropdown", "multiselect", "radio")


class FeedbackFormField(TranslatableMixin, AbstractFormField):
    """A form field whose label, help text and choices are translated; its stored name is the same everywhere."""

    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")
    personal = models.BooleanField(
        default=False,
        verbose_name=_("personal data"),
        help_text=_("Can identify a person (name, email, phone): removed after the retention period."),
    )

    panels = AbstractFormField.panels + [FieldPanel("personal")]
    override_translatable_fields = [
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("personal"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass

    def choice_list(self):
        return [choice.strip() for choice in self.choices.splitlines() if choice.strip()] if self.choices else []


class ProtectedFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("FeedbackForm", (ProtectedForm, BaseForm), self.formfields)


class FeedbackFormPage(EmailFormMixin, FormMixin, BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("introduction"))
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("thank-you text"))
    submit_label = models.CharField(max_length=60, blank=True, verbose_name=_("button text"))
    phases = phases_field("feedback_forms", _("phases of the model it serves"))

    form_builder = ProtectedFormBuilder
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("form fields")),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        FieldPanel("phases"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            _("email about new answers"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("phases"),
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def serve(self, request, *args, **kwargs):
        response = self._serve(request)
        add_never_cache_headers(response)
        return response

    def _serve(self, request):
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)

            def save(form):
                self.process_form_submission(form)
                return self.url + "?sent=1"

            redirect_to, status = accept_submission(request, form, f"feedback:{self.translation_key}", save)
            if redirect_to:
                return HttpResponseRedirect(redirect_to)
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        context["sent"] = request.method == "GET" and request.GET.get("sent") == "1"
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Stores the answers; the email about them goes only after the answers are committed, and may fail."""
        submission = FormSubmission.objects.create(form_data=form.answers(), page=self)
        if self.to_address:
            transaction.on_commit(lambda: self.notify(submission))
        return submission

    def notify(self, submission):
        labels = dict(self.get_data_fields())
        lines = [f"{labels.get(name, name)}: {value}" for name, value in submission.form_data.items()]
        try:
            send_mail(
                self.subject or self.title,
                "\n".join(lines),
                self.from_address or None,
                [address.strip() for address in self.to_address.split(",")],
            )
        except Exception:
            logger.exception(
                "Could not email about answer %s to form %s; the answer is stored.", submission.pk, self.pk
            )
