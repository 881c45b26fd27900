# Two commands: `make run` (embedded default: SQLite, no broker) and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
# Python 3.12 (vietnam-provinces needs 3.12+; the suite is run on 3.12): PYTHON=..., or
# python3.12 on PATH, or pyenv's 3.12, then 3.13.
PYTHON ?= $(shell for p in python3.12 python3.13; do $$p -c 'import sys' >/dev/null 2>&1 && { command -v $$p; exit; }; done; \
	ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12.*/bin/python3 \
	      $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13.*/bin/python3 2>/dev/null | head -n 1)

.PHONY: run test lint test-sqlite test-postgres venv browser tts fonts bench bench-feedback bench-queue \
	bench-stats bench-notices bench-zalo bench-tts bench-emergency bench-startup wrk audit \
	worker clean

$(BIN)/.installed: requirements.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

venv: $(BIN)/.installed

# The key that signs console sessions, written once (48 random bytes, mode 0600) and kept:
# the app reads it when SECRET_KEY is not in the environment (core/secret_key.py).
INSTANCE ?= instance
$(INSTANCE)/secret_key:
	$(BIN)/python -m core.secret_key $@

# The embedded default on one machine: SQLite, and beside the web server one Celery worker
# with beat inside it on a SQLite broker (core/embedded.py). PORT chooses the port (5000).
run: venv tts fonts $(INSTANCE)/secret_key
	$(FLASK) db upgrade
	$(FLASK) verification sign-missing
	$(FLASK) demo load
	$(FLASK) serve

worker: venv $(INSTANCE)/secret_key
	$(BIN)/celery -A celery_app worker --beat --loglevel INFO

# Debian's chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "install Debian's chromium: sudo apt-get install -y chromium"; exit 1; fi; }

# Debian's espeak-ng (Vietnamese voice) and LAME (MP3) for the commune radio's speech.
tts:
	@command -v espeak-ng >/dev/null 2>&1 && command -v lame >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq espeak-ng lame >/dev/null; \
		else echo "install Debian's espeak-ng and lame: sudo apt-get install -y espeak-ng lame"; exit 1; fi; }

# Debian's DejaVu fonts (Vietnamese glyphs) for the printable notice pages (PDF).
fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null; \
		else echo "install Debian's fonts-dejavu-core: sudo apt-get install -y fonts-dejavu-core"; exit 1; fi; }

# ruff with the version pinned in requirements.txt and the rules in ruff.toml; `make test`
# runs it first.
lint: venv
	$(BIN)/ruff check .

test: venv browser tts fonts
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "TEST_DATABASE_URL not set: PostgreSQL run skipped (.ci/run sets it)"; fi

test-sqlite: venv
	env -u TEST_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: venv
	$(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks print ratios measured in one run, all against the shipped gunicorn.conf.py;
# they need Debian's wrk, the local PostgreSQL and Redis (BENCH_BROKER_URL).
bench: bench-startup bench-notices bench-feedback bench-emergency bench-zalo bench-tts

wrk:
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		apt-get install -y -qq wrk >/dev/null; }

bench-feedback: venv wrk $(INSTANCE)/secret_key
	$(BIN)/python -m bench.feedback $(BENCH_ARGS)

bench-zalo: venv $(INSTANCE)/secret_key
	$(BIN)/python -m bench.zalo $(BENCH_ARGS)

# Staff queue at 1,000,000 rows (a throwaway PostgreSQL database).
BENCH_QUEUE_URL ?= postgresql://postgres@127.0.0.1:5432/thongtin_bench_queue
bench-queue: venv $(INSTANCE)/secret_key
	$(BIN)/python -m bench.generate --url $(BENCH_QUEUE_URL) --rows 1000000 --reset
	$(BIN)/python -m bench.queue --url $(BENCH_QUEUE_URL)

# Statistics of a province-wide year at 1,000,000 rows (filled once, reused after).
BENCH_STATS_URL ?= postgresql://postgres@127.0.0.1:5432/thongtin_bench_stats
bench-stats: venv $(INSTANCE)/secret_key
	$(BIN)/python -m bench.stats --url $(BENCH_STATS_URL)

audit: venv
	$(BIN)/pip install -q pip-audit==2.10.1
	$(BIN)/pip-audit -r requirements.txt

clean:
	rm -rf $(VENV) instance .pytest_cache

# Emergency reach: Zalo (with its rate limit), 5,000 boards, radio audio, source system.
bench-emergency: venv tts $(INSTANCE)/secret_key
	$(BIN)/python -m bench.emergency $(BENCH_ARGS)

# make run on a fresh clone to its first answered request; a gunicorn worker's boot time.
bench-startup: venv tts $(INSTANCE)/secret_key
	$(BIN)/python -m bench.startup $(BENCH_ARGS)

# Notices list throughput vs a bare Flask app, SQLite and PostgreSQL (installs wrk if root).
bench-notices: venv wrk $(INSTANCE)/secret_key
	$(BIN)/python -m bench.notices $(BENCH_ARGS)

# Speech synthesis time per 1,000 characters and its ratio to the audio's duration.
bench-tts: venv tts $(INSTANCE)/secret_key
	$(BIN)/python -m bench.tts $(BENCH_ARGS)
