"""The query's words widened with the editors' synonyms and, in Swedish and English, with a compound's pieces.

A run of query words that matches a phrase of a synonym group (by base form or stem) becomes `Alternatives`: the
reader's words or any other phrase of the group. A Swedish query word the index does not know is split into words it
does know ("lönestöd": the pages about "lön" and "stöd"), and an English one may be written apart too ("timesheet",
"time sheet").
"""

from functools import lru_cache

from hub.core.generation import memo, request_generation

from .analysis import (
    MIN_COMPOUND,
    SNOWBALL_LANGUAGES,
    SPLIT_IN_INDEX,
    Alternatives,
    analyse,
    piece_candidates,
    split_compound,
    with_pieces,
)
from .models import SearchSynonym, SearchTerm

MAX_OPTIONS = 8
MAX_SPLIT_LENGTH = 30


def _groups(language):
    """Each synonym group of `language` as [(phrase, analysed words), ...]."""

    def build():
        groups = []
        for synonym in SearchSynonym.objects.filter(language=language):
            phrases = [(phrase, tuple(analyse(phrase, language))) for phrase in synonym.phrases()]
            groups.append([(phrase, words) for phrase, words in phrases if words])
        return groups

    return memo(f"search-synonyms:{language}", build)


def _matches(words, phrase_words):
    return len(words) == len(phrase_words) and all(
        word.terms & phrase_word.terms for word, phrase_word in zip(words, phrase_words, strict=True)
    )


def with_synonyms(words, language):
    """`words` with each run that a synonym group names replaced by `Alternatives` of the group's phrases."""
    groups = _groups(language)
    if not groups:
        return words
    longest = max(len(phrase_words) for group in groups for _, phrase_words in group)
    result, start = [], 0
    while start < len(words):
        for length in range(min(longest, len(words) - start), 0, -1):
            run = words[start : start + length]
            others = [
                (phrase, phrase_words)
                for group in groups
                if any(_matches(run, phrase_words) for _, phrase_words in group)
                for phrase, phrase_words in group
                if not _matches(run, phrase_words)
            ][:MAX_OPTIONS]
            if others:
                surface = " ".join(word.surface for word in run)
                options = (tuple(run),) + tuple(phrase_words for _, phrase_words in others)
                result.append(Alternatives(surface, options, tuple(phrase for phrase, _ in others)))
                start += length
                break
        else:
            result.append(words[start])
            start += 1
    return result


def known_terms(language, terms):
    """Which of `terms` the index's vocabulary has; the last answers are remembered for the content generation."""
    generation = request_generation.get()
    if not generation:  # outside a request, or after a change in it
        return _known_terms(language, terms)
    return _remembered_known_terms(language, terms, generation)


def _known_terms(language, terms):
    return frozenset(SearchTerm.objects.filter(language=language, term__in=terms).values_list("term", flat=True))


@lru_cache(maxsize=256)
def _remembered_known_terms(language, terms, generation):
    return _known_terms(language, terms)


def split_compounds(words, language):
    """Swedish query words that the index does not know split into words it knows, as a compound's parts; English
    closed compounds also as written apart. One query of the index's vocabulary."""
    if language not in SNOWBALL_LANGUAGES:
        return words
    splittable = [
        word
        for word in words
        if not isinstance(word, Alternatives) and MIN_COMPOUND <= len(word.surface) <= MAX_SPLIT_LENGTH
    ]
    candidates = set().union(*(word.terms | piece_candidates(word.surface, language) for word in splittable))
    if not candidates:
        return words
    known = known_terms(language, frozenset(candidates))

    def split(word):
        if word not in splittable:
            return word
        if language in SPLIT_IN_INDEX:  # a compound the index has not seen whole: its pieces together
            return word if word.terms & known else with_pieces(word, language, known.__contains__)
        pieces = split_compound(word.surface, language, known.__contains__)
        if not pieces:
            return word
        # Written apart as often as together: either way is the same word.
        return Alternatives(word.surface, ((word,), tuple(analyse(" ".join(pieces), language))))

    return [split(word) for word in words]
