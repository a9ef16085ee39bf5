"""The judged query set: recall@3 at least 0.85 in every language on this database (the target is 0.9)."""

from pathlib import Path

import pytest
from django.db import connection

from search.evaluation import evaluate, read_judgements, table

JUDGEMENTS = Path(__file__).with_name("judgements.yaml")
FLOOR = 0.85


def test_the_judged_set_covers_each_kind_of_query():
    judgements = read_judgements(JUDGEMENTS)
    assert len(judgements["fi"]) >= 40 and len(judgements["sv"]) >= 10 and len(judgements["en"]) >= 10
    kinds = {item["kind"] for item in judgements["fi"]}
    assert {"inflected", "compound", "part", "misspelt", "multi-word"} <= kinds


@pytest.mark.django_db
@pytest.mark.usefixtures("voikko")
def test_recall_at_3_stays_above_the_floor_in_every_language(capsys):
    scores = evaluate(read_judgements(JUDGEMENTS))
    report = table(scores, connection.vendor)
    with capsys.disabled():
        print("\n" + report)
        for score in scores.values():
            for miss in score.misses:
                print(f"  missed [{score.language}] {miss}")
    for score in scores.values():
        assert score.recall_at_3 >= FLOOR, report
