from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from hub.core.generation import memo
from hub.core.models import BasePage

from .blocks import AudienceBlock


def live_pages_by_url_path():
    """{url_path: (content_type_id, pk)} of every live page: one query per content generation."""
    return memo(
        ("live-pages",),
        lambda: {
            path: (ct, pk) for path, ct, pk in Page.objects.live().values_list("url_path", "content_type_id", "pk")
        },
    )


class HomePage(BasePage):
    """The root of each language's site: /fi/, /sv/, /en/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("introduction"))
    audiences = StreamField([("audience", AudienceBlock())], blank=True, verbose_name=_("audiences"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("audiences")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "handbook.HandbookPage",
        "partners.PartnerDirectoryPage",
        "cases.CaseStudyIndexPage",
        "resources.ResourceIndexPage",
        "feedback.FeedbackFormPage",
        "feedback.SurveyResultsPage",
        "cases.CaseSubmissionPage",
        "updates.UpdateIndexPage",
        "core.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing, changed in two ways for every page of this language (each request starts here).

        Speed: Wagtail walks down the tree, one query per level; a page is first looked up by its whole path among
        the live pages' paths, remembered per content generation, and fetched in one query (`live_page_at`).
        Language fallback: a page not yet translated into this language is served in the source language, never a
        404 (`route_in_source_language`).
        """
        page = self.live_page_at(path_components)
        if page is not None:
            return page.route(request, [])
        try:
            return super().route(request, path_components)
        except Http404:
            return self.route_in_source_language(request, path_components)

    def live_page_at(self, path_components):
        """The live page at `path_components` below this one, found by its URL path; else None.

        A path that ends in a routable page's sub-route (…/csv/) is no page's path: it takes Wagtail's walk.
        """
        if not path_components:
            return None
        found = live_pages_by_url_path().get(f"{self.url_path}{'/'.join(path_components)}/")
        if found is None:
            return None
        content_type_id, pk = found
        return ContentType.objects.get_for_id(content_type_id).model_class().objects.filter(pk=pk).first()

    def route_in_source_language(self, request, path_components):
        """Routes `path_components` from the source language's home page; Http404 when this is that page.

        The language switcher links a page not yet translated as its source path under this language's prefix
        (/sv/kasikirja/...): that path is not in this tree, so it is looked up in the Finnish tree.
        """
        source_home = self.get_translation_or_none(Locale.get_default())
        if source_home is None or source_home.pk == self.pk:
            raise Http404
        return source_home.specific.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = self.get_children().live().in_menu().specific().defer_streamfields()
        context["sections"] = memo(("home-sections", self.pk), lambda: list(sections))
        context.update(memo(("home-canvas", self.pk), self.handbook_and_phases))
        return context

    def handbook_and_phases(self):
        """The handbook below this page and its live phases in order, for the model canvas: two queries."""
        handbook = apps.get_model("handbook", "HandbookPage").objects.child_of(self).live().first()
        if handbook is None:
            return {"handbook": None, "handbook_phases": []}
        phase_model = apps.get_model("handbook", "PhasePage")
        return {
            "handbook": handbook,
            "handbook_phases": list(
                phase_model.objects.child_of(handbook).live().defer_streamfields().order_by("number")
            ),
        }
