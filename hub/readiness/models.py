import re
import secrets
from datetime import timedelta

from django.db import models
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from hub.core.models import BasePage
from hub.core.pdf import pdf_response
from hub.core.protection import RATE_LIMIT_MESSAGE, rate_limited
from hub.core.visibility import public_pages

from .assessment import EMPLOYER_PHASE, Assessment

KEEP_FOR = timedelta(days=90)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
MAX_PHASE_PARAMETER = 3
ACTIONS = ("plan", "pdf", "save", "erase")


class SavedAssessmentQuerySet(models.QuerySet):
    def expired(self, now):
        return self.filter(expires__lte=now)

    def find(self, token, now):
        """The saved assessment of `token` if it exists and has not expired; None for anything else."""
        if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
            return None
        return self.filter(token=token, expires__gt=now).first()


class SavedAssessment(models.Model):
    """Ticks a person asked to keep, behind a random code in a link; nothing else about them.

    Kept for 90 days after the last save, then deleted by `remove_personal_data`; the person can erase it at once.
    """

    token = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(max_length=8)
    done = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    expires = models.DateTimeField(db_index=True)

    objects = SavedAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved self-assessment")
        verbose_name_plural = _("saved self-assessments")

    def __str__(self):
        return f"{self.pk}"

    @classmethod
    def keep(cls, done, language, token=None, now=None):
        """Saves `done` under `token` if it is a live saved assessment, otherwise under a new random token; the
        90 days start again."""
        now = now or timezone.now()
        saved = cls.objects.find(token, now) if token else None
        if saved is None:
            saved = cls(token=secrets.token_urlsafe(32))
        saved.done, saved.language, saved.expires = list(done), language, now + KEEP_FOR
        saved.save()
        return saved


class ReadinessPage(BasePage):
    """A person ticks what their association has done of each phase's checklist and gets a plan of what is missing.

    The ticks travel in the form; they are stored only when the person asks for a link to come back to.
    """

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("introduction"))
    quick_check = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("phase 3 link"),
        help_text=_("The link that narrows the form to phase 3: can the association start as an employer?"),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("quick_check")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["handbook.HandbookPage"]
    subpage_types = []
    max_count_per_parent = 1
    employer_phase = EMPLOYER_PHASE

    class Meta:
        verbose_name = _("readiness self-assessment")

    @classmethod
    def for_phase(cls, phase):
        """Every phase links to the assessment: each phase's checklist is part of it."""
        return list(cls.objects.live().filter(public_pages()).filter(locale_id=phase.locale_id))

    def chosen_phase(self, request):
        """The phase number of `?phase=N` if it is a whole number; None (every phase) otherwise."""
        value = request.GET.get("phase", "")
        return int(value) if value.isdigit() and len(value) <= MAX_PHASE_PARAMETER else None

    def serve(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        context = self.get_context(request, *args, **kwargs)
        if request.method == "POST":
            status = self.handle_post(request, context)
        else:
            status = self.handle_saved_link(request, context)
        if context["saved"] is not None:
            context["saved_url"] = request.build_absolute_uri(f"{self.get_url(request)}?saved={context['saved'].token}")
        if context.get("pdf"):
            response = pdf_response(self, "readiness/readiness_page_pdf.html", context)
        else:
            response = TemplateResponse(request, self.get_template(request, *args, **kwargs), context, status=status)
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        phase_number = self.chosen_phase(request)
        assessment = Assessment.build(self.locale_id, phase_number=phase_number)
        if phase_number is not None and not assessment.checklists:
            phase_number, assessment = None, Assessment.build(self.locale_id)
        context.update(assessment=assessment, phase_number=phase_number, plan=None, saved=None, message="")
        return context

    def _with_ticks(self, context, done_ids):
        assessment = context["assessment"]
        assessment.tick(done_ids)
        assessment.attach_help()
        context.update(assessment=assessment, plan=assessment)

    def handle_saved_link(self, request, context):
        token = request.GET.get("saved")
        if token is None:
            return 200
        saved = SavedAssessment.objects.find(token, timezone.now())
        if saved is None:
            context["message"] = "not_found"
            return 404
        self._with_ticks(context, saved.done)
        context["saved"] = saved
        return 200

    def handle_post(self, request, context):
        action = request.POST.get("action")
        if action not in ACTIONS:
            action = "plan"
        assessment = context["assessment"]
        done_ids = assessment.known(request.POST.getlist("done"))
        token = request.POST.get("saved", "")
        now = timezone.now()
        saved = SavedAssessment.objects.find(token, now) if token else None
        if token and saved is None:
            context["message"] = "not_found"
        status = 200
        if action == "erase":
            if saved is not None:
                saved.delete()
                context["message"] = "erased"
            saved = None
        elif action == "save":
            if rate_limited(request, f"readiness:{self.pk}"):
                context["message"] = "rate_limited"
                context["rate_limit_message"] = RATE_LIMIT_MESSAGE
                status = 429
            else:
                # Ticks of phases outside this form (when it shows one phase) stay as they were saved.
                kept = [item for item in (saved.done if saved else []) if item not in set(assessment.item_ids)]
                saved = SavedAssessment.keep(kept + done_ids, get_language(), token=token if saved else None, now=now)
                context["message"] = "saved"
        self._with_ticks(context, done_ids)
        context["saved"] = saved
        context["pdf"] = action == "pdf"
        return status
