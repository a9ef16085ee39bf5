"""`make bench-pages`: the public pages under load, served as in production, on SQLite and PostgreSQL.

For each tree (this checkout, and with `--base COMMIT` that commit in a temporary worktree, in the same run) and
each database, it loads the handbook content into a throwaway database, starts gunicorn with two sync workers
and the production settings, and runs `wrk` against each page, with the page cache off and on. Beside them it
measures a bare Django view that returns the phase page's bytes (hub.settings.bench adds it), the framework's
ceiling. It prints req/s, p50 and p99 latency, SQL queries per request, errors and the workers' resident memory,
and with a base the ratios of this tree to the base.

Absolute figures vary with whatever else the machine is doing: compare the ratios of one run.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ("home", "/fi/"),
    ("handbook", "/fi/kasikirja/"),
    ("phase", "/fi/kasikirja/maaritellaan-tarve/"),
    ("case index", "/fi/kylien-kokemuksia/"),
    ("case index, filtered", "/fi/kylien-kokemuksia/?phase=3"),
    ("case page", "/fi/kylien-kokemuksia/esimerkki-lumikumpu-lumityot/"),
    ("partner directory", "/fi/yhteistyokumppanit/"),
    ("template page", "/fi/tyokalut-ja-pohjat/tyonkuvaus/"),
    ("search", "/fi/haku/?q=kyl%C3%A4yhdistys"),
]
BARE = ("bare view (phase bytes)", "/bench/bare/")
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")

# Counts the queries of a second (warm) request to each page, in-process, with the tree's own code.
SQL_COUNT_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
counts = {}
for url in %r:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[url] = [len(queries), status]
print("SQL-COUNTS " + json.dumps(counts))
"""


class Tree:
    """A checkout to measure: its directory and what it supports."""

    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.has_page_cache = "PAGE_CACHE_SECONDS" in (path / "hub/settings/base.py").read_text()
        self.has_bench_settings = (path / "hub/settings/bench.py").exists()


def run(command, env, cwd, quiet=True):
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=quiet, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def tree_env(tree, work, database_url, page_cache):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.bench" if tree.has_bench_settings else "hub.settings.production",
        SECRET_KEY="bench-pages-only",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DEBUG="0",
        LOG_LEVEL="ERROR",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        PRIVATE_MEDIA_ROOT=str(work / "private-media"),
        GENERATED_FILES_CACHE=str(work / "generated"),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        PAGE_CACHE_SECONDS="600" if page_cache else "0",
        BENCH_BARE_FILE=str(work / "bare.html"),
    )
    return env


def prepare_database(tree, work, database):
    if database == "sqlite":
        url = f"sqlite:///{work / 'db.sqlite3'}"
    else:
        name = f"kylatyollistaa_bench_pages_{tree.name}"
        subprocess.run(["psql", "-q", f"{PG_SERVER}/postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", "-q", f"{PG_SERVER}/postgres", "-c", f"CREATE DATABASE {name}"], check=True)
        url = f"{PG_SERVER}/{name}"
    env = tree_env(tree, work, url, page_cache=False)
    python = [sys.executable, "manage.py"]
    for command in (["compile_translations"], ["collectstatic", "--noinput", "-v0"], ["migrate", "-v0"]):
        run(python + command, env, tree.path)
    run(python + ["load_content"], env, tree.path)
    return url


def drop_database(tree, database):
    if database != "sqlite":
        name = f"kylatyollistaa_bench_pages_{tree.name}"
        subprocess.run(["psql", "-q", f"{PG_SERVER}/postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)


def sql_counts(tree, env):
    urls = [url for _, url in PAGES]
    output = run([sys.executable, "manage.py", "shell", "-c", SQL_COUNT_SCRIPT % urls], env, tree.path)
    line = next(line for line in output.splitlines() if line.startswith("SQL-COUNTS "))
    return json.loads(line.removeprefix("SQL-COUNTS "))


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


class Server:
    """gunicorn with two sync workers on a free port, as `make serve` runs it."""

    def __init__(self, tree, env, port):
        self.base = f"http://127.0.0.1:{port}"
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [gunicorn, "hub.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, env=env, cwd=tree.path)
        for _ in range(120):
            try:
                fetch(self.base + "/healthz")
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        sys.exit("gunicorn did not start")

    def worker_rss_mib(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
        return sizes

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url, duration, connections):
    for _ in range(20):
        fetch(url)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percentile):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


def measure(tree, database, args, port):
    """[(row)] and the worker sizes of one tree on one database."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-pages-{tree.name}-{database}-"))
    rows, sizes = [], []
    try:
        url = prepare_database(tree, work, database)
        modes = [False, True] if tree.has_page_cache else [False]
        for page_cache in modes:
            env = tree_env(tree, work, url, page_cache)
            counts = sql_counts(tree, env)
            server = Server(tree, env, port)
            try:
                for name, path in PAGES:
                    result = wrk(server.base + path, args.duration, args.connections)
                    sql, status = counts[path]
                    if status != 200:
                        result["errors"] += 1
                    rows.append((tree.name, database, name, "cached" if page_cache else "uncached", result, sql))
                if page_cache and tree.has_bench_settings:
                    (work / "bare.html").write_bytes(fetch(server.base + PAGES[2][1]))
                    result = wrk(server.base + BARE[1], args.duration, args.connections)
                    rows.append((tree.name, database, BARE[0], "", result, 0))
                sizes += server.worker_rss_mib()
            finally:
                server.stop()
    finally:
        drop_database(tree, database)
        shutil.rmtree(work, ignore_errors=True)
    return rows, sizes


def print_table(rows, sizes):
    print(
        f"\n{'tree':8} {'db':8} {'page':26} {'mode':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>4} {'err':>4}"
    )
    for tree, database, name, mode, result, sql in rows:
        print(
            f"{tree:8} {database:8} {name:26} {mode:9} {result['rps']:8.1f} {result['p50']:8.1f} "
            f"{result['p99']:8.1f} {sql:4} {result['errors']:4}"
        )
    print("\nworker RSS after the run (MiB, largest of each tree and database):")
    for (tree, database), values in sizes.items():
        print(f"  {tree:8} {database:8} {max(values):6.1f}   (all: {', '.join(f'{v:.1f}' for v in values)})")


def print_ratios(rows):
    by_key = {(tree, database, name, mode): result for tree, database, name, mode, result, _ in rows}
    if any(tree == "base" for tree, *_ in by_key):
        print("\nratios, this tree / base (req/s):")
    for (tree, database, name, mode), result in by_key.items():
        if tree != "current":
            continue
        base = by_key.get(("base", database, name, "uncached"))
        if base and base["rps"]:
            print(f"  {database:8} {name:26} {mode:9} {result['rps'] / base['rps']:6.2f}x  (base uncached)")
    for database in sorted({row[1] for row in rows}):
        bare = by_key.get(("current", database, BARE[0], ""))
        if not bare:
            continue
        print(f"\ncached pages / bare view ({database}, req/s):")
        for (tree, db, name, mode), result in by_key.items():
            if tree == "current" and db == database and mode == "cached":
                print(f"  {name:26} {result['rps'] / bare['rps']:6.0%}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a commit to measure beside this checkout, in a temporary worktree")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run 'sudo apt-get install wrk'.")

    trees = [Tree("current", ROOT)]
    worktree = None
    if args.base:
        worktree = Path(tempfile.mkdtemp(prefix="bench-pages-base-")) / "tree"
        run(["git", "worktree", "add", "--detach", str(worktree), args.base], os.environ.copy(), ROOT)
        trees.append(Tree("base", worktree))
    rows, sizes = [], {}
    try:
        for database in args.databases.split(","):
            for tree in trees:
                tree_rows, tree_sizes = measure(tree, database, args, args.port)
                rows += tree_rows
                sizes[(tree.name, database)] = tree_sizes
    finally:
        if worktree:
            run(["git", "worktree", "remove", "--force", str(worktree)], os.environ.copy(), ROOT)
    print_table(rows, sizes)
    print_ratios(rows)
    if any(row[4]["errors"] for row in rows):
        sys.exit("errors: see the err column")


if __name__ == "__main__":
    main()
