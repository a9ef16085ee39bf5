"""Which pages the public may see, decided from one read of the view restrictions.

Wagtail's `PageQuerySet.public()` reads the restrictions on every call; a view that lists several sections,
or the search index over thousands of pages, reads them once with `restricted_paths()` and passes them on.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def restricted_paths():
    """The tree paths of pages with a view restriction: they and every page below them are not public."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


def public_only(pages, restricted):
    """`pages` without those at or below a restricted path."""
    hidden = Q()
    for path in restricted:
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if restricted else pages
