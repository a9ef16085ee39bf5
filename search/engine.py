"""Matching and ranking analysed queries against the index, in the database's own full-text engine.

A query word matches when any of its terms or compound parts is in an entry; by default every word
must match. Title terms weigh most, then title parts, body terms and body parts, the same on SQLite
(bm25 column weights) and PostgreSQL (ts_rank weights A–D). A phase whose title holds every query
word comes first: readers who type a phase's name are looking for that phase.
"""

import difflib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.functions import Length

from . import elastic
from .analysis import (
    SNOWBALL_LANGUAGES,
    SPLIT_IN_INDEX,
    Alternatives,
    Word,
    analyse,
    analyse_word,
    match_tree,
    spelling_suggestions,
    stem,
)
from .analysis import words as text_words
from .models import SearchEntry, SearchTerm
from .synonyms import known_terms, split_compounds, with_synonyms

MAX_HITS = 1000  # only the best this many hits are returned, counted and faceted
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


# Words that say nothing of a page's topic; a query needs them only when it has no other words.
STOP_WORDS = {
    "fi": set(text_words("ja tai sekä on ovat ei että kun jos mutta myös se ne miten mitä")),
    "sv": set(text_words("och att det som en ett på är av för med till den de om i hur vad eller från vid")),
    "en": set(text_words("the a an of at in on for to and or with by from is are how what do does my our up")),
}


def query_words(text, language):
    """The analysed words of a query, each once, at most MAX_QUERY_WORDS, widened by synonyms and split compounds,
    without stop words unless it has nothing else."""
    seen, result = set(), []
    for word in analyse(text, language):
        if word.surface not in seen:
            seen.add(word.surface)
            result.append(word)
    result = with_synonyms(result[:MAX_QUERY_WORDS], language)
    stop_words = STOP_WORDS.get(language, set())
    content = [word for word in result if isinstance(word, Alternatives) or word.surface not in stop_words]
    result = content or result
    # Swedish compounds are split only when the whole words find nothing (`find`).
    return result if language in SPLIT_IN_INDEX else split_compounds(result, language)


def _alternatives(word):
    return sorted(word.terms | word.parts)


def _without_parts(word):
    if isinstance(word, Alternatives):
        options = tuple(tuple(_without_parts(each) for each in option) for option in word.options)
        return Alternatives(word.surface, options, word.synonyms)
    return Word(word.surface, word.terms, frozenset())


def has_parts(word):
    if isinstance(word, Alternatives):
        return any(has_parts(each) for option in word.options for each in option)
    return bool(word.heads)


# How each database writes a term, "or" and "and".
MATCH_SYNTAX = {
    "sqlite": ('"{}"', " OR ", " AND "),
    "postgresql": ("'{}'", " | ", " & "),
}
HIT_COLUMNS = """e.id, e.page_id, e.content_type_id, e.phase_number, e.phases, e.regions, {rank} AS rank,
    CASE WHEN e.phase_number IS NULL THEN '' ELSE e.title_terms || ' ' || e.title_parts END"""


def match_expression(words, require_all, vendor):
    """The full-text query: every word (or, with `require_all` false, any) matching as `match_tree` says."""
    term, either, both = MATCH_SYNTAX[vendor]

    def write(node):
        kind, value = node
        if kind == "terms":
            return "(" + either.join(term.format(t) for t in sorted(value)) + ")"
        return "(" + (either if kind == "any" else both).join(map(write, value)) + ")"

    return (both if require_all else either).join(write(match_tree(word)) for word in words)


def _rows(language, words, require_all, limit=None):
    limit = limit or MAX_HITS
    if elastic.enabled():
        return elastic.rows(language, words, require_all, limit)
    if connection.vendor == "postgresql":
        sql = f"""SELECT {HIT_COLUMNS.format(rank=f"ts_rank('{POSTGRES_WEIGHTS}', e.document, q)")}
            FROM search_searchentry e, to_tsquery('simple', %s) q
            WHERE e.document @@ q AND e.language = %s
            ORDER BY rank DESC, e.id LIMIT {int(limit)}"""
    else:
        sql = f"""SELECT {HIT_COLUMNS.format(rank=f"-bm25(search_searchentry_fts, {SQLITE_WEIGHTS})")}
            FROM search_searchentry_fts JOIN search_searchentry e ON e.id = search_searchentry_fts.rowid
            WHERE search_searchentry_fts MATCH %s AND e.language = %s
            ORDER BY rank DESC, e.id LIMIT {int(limit)}"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(words, require_all, connection.vendor), language])
        return cursor.fetchall()


def find(language, words, require_all=True):
    """The entries matching the analysed query `words`, best first.

    The words' own terms are tried first; a compound's parts (a Swedish one's found with the index's vocabulary)
    only when that finds nothing, since a page that speaks of "palkka" and "tuki" apart is a weaker match than any
    page about "palkkatuki".
    """
    if not words:
        return []
    rows = _rows(language, [_without_parts(word) for word in words], require_all)
    naming_a_phase, others = [], []
    for row in rows:
        hit = _hit(row)
        title = set(row[-1].split())
        names_phase = bool(title) and all(title & word.terms for word in words)
        (naming_a_phase if names_phase else others).append(hit)
    if not rows:
        words = split_compounds(words, language) if language in SPLIT_IN_INDEX else words
        if any(map(has_parts, words)):
            others = [_hit(row) for row in _rows(language, words, require_all)]
    return naming_a_phase + others  # rows come best first


def _hit(row):
    entry_id, page_id, content_type_id, phase_number, phases, regions, rank, _ = row
    return Hit(entry_id, page_id, content_type_id, phase_number, tuple(phases.split()), tuple(regions.split()), rank)


def correct(language, words):
    """The query with each word unknown to the index replaced by its nearest known word, or None if none changes.

    Known means one of its terms is in the index vocabulary, or, for a compound, its head and another part:
    "palkkatukki" (a log) is a typo here, though both its parts are words. Voikko's suggestions are tried first
    for Finnish, then the vocabulary's words of similar length starting with the same letter.
    """
    alternatives = {term for word in words for term in _alternatives(word)}
    known = known_terms(language, frozenset(alternatives))
    corrected, changed = [], False
    for word in words:
        if known & word.terms or (known & word.heads and known & word.modifiers):
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
        known = known_terms(language, frozenset(wanted))
        for suggestion in suggestions:
            if terms[suggestion] & known:
                return suggestion
    # The vocabulary holds stems in Swedish and English ("accessibility" → access): compare like with like. A
    # misspelt word's stem may be cut shorter than the right word's ("beskrivnig" → beskrivn, beskrivning).
    target = min(analyse_word(surface, language).terms) if language in SNOWBALL_LANGUAGES else surface
    candidates = (
        SearchTerm.objects.filter(language=language, term__startswith=target[:1])
        .annotate(length=Length("term"))
        .filter(length__gte=len(target) - 2, length__lte=max(len(target), len(surface)) + 2)
        .values_list("term", flat=True)
    )
    matches = difflib.get_close_matches(target, list(candidates), n=1, cutoff=0.75)
    if not matches:
        return None
    return _as_written(language, matches[0], surface) if language in SNOWBALL_LANGUAGES else matches[0]


def _as_written(language, term, typed):
    """The word as the pages write it whose stem is `term`, nearest to what the reader `typed`: "prislista" for
    the stem "prislist", not the stem itself, which is seldom a word."""
    rows = _rows(language, [Word(term, frozenset({term}), frozenset())], require_all=True, limit=1)
    entry = SearchEntry.objects.filter(pk__in=[row[0] for row in rows]).values_list("title", "text").first()
    written = {word.lower() for word in text_words(" ".join(entry or ())) if stem(word.lower(), language) == term}
    return max(written, key=lambda word: difflib.SequenceMatcher(None, word, typed).ratio(), default=term)


@dataclass
class Outcome:
    hits: list
    corrected: str | None = None
    partial: bool = False
    also: list = field(default_factory=list)  # the synonyms searched for too


def _synonyms(words):
    return [synonym for word in words if isinstance(word, Alternatives) for synonym in word.synonyms]


def run_query(query, language):
    """The hits for `query`: all words first, then a spelling correction, then any of the words."""
    words = query_words(query, language)
    hits = find(language, words)
    if hits:
        return Outcome(hits, also=_synonyms(words))
    corrected = correct(language, words)
    if corrected:
        words = query_words(corrected, language)
        hits = find(language, words)
        if hits:
            return Outcome(hits, corrected=corrected, also=_synonyms(words))
    hits = find(language, words, require_all=False)
    if not hits:
        return Outcome([])
    return Outcome(hits, corrected=corrected, partial=True, also=_synonyms(words))
