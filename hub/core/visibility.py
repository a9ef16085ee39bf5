"""Which pages the public may see, decided from the view restrictions, read once per content generation.

Wagtail reads the restrictions on every call of `PageQuerySet.public()` and, for each page served, those on the
page and its ancestors (two queries). They change only when an editor sets or lifts one, which starts a new
content generation (hub.core.generation), so each worker remembers them until then.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .generation import memo


def restricted_paths():
    """The tree paths of pages with a view restriction: they and every page below them are not public."""
    return memo(("restricted-paths",), lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)))


def alias_paths():
    """The tree paths of alias pages: Wagtail checks their source pages' restrictions instead of theirs."""
    return memo(
        ("alias-paths",), lambda: list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    )


def is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


def public_pages():
    """A filter for a page queryset, as Wagtail's `.public()` without its query: `.filter(public_pages())`."""
    wanted = Q()
    for path in restricted_paths():
        wanted &= ~Q(path__startswith=path)
    return wanted


def may_need_view_restrictions(page):
    """False when no view restriction can apply to `page`: none on it or above it, and no alias on its way."""
    return any(page.path.startswith(path) for path in (*restricted_paths(), *alias_paths()))
