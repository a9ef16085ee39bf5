"""Recall@3 and MRR of the site search over a judged query set (see tests/search/judgements.yaml)."""

from dataclasses import dataclass, field

import yaml
from wagtail.models import Page

from .engine import run_query

TOP = 3


@dataclass
class Score:
    language: str
    queries: int = 0
    recall: float = 0.0
    reciprocal_rank: float = 0.0
    misses: list = field(default_factory=list)

    @property
    def recall_at_3(self):
        return self.recall / self.queries if self.queries else 0.0

    @property
    def mrr(self):
        return self.reciprocal_rank / self.queries if self.queries else 0.0


def read_judgements(path):
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


def expected_page(language, path):
    return Page.objects.get(locale__language_code=language, url_path__endswith="/" + path, depth__gt=1).pk


def evaluate(judgements):
    """{language: Score} and {(language, kind): Score} for the judged queries, searched as a reader would."""
    scores, by_kind = {}, {}
    for language, items in judgements.items():
        score = scores[language] = Score(language)
        for item in items:
            kind = by_kind.setdefault((language, item["kind"]), Score(language))
            expected = {expected_page(language, path) for path in item["expect"]}
            ranked = [hit.page_id for hit in run_query(item["query"], language).hits]
            found = expected & set(ranked[:TOP])
            first = next((rank for rank, page_id in enumerate(ranked, start=1) if page_id in expected), None)
            for each in (score, kind):
                each.queries += 1
                each.recall += len(found) / min(len(expected), TOP)
                each.reciprocal_rank += 1 / first if first else 0.0
            if len(found) < min(len(expected), TOP):
                score.misses.append(f"{item['query']!r} ({item['kind']}): first expected at {first or '-'}")
    return scores, by_kind


def table(scores, backend, by_kind=None):
    """Recall@3 and MRR per language and, with `by_kind`, per language and kind of query."""
    lines = [f"{'backend':<12}{'language':<10}{'kind':<12}{'queries':>8}{'recall@3':>10}{'MRR':>8}"]
    rows = [(language, "all", score) for language, score in scores.items()]
    rows += [(language, kind, score) for (language, kind), score in sorted((by_kind or {}).items())]
    for language, kind, score in rows:
        lines.append(
            f"{backend:<12}{language:<10}{kind:<12}{score.queries:>8}{score.recall_at_3:>10.3f}{score.mrr:>8.3f}"
        )
    return "\n".join(lines)
