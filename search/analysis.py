"""Text analysis for search: the one place where words become index terms, for every backend.

Finnish goes through Voikko to base forms and compound parts ("kyläyhdistyksille" → kyläyhdistys;
parts kylä, yhdistys); Swedish and English through their Snowball stemmers. A word gives *terms*
(its base forms or stem, or the word itself when the analysis does not know it) and *parts* (the pieces
of a compound). Parts are indexed in columns
of their own with a lower weight, so a page sharing only "yhdistys" ranks below a "kyläyhdistys" page.
Without Voikko, Finnish falls back to the lower-cased word alone, and `voikko_missing()` says so.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 60
SNOWBALL_LANGUAGES = {"sv": "swedish", "en": "english"}
# Voikko's WORDBASES: "+kylä(kylä)+yhdist(yhdistää)+ys(+ys)"; a base starting with "+" is a suffix.
WORDBASE = re.compile(r"\+([^+(]*)\(([^)]*)\)")


@dataclass(frozen=True)
class Word:
    """One analysed word: its terms (base forms or stem; the word itself when it has none) and compound parts."""

    surface: str
    terms: frozenset
    parts: frozenset


@lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException):
        return None


def voikko_missing():
    """True when Finnish analysis falls back to plain words: libvoikko or its Finnish dictionary is missing."""
    return _voikko() is None


def _compound_parts(wordbases):
    """The compound's components in base form: "+työn(työ)+anta(antaa)+ja(+ja)" → työ, antaja."""
    components = []
    for surface, base in WORDBASE.findall(wordbases):
        if base.startswith("+") and components:
            components[-1].append((surface, base))
        else:
            components.append([(surface, base)])
    parts = []
    for component in components:
        if len(component) == 1:
            parts.append(component[0][1] or component[0][0])
        elif component[-1][1] == "+inen" and component[-1][0].startswith("is"):
            parts.append("".join(surface for surface, _ in component[:-1]) + "inen")
        else:
            parts.append("".join(surface for surface, _ in component))
    if len(parts) < 2:
        return set()
    # "pitkäaikaistyötön" also holds "pitkäaikainen": the joined leading components count as a part.
    joined = {"".join(parts[:end]) for end in range(2, len(parts))}
    return {part.lower() for part in parts + sorted(joined) if len(part) > 1}


@lru_cache(maxsize=100_000)
def _finnish(word):
    voikko = _voikko()
    terms, parts = set(), set()
    if voikko is not None:
        for analysis in voikko.analyze(word):
            base = analysis.get("BASEFORM")
            if base:
                terms.add(base.lower())
            parts |= _compound_parts(analysis.get("WORDBASES", ""))
    terms = terms or {word}
    return Word(word, frozenset(terms), frozenset(parts - terms))


@lru_cache(maxsize=4)
def _stemmer(language):
    import snowballstemmer  # on the first search: each worker would hold every language's stemmer otherwise

    return snowballstemmer.stemmer(SNOWBALL_LANGUAGES[language])


@lru_cache(maxsize=100_000)
def _stemmed(word, language):
    return Word(word, frozenset({_stemmer(language).stemWord(word)}), frozenset())


def analyse_word(word, language):
    word = word.lower()[:MAX_WORD_LENGTH]
    if language == "fi":
        return _finnish(word)
    if language in SNOWBALL_LANGUAGES:
        return _stemmed(word, language)
    return Word(word, frozenset({word}), frozenset())


def words(text):
    return WORD.findall(text or "")


def analyse(text, language):
    """The analysed words of `text`, in order."""
    return [analyse_word(word, language) for word in words(text)]


def index_columns(text, language):
    """(terms, parts) of `text` as space-separated strings: what the index stores for it."""
    analysed = analyse(text, language)
    terms = " ".join(term for word in analysed for term in sorted(word.terms))
    parts = " ".join(part for word in analysed for part in sorted(word.parts))
    return terms, parts


def spelling_suggestions(word, language):
    """Voikko's corrections of a misspelt Finnish word (others get none)."""
    voikko = _voikko() if language == "fi" else None
    if voikko is None or voikko.spell(word):
        return []
    return [suggestion.lower() for suggestion in voikko.suggest(word)]
