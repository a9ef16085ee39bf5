"""Text analysis for search: the one place where words become index terms, for every backend.

Finnish goes through Voikko to base forms and compound parts ("kyläyhdistyksille" → kyläyhdistys;
parts kylä, yhdistys), and a derived word also gives the verb it comes from, so that the noun finds the
verb ("määrittely", "määritellään" → määrittää; "arviointi" → arvioida). Swedish and English go through
their Snowball stemmers, and their compounds are split with the site's own vocabulary (see `split_compound`).
A word gives *terms* (its base forms or stem, or the word itself when the analysis does not know it) and
*parts* (the pieces of a compound). Parts are indexed in columns of their own with a lower weight, so a page
sharing only "yhdistys" ranks below a "kyläyhdistys" page.
Without Voikko, Finnish falls back to the lower-cased word alone, and `voikko_missing()` says so.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 60
SNOWBALL_LANGUAGES = {"sv": "swedish", "en": "english"}
# Voikko's WORDBASES: "+kylä(kylä)+yhdist(yhdistää)+ys(+ys)"; a base starting with "+" is a suffix, and a piece
# without a base ("+n" in "+toimi(toimia)+n+ta(+ta)") belongs to the word before it.
WORDBASE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


@dataclass(frozen=True)
class Word:
    """One analysed word: its terms (base forms or stem; the word itself when it has none) and compound parts."""

    surface: str
    terms: frozenset
    parts: frozenset
    heads: frozenset = frozenset()  # the parts that end a compound: "tuki" of "palkkatuki"

    @property
    def modifiers(self):
        """The parts before the head: "palkka" of "palkkatuki", "kylä" and "kyläyhdistys" of "kyläyhdistystoiminta"."""
        return self.parts - self.heads


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
    """The compound's components in base form and its head: "+työn(työ)+anta(antaa)+ja(+ja)" → {työ, antaja}, antaja."""
    components = []
    for surface, base in WORDBASE.findall(wordbases):
        if (not base or base.startswith("+")) and components:
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
        return set(), None
    # "pitkäaikaistyötön" also holds "pitkäaikainen", "työnantajavalmius" "työnantaja": the leading components
    # joined as written, the last of them in base form, count as a part.
    surfaces = ["".join(surface for surface, _ in component) for component in components]
    joined = {"".join(surfaces[: end - 1]) + parts[end - 1] for end in range(2, len(parts))}
    return {part.lower() for part in parts + sorted(joined) if len(part) > 1}, parts[-1].lower()


@lru_cache(maxsize=10_000)
def _is_verb(word):
    return any(analysis.get("CLASS") == "teonsana" for analysis in _voikko().analyze(word))


def _derived_from(wordbases):
    """The verb a non-compound word is derived from: "+arvioi(arvioida)+n+ti(+ti)" → arvioida; else None.

    Only verbs: "työllisyys" comes from "työ" through an adjective, and would match every page about work.
    """
    bases = [base for _, base in WORDBASE.findall(wordbases) if base and not base.startswith("+")]
    if len(bases) == 1 and _is_verb(bases[0]):
        return bases[0].lower()
    return None


@lru_cache(maxsize=100_000)
def _finnish(word):
    voikko = _voikko()
    terms, parts, heads = set(), set(), set()
    if voikko is not None:
        for analysis in voikko.analyze(word):
            base = analysis.get("BASEFORM")
            if base:
                terms.add(base.lower())
            wordbases = analysis.get("WORDBASES", "")
            components, head = _compound_parts(wordbases)
            parts |= components
            heads |= {head} if head else set()
            root = _derived_from(wordbases)
            if root:
                terms.add(root)
    terms = terms or {word}
    parts -= terms
    return Word(word, frozenset(terms), frozenset(parts), frozenset(heads & parts))


@lru_cache(maxsize=4)
def _stemmer(language):
    # Imported on the first search. With PyStemmer installed (requirements.txt), snowballstemmer hands out its C
    # stemmers: the same Snowball 3.1 algorithms in a third of the memory of its pure-Python modules.
    import snowballstemmer

    return snowballstemmer.stemmer(SNOWBALL_LANGUAGES[language])


@lru_cache(maxsize=100_000)
def _stemmed(word, language):
    return Word(word, frozenset({stem(word, language)}), frozenset())


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


def index_columns(text, language, vocabulary=None):
    """(terms, parts) of `text` as space-separated strings: what the index stores for it.

    With a `vocabulary` (the index's stems), Swedish compounds are split into the known words they are made of.
    """
    analysed = analyse(text, language)
    if vocabulary and language in SPLIT_IN_INDEX:
        analysed = [with_pieces(word, language, vocabulary.__contains__) for word in analysed]
    terms = " ".join(term for word in analysed for term in sorted(word.terms))
    parts = " ".join(part for word in analysed for part in sorted(word.parts))
    return terms, parts


# Swedish and English compounds are split with the site's own vocabulary: a piece is a word the index knows.
# Swedish ones are always written together ("dataskyddsbeskrivning") and are split in the index too; English ones
# are written apart, together or hyphenated ("time sheet", "timesheet"), so a query word is also looked for apart.
SPLIT_IN_INDEX = {"sv"}
LINKING_LETTERS = ("s", "e")  # "dataskydd-s-beskrivning", "pojk-e-…"
MIN_PIECE = 3
MIN_HEAD = 4  # "säker-het", "ans-var": three-letter ends are mostly suffixes
SUFFIX_LIKE = {"ning", "else", "ande", "ende", "skap", "lighet", "ighet", "ment", "tion", "ness", "less", "able"}
MIN_COMPOUND = 7


@lru_cache(maxsize=10_000)  # a worker's compound splitting asks again for the same pieces
def stem(word, language):
    return _stemmer(language).stemWord(word)


def piece_candidates(word, language):
    """Every stem that `split_compound` may ask about for `word`."""
    if len(word) < MIN_COMPOUND:
        return set()
    pieces = {word[start:end] for start in range(len(word)) for end in range(start + MIN_PIECE, len(word) + 1)}
    return {stem(piece, language) for piece in pieces}


def split_compound(word, language, known):
    """The pieces of a Swedish or English compound, each a word whose stem `known(stem)` accepts, or None.

    The longest known last piece is tried first; the rest may end in a linking letter and may itself be a compound.
    """
    if len(word) < MIN_COMPOUND:
        return None

    def split(rest):
        for start in range(MIN_PIECE, len(rest) - MIN_HEAD + 1):
            head = rest[start:]
            if head in SUFFIX_LIKE or not known(stem(head, language)):
                continue
            left = rest[:start]
            for modifier in [left] + ([left[:-1]] if left.endswith(LINKING_LETTERS) else []):
                if len(modifier) < MIN_PIECE:
                    continue
                if known(stem(modifier, language)):
                    return [modifier, head]
                pieces = split(modifier)
                if pieces:
                    return pieces + [head]
        return None

    return split(word)


def with_pieces(word, language, known):
    """`word` with the stems of its compound's pieces as parts and its last piece as head, when it splits."""
    pieces = split_compound(word.surface, language, known)
    if not pieces:
        return word
    joined = ["".join(pieces[:end]) for end in range(2, len(pieces))]
    parts = {stem(piece, language) for piece in pieces + joined} - word.terms
    head = stem(pieces[-1], language)
    return Word(word.surface, word.terms, frozenset(parts), frozenset({head}) & parts)


@dataclass(frozen=True)
class Alternatives:
    """A query word or phrase that may be written in other ways, matching by any of its options, each a run of
    words that must all match: "timesheet" or "time sheet"; a synonym list's "lönestöd" or "lönesubvention"."""

    surface: str
    options: tuple  # tuples of Words, the reader's own first
    synonyms: tuple = ()  # the other ways, as an editor wrote them, to show the reader

    @property
    def terms(self):
        return frozenset().union(*(word.terms for option in self.options for word in option))

    @property
    def parts(self):
        return frozenset().union(*(word.parts for option in self.options for word in option))

    heads = frozenset()


def match_tree(word):
    """How a query word matches, for each engine to write in its own syntax: ("any" | "all", [nodes]) or
    ("terms", terms), any of which matches. A word matches by any of its terms or, when it is a compound, by its
    head together with one of its other parts ("palkkatuki": tuki and palkka, never "tuki" of "vertaistuki"
    alone); alternatives by any of their options, each a run of words that must all match."""
    if isinstance(word, Alternatives):
        return ("any", [("all", [match_tree(each) for each in option]) for option in word.options])
    nodes = [("terms", word.terms)]
    if word.heads:
        nodes.append(("all", [("terms", word.heads), ("terms", word.modifiers or word.heads)]))
    return ("any", nodes)


def spelling_suggestions(word, language):
    """Voikko's corrections of a misspelt Finnish word (others get none)."""
    voikko = _voikko() if language == "fi" else None
    if voikko is None or voikko.spell(word):
        return []
    return [suggestion.lower() for suggestion in voikko.suggest(word)]
