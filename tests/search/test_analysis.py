"""Finnish base forms and compound parts from Voikko, Snowball stems for Swedish and English; plain words without."""

import pytest

from search import analysis
from search.analysis import analyse_word, index_columns, voikko_missing


def test_inflected_finnish_words_share_their_base_form(voikko):
    forms = ["kyläyhdistys", "kyläyhdistyksen", "kyläyhdistyksille"]
    assert all("kyläyhdistys" in analyse_word(form, "fi").terms for form in forms)
    assert "työllistää" in analyse_word("työllistäminen", "fi").terms & analyse_word("työllistämiseen", "fi").terms


def test_a_compound_gives_its_parts(voikko):
    assert {"kylä", "yhdistys"} <= analyse_word("kyläyhdistyksen", "fi").parts
    assert {"pitkäaikainen", "työtön"} <= analyse_word("pitkäaikaistyöttömille", "fi").parts
    assert analyse_word("yhdistys", "fi").parts == frozenset()


def test_parts_and_terms_are_indexed_in_separate_columns(voikko):
    terms, parts = index_columns("Kyläyhdistyksen työntekijä", "fi")
    assert "kyläyhdistys" in terms.split() and "kylä" not in terms.split()
    assert {"kylä", "yhdistys"} <= set(parts.split())


@pytest.mark.parametrize(
    ("language", "forms", "stem"),
    [("sv", ["byaföreningen", "byaföreningar"], "byaförening"), ("en", ["employers", "employer"], "employ")],
)
def test_swedish_and_english_words_share_their_snowball_stem(language, forms, stem):
    assert all(stem in analyse_word(form, language).terms for form in forms)


def test_without_voikko_finnish_falls_back_to_the_plain_word(monkeypatch):
    monkeypatch.setattr(analysis, "_voikko", lambda: None)
    analysis._finnish.cache_clear()
    try:
        word = analyse_word("Kyläyhdistyksen", "fi")
        assert word.terms == {"kyläyhdistyksen"} and word.parts == frozenset()
        assert voikko_missing()
    finally:
        analysis._finnish.cache_clear()
