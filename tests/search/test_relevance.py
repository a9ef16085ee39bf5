"""The judged query set: recall@3 at least 0.95 in every language on this database; no compound part beats an exact
match."""

from pathlib import Path

import pytest
from django.db import connection

from search.engine import query_words, run_query
from search.evaluation import evaluate, read_judgements, table
from search.models import SearchEntry

JUDGEMENTS = Path(__file__).with_name("judgements.yaml")
FLOOR = 0.95
KINDS = {"inflected", "compound", "part", "misspelt", "multi-word", "derivation", "synonym", "everyday"}


def test_the_judged_set_covers_each_kind_of_query_in_every_language():
    judgements = read_judgements(JUDGEMENTS)
    assert sum(len(items) for items in judgements.values()) >= 150
    for language, items in judgements.items():
        assert len(items) >= 40, language
        kinds = [item["kind"] for item in items]
        assert set(kinds) == KINDS, language
        assert all(kinds.count(kind) >= 2 for kind in KINDS), language


@pytest.mark.django_db
@pytest.mark.usefixtures("voikko")
def test_recall_at_3_stays_above_the_floor_in_every_language(capsys):
    scores, by_kind = evaluate(read_judgements(JUDGEMENTS))
    report = table(scores, connection.vendor, by_kind)
    with capsys.disabled():
        print("\n" + report)
        for score in scores.values():
            for miss in score.misses:
                print(f"  missed [{score.language}] {miss}")
    for score in scores.values():
        assert score.recall_at_3 >= FLOOR, report


def _holds_every_word(entry, words):
    """Whether `entry` holds one of each word's own terms (its base form or stem), in any column."""
    held = set(" ".join([entry.title_terms, entry.title_parts, entry.body_terms, entry.body_parts]).split())
    return all(held & word.terms for word in words)


@pytest.mark.django_db
@pytest.mark.usefixtures("voikko")
def test_no_page_matching_only_through_a_compound_part_beats_an_exact_match():
    checked = 0
    for language, items in read_judgements(JUDGEMENTS).items():
        entries = list(SearchEntry.objects.filter(language=language))
        for item in items:
            words = query_words(item["query"], language)
            if not any(_holds_every_word(entry, words) for entry in entries):
                continue
            outcome = run_query(item["query"], language)
            top = [entry for hit in outcome.hits[:3] for entry in entries if entry.pk == hit.entry_id]
            assert all(_holds_every_word(entry, words) for entry in top), (language, item["query"])
            checked += 1
    assert checked >= 100
