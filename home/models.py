from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from hub.core.models import BasePage

from .blocks import AudienceBlock


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
        "cases.CaseSubmissionPage",
        "updates.UpdateIndexPage",
        "core.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Serve the source-language page when this language has no translation of it yet, never a 404.

        The language switcher links an untranslated page as its source path under the other language's
        prefix (/sv/kasikirja/...): that path is not in this tree, so it is looked up in the Finnish tree.

        A page is first looked up by its whole path in one query, rather than level by level; paths that end
        in a routable page's sub-route (…/csv/) fall back to Wagtail's walk down the tree.
        """
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = Page.objects.filter(url_path=url_path).first()
            if found is not None and found.live:
                return found.specific.route(request, [])
        try:
            return super().route(request, path_components)
        except Http404:
            source_home = self.get_translation_or_none(Locale.get_default())
            if source_home is None or source_home.pk == self.pk:
                raise
            return source_home.specific.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().in_menu().specific()
        return context
