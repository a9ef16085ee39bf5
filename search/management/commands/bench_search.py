"""Search at scale: adds synthetic case studies to a throwaway database, rebuilds the index, times the judged queries.

Run through `make bench-search`, which makes the throwaway SQLite and PostgreSQL databases. Never on a real site:
the command refuses a database that already holds synthetic cases or has no handbook loaded.
"""

import random
import statistics
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from handbook.models import PhasePage
from hub.cases.models import CaseStudyIndexPage, CaseStudyPage
from hub.core.models import Region, ServiceType
from search.engine import run_query
from search.evaluation import evaluate, read_judgements, table
from search.indexing import rebuild

SYNTHETIC_MARK = "Synteettinen testitapaus"
VILLAGE_STARTS = ["Koivu", "Mänty", "Haapa", "Kuusi", "Pihlaja", "Tervas", "Leppä", "Kataja", "Raita", "Vaahtera"]
VILLAGE_ENDS = ["lahti", "niemi", "vaara", "mäki", "joki", "salmi", "harju", "koski", "järvi", "kumpu"]
SERVICES = {
    "polttopuut": "polttopuiden tekoon ja kotiinkuljetukseen",
    "lumityot": "lumitöihin pihoilla ja kylätalon tiellä",
    "piha-ja-puutarhatyot": "pihatöihin ja puutarhojen hoitoon",
    "asiointiapu": "asiointiapuun ja kauppakassien kuljettamiseen",
    "kylatalon-yllapito": "kylätalon kiinteistöhuoltoon ja korjaustöihin",
}
SENTENCES = [
    "{village}n kyläyhdistys työllisti {people} pitkäaikaistyötöntä kyläläistä {service}.",
    "Työnantajana toimiva yhdistys haki palkkatukea ja sopi kaupungin kanssa palveluiden ostamisesta.",
    "Kyläkysely kertoi, että ikääntyneet asukkaat tarvitsevat apua erityisesti talvella.",
    "Työntekijöiden perehdytys, työturvallisuus ja työnohjaus järjestettiin yhdessä kumppaneiden kanssa.",
    "Hallitus seurasi mittaristolla työllistettyjen hyvinvointia, asiakkaiden tyytyväisyyttä ja talouden tasapainoa.",
    "Kesäasukkaat ostivat palveluita hinnaston mukaan, ja tulot käytettiin omarahoitusosuuteen.",
    "Yhteistyösopimus kaupungin kanssa tehtiin vuodeksi kerrallaan, ja sitä arvioitiin vuosittain.",
    "Vapaaehtoiset kyläläiset auttoivat työnjohdossa ja kirjanpidossa.",
]


class Command(BaseCommand):
    help = "Adds synthetic case studies to a throwaway database and measures search index build and query times."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--rounds", type=int, default=3, help="How many times each judged query is timed.")
        parser.add_argument("--seed", type=int, default=20261128)

    def handle(self, *args, cases, rounds, seed, **options):
        index = CaseStudyIndexPage.objects.filter(locale__language_code="fi").first()
        if index is None:
            raise CommandError("Load the content first (manage.py load_content): the judged queries need it.")
        if CaseStudyPage.objects.filter(title__startswith=SYNTHETIC_MARK).exists():
            raise CommandError("This database already holds synthetic cases: use a fresh throwaway database.")
        started = time.perf_counter()
        add_synthetic_cases(index, cases, random.Random(seed))
        generated = time.perf_counter() - started

        started = time.perf_counter()
        entries = rebuild()
        build = time.perf_counter() - started

        judgements = read_judgements(Path(settings.BASE_DIR) / "tests" / "search" / "judgements.yaml")
        queries = [(language, item["query"]) for language, items in judgements.items() for item in items]
        engine_times, page_times = time_queries(queries, rounds)
        backend = connection.vendor
        self.stdout.write(f"\nbackend: {backend}; {cases} synthetic cases added in {generated:.1f} s")
        self.stdout.write(f"full reindex: {entries} pages in {build:.1f} s")
        self.stdout.write(f"queries: {len(queries)} judged queries x {rounds} rounds")
        self.stdout.write(f"  query latency (matching, ranking, suggestions): {percentiles(engine_times)}")
        self.stdout.write(f"  results page (whole request, rendered):         {percentiles(page_times)}")
        self.stdout.write("relevance among the synthetic cases:")
        self.stdout.write(table(evaluate(judgements)[0], backend))


def percentiles(times):
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


def time_queries(queries, rounds):
    client = Client(HTTP_HOST="localhost")
    paths = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths[language] = reverse("search")
    for language, query in queries:  # warm caches, as a running server has them
        run_query(query, language)
    engine_times, page_times = [], []
    for _ in range(rounds):
        for language, query in queries:
            started = time.perf_counter()
            run_query(query, language)
            engine_times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            response = client.get(paths[language], {"q": query})
            page_times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (language, query)
    return engine_times, page_times


def add_synthetic_cases(index, count, rng):
    """Inserts `count` live, example-marked case studies under `index`, without signals, in one transaction."""
    regions = list(Region.objects.filter(locale=index.locale))
    services = {service.slug: service for service in ServiceType.objects.filter(locale=index.locale)}
    phases = list(PhasePage.objects.filter(locale=index.locale))
    last = index.get_last_child()
    first_step = int(last.path[-CaseStudyPage.steplen :], 36) + 1 if last else 1
    now = timezone.now()
    service_through = CaseStudyPage.services.through
    phase_through = CaseStudyPage.phases.through
    links, phase_links = [], []
    with transaction.atomic():
        for number in range(count):
            village = f"{rng.choice(VILLAGE_STARTS)}{rng.choice(VILLAGE_ENDS)}"
            chosen = rng.sample(sorted(SERVICES), k=rng.randint(1, 2))
            sentences = [
                SENTENCES[0].format(village=village, people=rng.randint(1, 6), service=SERVICES[chosen[0]]),
                *rng.sample(SENTENCES[1:], k=4),
            ]
            slug = f"synteettinen-{number + 1}"
            title = f"{SYNTHETIC_MARK} {number + 1}: {village}n kyläyhdistys"
            case = CaseStudyPage(
                title=title,
                draft_title=title,
                slug=slug,
                path=CaseStudyPage._get_path(index.path, index.depth + 1, first_step + number),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=now,
                last_published_at=now,
                is_example=True,
                summary=f"Synteettinen esimerkki hakutestiä varten: {village}.",
                village=village,
                region=rng.choice(regions) if regions else None,
                status="running",
                year_started=rng.randint(2015, 2026),
                story="".join(f"<p>{sentence}</p>" for sentence in sentences),
            )
            case._save_parents(cls=CaseStudyPage, using="default", update_fields=None, force_insert=(Page,))
            case._save_table(cls=CaseStudyPage, force_insert=True)
            links += [
                service_through(casestudypage_id=case.pk, servicetype_id=services[s].pk)
                for s in chosen
                if s in services
            ]
            phase_links += [
                phase_through(casestudypage_id=case.pk, phasepage_id=phase.pk) for phase in rng.sample(phases, k=3)
            ]
        service_through.objects.bulk_create(links, batch_size=1000)
        phase_through.objects.bulk_create(phase_links, batch_size=1000)
        type(index).objects.filter(pk=index.pk).update(numchild=index.numchild + count)
