"""A short passage of a result's text around the first matched word, with the matched words marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis import analyse_word

WORD_OR_GAP = re.compile(r"([^\W_]+)")
BEFORE = 8
LENGTH = 40


def _matches(token, language, wanted):
    word = analyse_word(token, language)
    return bool((word.terms | word.parts) & wanted)


def excerpt(text, words, language):
    """HTML: about LENGTH words of `text`, starting a little before the first one matching a query word."""
    wanted = {term for word in words for term in word.terms | word.parts}
    pieces = WORD_OR_GAP.split(text or "")
    word_indexes = list(range(1, len(pieces), 2))
    if not word_indexes:
        return ""
    first = next((i for i in word_indexes if _matches(pieces[i], language, wanted)), word_indexes[0])
    start_position = max(0, word_indexes.index(first) - BEFORE)
    chosen = word_indexes[start_position : start_position + LENGTH]
    html = ["… " if start_position else ""]
    for index in range(chosen[0], chosen[-1] + 1):
        piece = pieces[index]
        if index % 2 == 1 and _matches(piece, language, wanted):
            html.append(f"<mark>{escape(piece)}</mark>")
        else:
            html.append(escape(piece))
    if chosen[-1] < word_indexes[-1]:
        html.append(" …")
    return mark_safe("".join(html))
