"""A case story sent through the public form becomes a draft case study in the moderators' workflow.

The draft and its images are saved in one transaction; the moderation workflow (which emails the
moderators) starts only after that has been committed, and a failure there is logged, never losing the story.
When nobody in the workflow's groups can be emailed, the editors are told instead (Wagtail itself tells the
superusers), and the sender gets a receipt with the reference in the language of the form.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from hub.core.facts import asked_facts, fill
from hub.core.loader import paragraphs
from hub.core.models import SiteSettings
from hub.core.protection import accept_submission
from hub.core.uploads import release_held_image, remove_expired_held_images

from .forms import CaseSubmissionForm
from .images import store_image
from .models import CaseOrigin, CaseStudyIndexPage, CaseStudyPage
from .story_images import unmoderated_collection

logger = logging.getLogger(__name__)


def new_reference():
    return "KT-" + secrets.token_hex(4).upper()


def create_draft(index, answers):
    """The draft CaseStudyPage under `index` made from the form's cleaned answers, with its images."""
    locale = index.locale
    images = []
    private = unmoderated_collection() if answers["images"] else None
    for number, (content, alt) in enumerate(answers["images"], start=1):
        extension = content.name.rsplit(".", 1)[-1]
        title = f"{answers['title'][:200]} ({number})"
        image = store_image(title, alt, content.read(), f"tarina-{number}.{extension}", collection=private)
        images.append(("image", {"image": image, "alt": alt, "caption": ""}))
    page = CaseStudyPage(
        locale=locale,
        title=answers["title"],
        summary=answers["summary"],
        live=False,
        is_example=False,
        origin=CaseOrigin.ASSOCIATION,
        story=paragraphs(answers["story"]),
        lessons=[("lesson", line.strip()) for line in answers.get("lessons", "").splitlines() if line.strip()],
        indicators=[("indicator", row) for row in answers["indicators"]],
        images=images,
        reference=new_reference(),
        submitted_at=timezone.now(),
    )
    fill(page, answers, asked_facts(CaseStudyPage))
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


EDITORS = "Editors"


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
        return
    notify_fallback_reviewers(page)


def reachable(users):
    return users.filter(is_active=True).exclude(email="").distinct()


def fallback_reviewers(page):
    """Who to tell about a new story when nobody in its task's groups can be emailed: the editors, else the
    superusers unless Wagtail already includes them in its own notification."""
    users = get_user_model().objects
    task = page.current_workflow_task
    groups = getattr(task.specific, "groups", None) if task else None
    if groups is None or reachable(users.filter(groups__in=groups.all())).exists():
        return []
    wagtail_tells_superusers = getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True)
    editors = reachable(users.filter(groups__name=EDITORS))
    if wagtail_tells_superusers:
        return list(editors.exclude(is_superuser=True))
    return list(editors) or list(reachable(users.filter(is_superuser=True)))


def one_line(text):
    return " ".join(str(text).split())


def notify_fallback_reviewers(page):
    """Emails the fallback reviewers, each in their admin language; a failure is logged, the story kept."""
    address = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])
    try:
        recipients = fallback_reviewers(page)
    except Exception:
        logger.exception("Could not find who to tell about case study %s.", page.pk)
        return
    for user in recipients:
        # Not the sender's form language, which is active here: the reviewer's own, else the site's.
        with translation.override(UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE):
            subject = one_line(_("New story waiting for moderation: %(title)s") % {"title": page.title})
            body = "\n\n".join(
                [
                    _("A story was sent through the website's story form: “%(title)s” from %(village)s.")
                    % {"title": one_line(page.title), "village": one_line(page.village)},
                    _("Reference: %(reference)s") % {"reference": page.reference},
                    _(
                        "Nobody in the Moderators group can be emailed, so this message goes to you. "
                        "Read the story and approve or reject it here:"
                    ),
                    address,
                    _("Add people to the Moderators group so that they are told about new stories."),
                ]
            )
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:
            logger.exception("Could not tell %s about case study %s.", user.pk, page.pk)


def send_receipt(page_id):
    """Emails the sender a receipt with the reference, in the language of the form they used."""
    page = CaseStudyPage.objects.filter(pk=page_id).select_related("locale").first()
    if page is None or not page.submitter_email:
        return
    with translation.override(page.locale.language_code):
        subject = one_line(_("Your story has been received: %(reference)s") % {"reference": page.reference})
        body = "\n\n".join(
            [
                _("Thank you for sending your story “%(title)s” to %(site)s.")
                % {"title": one_line(page.title), "site": settings.WAGTAIL_SITE_NAME},
                _("Your reference is %(reference)s. Please mention it if you contact us about the story.")
                % {"reference": page.reference},
                _(
                    "What happens next: the moderators read the story before it is published and may contact you "
                    "at this address. The story is not shown on the site before they have approved it."
                ),
                _("You receive this message because this address was given in the story form."),
            ]
        )
    try:
        send_mail(subject, body, None, [page.submitter_email])
    except Exception:
        logger.exception("Could not send the receipt for case study %s.", page_id)


def serve_submission_page(page, request):
    index = CaseStudyIndexPage.objects.filter(locale=page.locale).first()
    status = 200
    reference = None
    if request.method == "POST" and index is not None:
        remove_expired_held_images()
        form = CaseSubmissionForm(request.POST, request.FILES, locale=page.locale)

        def save(form):
            held = form.held_tokens()
            with transaction.atomic():
                draft = create_draft(index, form.answers())
                transaction.on_commit(lambda: start_moderation(draft.pk))
                transaction.on_commit(lambda: send_receipt(draft.pk))
                transaction.on_commit(lambda: [release_held_image(token) for token in held])
            return f"{page.url}?reference={draft.reference}"

        redirect_to, status = accept_submission(request, form, f"case-story:{page.translation_key}", save)
        if redirect_to:
            return HttpResponseRedirect(redirect_to)
        try:
            form.hold_images()
        except OSError:  # the media folder cannot be written: the text is still shown back
            logger.exception("Could not keep the images of a story that was not stored.")
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
