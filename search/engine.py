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


# How each database writes a term, a compound part (only in the parts columns), "or" and "and".
MATCH_SYNTAX = {
    "sqlite": ('"{}"', '{{title_parts body_parts}}: "{}"', " OR ", " AND "),
    "postgresql": ("'{}'", "'{}':BD", " | ", " & "),  # weights B and D are the parts columns
}
HIT_COLUMNS = """e.id, e.page_id, e.content_type_id, e.phase_number, e.phases, e.regions, {rank} AS rank,
    CASE WHEN e.phase_number IS NULL THEN '' ELSE e.title_terms || ' ' || e.title_parts END"""


def match_expression(words, require_all, vendor):
    """The full-text query: a word's terms match anywhere, its compound parts only where they are parts too."""
    term, part, either, both = MATCH_SYNTAX[vendor]
    groups = [
        "("
        + either.join([term.format(t) for t in sorted(word.terms)] + [part.format(p) for p in sorted(word.parts)])
        + ")"
        for word in words
    ]
    return (both if require_all else either).join(groups)


def _rows(language, words, require_all):
    if elastic.enabled():
        return elastic.rows(language, words, require_all, MAX_HITS)
    if connection.vendor == "postgresql":
        sql = f"""SELECT {HIT_COLUMNS.format(rank=f"ts_rank('{POSTGRES_WEIGHTS}', e.document, q)")}
            FROM search_searchentry e, to_tsquery('simple', %s) q
            WHERE e.document @@ q AND e.language = %s
            ORDER BY rank DESC, e.id LIMIT {MAX_HITS}"""
    else:
        sql = f"""SELECT {HIT_COLUMNS.format(rank=f"-bm25(search_searchentry_fts, {SQLITE_WEIGHTS})")}
            FROM search_searchentry_fts JOIN search_searchentry e ON e.id = search_searchentry_fts.rowid
            WHERE search_searchentry_fts MATCH %s AND e.language = %s
            ORDER BY rank DESC, e.id LIMIT {MAX_HITS}"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(words, require_all, connection.vendor), language])
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
    naming_a_phase, others = [], []
    for entry_id, page_id, content_type_id, phase_number, phases, regions, rank, phase_title in rows:
        hit = Hit(entry_id, page_id, content_type_id, phase_number, tuple(phases.split()), tuple(regions.split()), rank)
        title = set(phase_title.split())
        names_phase = bool(title) and all(title & word.terms for word in words)
        (naming_a_phase if names_phase else others).append(hit)
    return naming_a_phase + others  # rows come best first


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


@dataclass
class Outcome:
    hits: list
    corrected: str | None = None
    partial: bool = False


def run_query(query, language):
    """The hits for `query`: all words first, then a spelling correction, then any of the words."""
    words = query_words(query, language)
    hits = find(language, words)
    if hits:
        return Outcome(hits)
    corrected = correct(language, words)
    if corrected:
        hits = find(language, query_words(corrected, language))
        if hits:
            return Outcome(hits, corrected=corrected)
    hits = find(language, query_words(corrected or query, language), require_all=False)
    return Outcome(hits, corrected=corrected if hits else None, partial=bool(hits))
