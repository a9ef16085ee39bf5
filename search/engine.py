"""Matching and ranking analysed queries against the index, in the database's own full-text engine.

A query word matches when any of its terms or compound parts is in an entry; by default every word
must match. Title terms weigh most, then title parts, body terms and body parts, the same on SQLite
(bm25 column weights) and PostgreSQL (ts_rank weights A–D). A phase whose title holds every query
word comes first: readers who type a phase's name are looking for that phase.
"""

import difflib
from dataclasses import dataclass

from django.db import connection
from django.db.models.functions import Length

from . import elastic
from .analysis import Word, analyse, analyse_word, spelling_suggestions
from .models import SearchTerm

MAX_HITS = 1000  # only the best this many hits are returned, counted and faceted
FEW_HITS = 10
MAX_QUERY_WORDS = 12
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 0.4"
POSTGRES_WEIGHTS = "{0.04, 0.1, 0.4, 1.0}"  # D, C, B, A


@dataclass(frozen=True)
class Hit:
    entry_id: int
    page_id: int
    content_type_id: int
    phase_number: int | None
    phases: tuple
    regions: tuple
    rank: float


def query_words(text, language):
    """The analysed words of a query, each once, at most MAX_QUERY_WORDS."""
    seen, result = set(), []
    for word in analyse(text, language):
        if word.surface not in seen:
            seen.add(word.surface)
            result.append(word)
    return result[:MAX_QUERY_WORDS]


def _alternatives(word):
    return sorted(word.terms | word.parts)


def _without_parts(word):
    return Word(word.surface, word.terms, frozenset())


def _sqlite_match(words, require_all):
    """FTS5: a word's terms match anywhere, its compound parts only where they are compound parts too."""
    groups = []
    for word in words:
        alternatives = [f'"{term}"' for term in sorted(word.terms)]
        alternatives += [f'{{title_parts body_parts}}: "{part}"' for part in sorted(word.parts)]
        groups.append("(" + " OR ".join(alternatives) + ")")
    return (" AND " if require_all else " OR ").join(groups)


def _postgres_match(words, require_all):
    """tsquery: as on SQLite; weights B and D are the parts columns."""
    groups = []
    for word in words:
        alternatives = [f"'{term}'" for term in sorted(word.terms)] + [f"'{part}':BD" for part in sorted(word.parts)]
        groups.append("(" + " | ".join(alternatives) + ")")
    return (" & " if require_all else " | ").join(groups)


def _rows(language, words, require_all):
    if elastic.enabled():
        return elastic.rows(language, words, require_all, MAX_HITS)
    if connection.vendor == "postgresql":
        sql = f"""
            SELECT e.id, e.page_id, e.content_type_id, e.phase_number, e.phases, e.regions,
                   ts_rank('{POSTGRES_WEIGHTS}', e.document, q) AS rank,
                   CASE WHEN e.phase_number IS NULL THEN '' ELSE e.title_terms || ' ' || e.title_parts END
            FROM search_searchentry e, to_tsquery('simple', %s) q
            WHERE e.language = %s AND e.document @@ q
            ORDER BY rank DESC, e.id LIMIT {MAX_HITS}"""
        params = [_postgres_match(words, require_all), language]
    else:
        sql = f"""
            SELECT e.id, e.page_id, e.content_type_id, e.phase_number, e.phases, e.regions,
                   -bm25(search_searchentry_fts, {SQLITE_WEIGHTS}) AS rank,
                   CASE WHEN e.phase_number IS NULL THEN '' ELSE e.title_terms || ' ' || e.title_parts END
            FROM search_searchentry_fts JOIN search_searchentry e ON e.id = search_searchentry_fts.rowid
            WHERE search_searchentry_fts MATCH %s AND e.language = %s
            ORDER BY rank DESC, e.id LIMIT {MAX_HITS}"""
        params = [_sqlite_match(words, require_all), language]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def find(language, words, require_all=True):
    """The entries matching the analysed query `words`, best first.

    The words' own terms are tried first; their compound parts are added only when that finds fewer than
    FEW_HITS entries, since a part such as "työ" matches most pages: a weak, slow match to keep for last.
    """
    if not words:
        return []
    rows = _rows(language, [_without_parts(word) for word in words], require_all)
    if len(rows) < FEW_HITS and any(word.parts for word in words):
        rows = _rows(language, words, require_all)
    hits = []
    for entry_id, page_id, content_type_id, phase_number, phases, regions, rank, phase_title in rows:
        title = set(phase_title.split())
        names_phase = bool(title) and all(title & word.terms for word in words)
        hits.append(
            (
                not names_phase,
                Hit(
                    entry_id,
                    page_id,
                    content_type_id,
                    phase_number,
                    tuple(phases.split()),
                    tuple(regions.split()),
                    rank,
                ),
            )
        )
    hits.sort(key=lambda pair: (pair[0], -pair[1].rank, pair[1].entry_id))
    return [hit for _, hit in hits]


def correct(language, words):
    """The query with each word unknown to the index replaced by its nearest known word, or None if none changes.

    Known means one of its terms or parts is in the index vocabulary. Voikko's suggestions are tried first
    for Finnish, then the vocabulary's words of similar length starting with the same letter.
    """
    alternatives = {term for word in words for term in _alternatives(word)}
    known = set(SearchTerm.objects.filter(language=language, term__in=alternatives).values_list("term", flat=True))
    corrected, changed = [], False
    for word in words:
        if known & set(_alternatives(word)):
            corrected.append(word.surface)
            continue
        replacement = _nearest(language, word.surface)
        changed = changed or replacement is not None
        corrected.append(replacement or word.surface)
    return " ".join(corrected) if changed else None


def _nearest(language, surface):
    suggestions = spelling_suggestions(surface, language)
    if suggestions:
        terms = {suggestion: analyse_word(suggestion, language).terms for suggestion in suggestions}
        wanted = set().union(*terms.values())
        known = set(SearchTerm.objects.filter(language=language, term__in=wanted).values_list("term", flat=True))
        for suggestion in suggestions:
            if terms[suggestion] & known:
                return suggestion
    candidates = (
        SearchTerm.objects.filter(language=language, term__startswith=surface[:1])
        .annotate(length=Length("term"))
        .filter(length__gte=len(surface) - 2, length__lte=len(surface) + 2)
        .values_list("term", flat=True)
    )
    matches = difflib.get_close_matches(surface, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None
