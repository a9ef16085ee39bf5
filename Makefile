# Kylä työllistää: `make run` serves the site on SQLite, `make test` runs the whole suite.
# Every target honours DATABASE_URL (SQLite when unset, e.g. postgres://postgres@127.0.0.1:5432/kylatyollistaa).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: setup run serve test test-fast test-deps test-fast-deps browser pdf-deps search-deps pg-client nginx-deps lint format messages clean search-eval bench bench-search

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

## setup: virtualenv, dependencies, translations, database and content; safe to run again and again.
setup: $(VENV)/.installed pdf-deps search-deps
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content
	$(MANAGE) build_handbook_pdf
	$(MANAGE) setup_roles
	$(MANAGE) rebuild_search_index

## run: set up, then serve the site with the handbook on http://127.0.0.1:8000/
run: setup
	@echo ""
	@echo "Kylä työllistää runs on http://$(HOST):$(PORT)/fi/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Create an admin user with:  $(MANAGE) createsuperuser"
	@echo "Scheduled publishing runs every minute beside the server (manage.py run_scheduler), and background tasks"
	@echo "such as the handbook's PDFs in the task worker (manage.py db_worker, log in .cache/worker.log)."
	@echo ""
	mkdir -p .cache; $(MANAGE) run_scheduler > .cache/scheduler.log 2>&1 & scheduler=$$!; \
	$(MANAGE) db_worker --no-reload > .cache/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

## serve: set up, then serve the site as in production: hub.settings.production with DEBUG off, collectstatic,
## gunicorn, the app serving public media itself (SERVE_MEDIA=1) and plain HTTP on $(HOST):$(PORT). Without
## SECRET_KEY in the environment a local one is generated into .cache/secret-key, for this command only.
SERVE_ENV = DJANGO_SETTINGS_MODULE=hub.settings.production SERVE_MEDIA=1 SECURE_SSL_REDIRECT=0 DEBUG=0 \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .cache/secret-key)}"
serve: setup
	@mkdir -p .cache; if [ -z "$$SECRET_KEY" ] && [ ! -s .cache/secret-key ]; then \
		(umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .cache/secret-key); fi
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v0
	@echo ""
	@echo "Kylä työllistää runs as in production on http://$(HOST):$(PORT)/fi/"
	@echo ""
	$(SERVE_ENV) $(MANAGE) run_scheduler > .cache/scheduler.log 2>&1 & scheduler=$$!; \
	$(SERVE_ENV) $(MANAGE) db_worker > .cache/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) $(VENV)/bin/gunicorn hub.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

test-deps: browser test-fast-deps

test-fast-deps: $(VENV)/.installed-dev pdf-deps search-deps pg-client nginx-deps
	$(MANAGE) compile_translations

# $(call apt_install,PACKAGES,MESSAGE,HINT,FAIL): installs the Debian PACKAGES, saying MESSAGE, when run as root
# with apt-get; otherwise says HINT and fails under CI=true, or always when FAIL is "always".
define apt_install
if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	echo "$(2)"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
else \
	echo "$(3)"; \
	if [ "$(4)" = "always" ] || [ "$$CI" = "true" ]; then exit 1; fi; \
fi
endef

## browser: Debian Chromium for the browser tests (installed when running as root).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		$(call apt_install,chromium,Installing Debian chromium for the browser tests,Browser tests need Chromium at \
		$(CHROMIUM): run 'sudo apt-get install chromium' (Debian) or set CHROMIUM=/path/to/chromium.); \
	fi

## pdf-deps: Pango and the DejaVu fonts, with which WeasyPrint lays out the templates' PDFs.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdf-deps:
	@if command -v dpkg >/dev/null && ! dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1; then \
		$(call apt_install,$(PDF_PACKAGES),Installing $(PDF_PACKAGES) for the PDF templates,The PDF templates \
		need $(PDF_PACKAGES): run 'sudo apt-get install $(PDF_PACKAGES)'.,always); \
	fi

## nginx-deps: nginx, with which the tests check the syntax of docs/nginx.conf.
nginx-deps:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		$(call apt_install,nginx-light,Installing nginx-light to check docs/nginx.conf,The test of docs/nginx.conf \
		needs nginx: run 'sudo apt-get install nginx-light'.); \
	fi

## search-deps: Voikko and its Finnish dictionary, with which search understands inflected and compound Finnish.
## Without them search falls back to plain words (and the admin says so); CI needs them.
SEARCH_PACKAGES := libvoikko1 voikko-fi
search-deps:
	@if command -v dpkg >/dev/null && ! dpkg -s $(SEARCH_PACKAGES) >/dev/null 2>&1; then \
		$(call apt_install,$(SEARCH_PACKAGES),Installing $(SEARCH_PACKAGES) for Finnish search,Finnish search needs \
		$(SEARCH_PACKAGES): run 'sudo apt-get install $(SEARCH_PACKAGES)'. Until then it matches plain words.); \
	fi

## pg-client: pg_dump and pg_restore, with which `manage.py backup` and `restore` handle a PostgreSQL database.
pg-client:
	@case "$$DATABASE_URL" in postgres*) \
		if ! command -v pg_dump >/dev/null; then \
			$(call apt_install,postgresql-client,Installing postgresql-client for backups,Backups of PostgreSQL \
			need pg_dump: run 'sudo apt-get install postgresql-client'.); \
		fi;; \
	esac

## test: install what the tests need and run the whole suite (browser tests included).
test: test-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## test-fast: the suite without the browser and live-server tests, so without Chromium.
test-fast: test-fast-deps
	$(VENV)/bin/pytest -m "not browser and not live" $(PYTEST_ARGS)

## search-eval: recall@3 and MRR of the judged search queries per language, on SQLite and on PostgreSQL.
PG_URL ?= postgres://postgres@127.0.0.1:5432/kylatyollistaa
search-eval: $(VENV)/.installed-dev pdf-deps search-deps
	$(MANAGE) compile_translations
	env -u DATABASE_URL $(VENV)/bin/pytest -q tests/search/test_relevance.py
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q tests/search/test_relevance.py

## bench-search: search with 10,000 synthetic case studies, in throwaway SQLite and PostgreSQL databases.
BENCH_SQLITE := $(CURDIR)/.cache/bench-search.sqlite3
BENCH_PG_SERVER ?= postgres://postgres@127.0.0.1:5432
BENCH_PG_NAME := kylatyollistaa_bench
BENCH_ARGS ?=
bench: bench-search
bench-search: $(VENV)/.installed pdf-deps search-deps
	$(MANAGE) compile_translations
	mkdir -p .cache && rm -f $(BENCH_SQLITE) $(BENCH_SQLITE)-wal $(BENCH_SQLITE)-shm
	DATABASE_URL=sqlite:///$(BENCH_SQLITE) $(MANAGE) migrate -v0
	DATABASE_URL=sqlite:///$(BENCH_SQLITE) $(MANAGE) load_content > /dev/null
	DATABASE_URL=sqlite:///$(BENCH_SQLITE) $(MANAGE) bench_search $(BENCH_ARGS)
	rm -f $(BENCH_SQLITE) $(BENCH_SQLITE)-wal $(BENCH_SQLITE)-shm
	psql -q "$(BENCH_PG_SERVER)/postgres" -c "DROP DATABASE IF EXISTS $(BENCH_PG_NAME)" -c "CREATE DATABASE $(BENCH_PG_NAME)"
	DATABASE_URL=$(BENCH_PG_SERVER)/$(BENCH_PG_NAME) $(MANAGE) migrate -v0
	DATABASE_URL=$(BENCH_PG_SERVER)/$(BENCH_PG_NAME) $(MANAGE) load_content > /dev/null
	DATABASE_URL=$(BENCH_PG_SERVER)/$(BENCH_PG_NAME) $(MANAGE) bench_search $(BENCH_ARGS)
	psql -q "$(BENCH_PG_SERVER)/postgres" -c "DROP DATABASE $(BENCH_PG_NAME)"

## bench-pages: the public pages under load (gunicorn, 2 workers, production settings, wrk) on SQLite and
## PostgreSQL, with the page cache off and on, beside a bare view; BASE=<commit> measures that commit too and
## prints the ratios. DURATION seconds per page (default 10).
BASE ?=
DURATION ?= 10
bench-pages: $(VENV)/.installed pdf-deps search-deps
	@if ! command -v wrk >/dev/null; then \
		$(call apt_install,wrk,Installing wrk for the page benchmark,The page benchmark needs wrk: run \
		'sudo apt-get install wrk'.,always); \
	fi
	$(VENV)/bin/python bench/pages.py --duration $(DURATION) $(if $(BASE),--base $(BASE))

## lint: ruff and the migrations check.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## messages: refresh the .po files from the code and templates (needs GNU gettext).
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale fi --locale sv --locale en --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*'

clean:
	rm -rf $(VENV) staticfiles .cache db.sqlite3 db.sqlite3-shm db.sqlite3-wal
