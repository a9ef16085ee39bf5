from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import checks  # noqa: F401
        from .indexing import on_published, on_unpublished

        page_published.connect(on_published, dispatch_uid="search-index-published")
        page_unpublished.connect(on_unpublished, dispatch_uid="search-index-unpublished")
        explain_promotions_per_language()


def explain_promotions_per_language():
    """Wagtail's promoted results are not per language: the admin says how the search shows them in each."""
    from wagtail.contrib.search_promotions.forms import SearchPromotionsFormSet

    SearchPromotionsFormSet.form.base_fields["description"].help_text = _(
        "Shown with the chosen page in the page's own language; when left empty, the page's summary is shown. In the "
        "other languages the page's translation is recommended with its own summary, and in a language the page has "
        "not been translated into it is not recommended. An external link is shown in every language with this "
        "description."
    )
