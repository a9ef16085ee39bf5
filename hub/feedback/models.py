"""Forms editors build in the admin: village needs surveys and feedback, stored, exportable and summarised."""

import logging

from django import forms
from django.core.mail import send_mail
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin, FormSubmission
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from handbook.phases import pages_for_phase, phases_field
from hub.core.models import BasePage
from hub.core.protection import ProtectedForm, accept_submission

logger = logging.getLogger(__name__)

CHOICE_FIELD_TYPES = ("checkboxes", "dropdown", "multiselect", "radio")
NO_ANSWER = _("No answer")


def answer_text(value):
    """An answer as a person reads it: the choices of a multiple choice separated by commas."""
    return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)


class FeedbackFormField(TranslatableMixin, AbstractFormField):
    """A form field whose label, help text and choices are translated; its stored name is the same everywhere."""

    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")
    required = models.BooleanField(default=False, verbose_name=_("required"))
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


SINGLE_LINE_MAX_LENGTH = 255
MULTI_LINE_MAX_LENGTH = 5000
URL_MAX_LENGTH = 2000
TOO_LONG = _("The answer is too long: at most %(limit_value)s characters, now %(show_value)s. Please shorten it.")


def limited(options, max_length):
    return {**options, "max_length": max_length, "error_messages": {"max_length": TOO_LONG}}


class ProtectedFormBuilder(FormBuilder):
    """Builds protected forms with a length limit on every text answer, in which an optional single choice starts
    as an explicit, stored-as-blank 'no answer'."""

    def create_singleline_field(self, field, options):
        return forms.CharField(**limited(options, SINGLE_LINE_MAX_LENGTH))

    def create_multiline_field(self, field, options):
        return super().create_multiline_field(field, limited(options, MULTI_LINE_MAX_LENGTH))

    def create_url_field(self, field, options):
        return super().create_url_field(field, limited(options, URL_MAX_LENGTH))

    def create_dropdown_field(self, field, options):
        form_field = super().create_dropdown_field(field, options)
        if not field.required:
            form_field.choices = [("", NO_ANSWER), *form_field.choices]
        return form_field

    def create_radio_field(self, field, options):
        form_field = super().create_radio_field(field, options)
        if not field.required:
            form_field.choices = [*form_field.choices, ("", NO_ANSWER)]
        return form_field

    def get_form_class(self):
        return type("FeedbackForm", (ProtectedForm, BaseForm), self.formfields)


class FeedbackFormPage(EmailFormMixin, FormMixin, BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("introduction"))
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("thank-you text"))
    submit_label = models.CharField(max_length=60, blank=True, verbose_name=_("button text"))
    phases = phases_field("feedback_forms", _("phases of the model it serves"))
    keep_contact_apart = models.BooleanField(
        default=True,
        verbose_name=_("store contact details apart from the answers"),
        help_text=_(
            "Answers to fields marked personal are stored as a separate contact request that is not linked to the "
            "answers, so the answers stay anonymous. Untick only if you need to know who gave which answer, "
            "for example to reply to feedback."
        ),
    )

    form_builder = ProtectedFormBuilder
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("form fields")),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        FieldPanel("phases"),
        FieldPanel("keep_contact_apart"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            capfirst(_("email about new answers")),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("phases"),
        SynchronizedField("keep_contact_apart"),
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
    ]
    # The site search's facets of this page: {facet: lookup of its values}, see search/indexing.py.
    search_facets = {"phase": "phases__number"}
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    @classmethod
    def for_phase(cls, phase):
        """Online forms in the phase's language that serve that phase, such as the village needs survey."""
        return pages_for_phase(cls, phase).order_by("title")

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
        sent = request.method == "GET" and request.GET.get("sent") == "1"
        return self._render(request, form, sent=sent, status=status)

    def _render(self, request, form, *, sent=False, status=200):
        context = self.get_context(request)
        context["form"] = form
        context["sent"] = sent
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """The thank-you message the form shows after sending; Wagtail's "landing" preview shows it too."""
        return self._render(request, self.get_form(page=self, user=request.user), sent=True)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.keep_contact_apart:
            self.move_contact_details_apart()
        return result

    def get_submissions_list_view_class(self):
        from .exports import FeedbackSubmissionsListView

        return FeedbackSubmissionsListView

    def personal_field_names(self):
        return [field.clean_name for field in self.get_form_fields() if field.personal]

    def move_contact_details_apart(self):
        """Moves contact details stored with earlier answers into contact requests, e.g. once the setting is on."""
        personal = self.personal_field_names()
        if not personal:
            return
        for submission in FormSubmission.objects.filter(page=self, form_data__has_any_keys=personal).iterator():
            contact = {name: submission.form_data[name] for name in personal if name in submission.form_data}
            if any(contact.values()):
                ContactRequest.objects.create(
                    page=self, contact_data=contact, sent_on=timezone.localdate(submission.submit_time)
                )
            submission.form_data = {key: value for key, value in submission.form_data.items() if key not in contact}
            submission.save(update_fields=["form_data"])

    def get_data_fields(self):
        """The columns of the answers list and export: without the contact details when they are stored apart."""
        fields = super().get_data_fields()
        if self.keep_contact_apart:
            personal = set(self.personal_field_names())
            fields = [(name, label) for name, label in fields if name not in personal]
        return fields

    def process_form_submission(self, form):
        """Stores the answers, and any contact details apart from them if so set; emails go after the commit."""
        answers = form.answers()
        contact_request = None
        if self.keep_contact_apart:
            personal = self.personal_field_names()
            contact = {name: answers.pop(name) for name in personal if name in answers}
            if any(contact.values()):
                contact_request = ContactRequest.objects.create(page=self, contact_data=contact)
        submission = FormSubmission.objects.create(form_data=answers, page=self)
        if self.to_address:
            transaction.on_commit(lambda: self.notify(submission))
            if contact_request:
                transaction.on_commit(lambda: self.notify_contact_request(contact_request))
        return submission

    def send_notification(self, subject, body, record):
        try:
            send_mail(
                subject, body, self.from_address or None, [address.strip() for address in self.to_address.split(",")]
            )
        except Exception:
            logger.exception("Could not email about %r of form %s; it is stored.", record, self.pk)

    def notify(self, submission):
        labels = dict(self.get_data_fields())
        lines = [f"{labels.get(name, name)}: {answer_text(value)}" for name, value in submission.form_data.items()]
        self.send_notification(self.subject or self.title, "\n".join(lines), submission)

    def notify_contact_request(self, contact_request):
        """Says only that a request came: details sent at the same moment as the answers would link the two."""
        self.send_notification(
            _("New contact request: %(title)s") % {"title": self.title},
            _(
                "Someone left their contact details in the form “%(title)s”. They are stored apart from the "
                "answers: see Reports → Form results in the admin."
            )
            % {"title": self.title},
            contact_request,
        )


class ContactRequest(models.Model):
    """Contact details left in a form that keeps them apart: not linked to any answers, and dated to the day only."""

    page = models.ForeignKey(FeedbackFormPage, on_delete=models.CASCADE, related_name="contact_requests")
    contact_data = models.JSONField(default=dict)
    sent_on = models.DateField(default=timezone.localdate, db_index=True, verbose_name=_("sent on"))

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self):
        return f"{self._meta.verbose_name} {self.sent_on}"


class SurveyResultsPage(BasePage):
    """A form's results made public: counts and shares of its choice questions, never its free-text answers."""

    form = models.ForeignKey(
        FeedbackFormPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("form"),
        help_text=_("The form whose answers this page reports."),
    )
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("introduction"))
    minimum_answers = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1)],
        verbose_name=_("minimum number of answers"),
        help_text=_(
            "A question's numbers are shown only when at least this many people answered it, so that few "
            "answers cannot be traced to the people who gave them."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("form"), FieldPanel("intro"), FieldPanel("minimum_answers")]
    override_translatable_fields = [SynchronizedField("form"), SynchronizedField("minimum_answers")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("survey results")
        verbose_name_plural = _("survey results")

    def get_context(self, request, *args, **kwargs):
        from .results import aggregate, publish, versions_of

        context = super().get_context(request, *args, **kwargs)
        form = self.form
        context["form_available"] = form is not None and form.live
        context["questions"] = []
        if context["form_available"]:
            versions = versions_of(form)
            context["form_version"] = next(
                (version for version in versions if version.locale_id == self.locale_id and version.live), form
            )
            context["questions"] = publish(aggregate(form, self.locale_id, versions), self.minimum_answers)
        return context
