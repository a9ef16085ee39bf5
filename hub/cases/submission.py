"""A case story sent through the public form becomes a draft case study in the moderators' workflow.

The draft and its images are saved in one transaction; the moderation workflow (which emails the
moderators) starts only after that has been committed, and a failure there is logged, never losing the story.
"""

import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hub.core.content import paragraphs
from hub.core.models import EmploymentForm, FundingSource, Region, ServiceType, SiteSettings
from hub.core.phases import source_phases
from hub.core.protection import accept_submission

from .forms import CaseSubmissionForm
from .images import store_image
from .models import CaseOrigin, CaseStudyIndexPage, CaseStudyPage

logger = logging.getLogger(__name__)


def new_reference():
    return "KT-" + secrets.token_hex(4).upper()


def create_draft(index, answers):
    """The draft CaseStudyPage under `index` made from the form's cleaned answers, with its images."""
    locale = index.locale
    images = []
    for number, (content, alt) in enumerate(answers["images"], start=1):
        extension = content.name.rsplit(".", 1)[-1]
        image = store_image(f"{answers['title'][:200]} ({number})", alt, content.read(), f"tarina-{number}.{extension}")
        images.append(("image", {"image": image, "alt": alt, "caption": ""}))
    page = CaseStudyPage(
        title=answers["title"],
        summary=answers["summary"],
        live=False,
        is_example=False,
        origin=CaseOrigin.ASSOCIATION,
        village=answers["village"],
        region=Region.objects.filter(locale=locale, slug=answers["region"]).first(),
        status=answers["status"],
        year_started=answers.get("year_started"),
        year_ended=answers.get("year_ended"),
        people_employed=answers.get("people_employed"),
        story=paragraphs(answers["story"]),
        lessons=[("lesson", line.strip()) for line in answers.get("lessons", "").splitlines() if line.strip()],
        indicators=[("indicator", row) for row in answers["indicators"]],
        images=images,
        contact_name=answers.get("contact_name", ""),
        contact_email=answers.get("contact_email", ""),
        submitter_name=answers["submitter_name"],
        submitter_email=answers["submitter_email"],
        reference=new_reference(),
        submitted_at=timezone.now(),
    )
    page.services = ServiceType.named(locale, answers["services"])
    page.employment_forms = EmploymentForm.named(locale, answers["employment_forms"])
    page.funding_sources = FundingSource.named(locale, answers["funding_sources"])
    page.phases = source_phases(answers["phases"])
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


def start_moderation(page_id):
    """Puts the draft into its workflow, which notifies the moderators; the draft is kept whatever happens."""
    try:
        page = CaseStudyPage.objects.get(pk=page_id)
        workflow = page.get_workflow()
        if workflow is None:
            logger.error("No moderation workflow covers case study %s; it waits as a draft.", page_id)
            return
        # The moderators read their notification in the site's language, not in the sender's.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            workflow.start(page, user=None)
    except Exception:
        logger.exception("Could not start moderation for case study %s; it is kept as a draft.", page_id)


def serve_submission_page(page, request):
    index = CaseStudyIndexPage.objects.filter(locale=page.locale).first()
    status = 200
    reference = None
    if request.method == "POST" and index is not None:
        form = CaseSubmissionForm(request.POST, request.FILES, locale=page.locale)

        def save(form):
            with transaction.atomic():
                draft = create_draft(index, form.answers())
                transaction.on_commit(lambda: start_moderation(draft.pk))
            return f"{page.url}?reference={draft.reference}"

        redirect_to, status = accept_submission(request, form, f"case-story:{page.translation_key}", save)
        if redirect_to:
            return HttpResponseRedirect(redirect_to)
    else:
        form = CaseSubmissionForm(locale=page.locale)
        candidate = request.GET.get("reference", "")
        if candidate and CaseStudyPage.objects.filter(reference=candidate).exists():
            reference = candidate
    privacy = SiteSettings.for_request(request).privacy_page
    if privacy is not None:
        privacy = privacy.localized
        form.fields["consent"].help_text = format_html('<a href="{}">{}</a>', privacy.url, _("Read the privacy notice"))
    context = page.get_context(request)
    context.update(form=form, reference=reference, accepting=index is not None)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response
