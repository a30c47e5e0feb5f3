# RianRu — two commands: `make run` (serve the bot) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.12 python3.11 python3; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8000
# pytest processes for `make test` (pytest-xdist); whole files go to one process, so a module's shared server stays one.
TEST_WORKERS ?= 2

.PHONY: run test eval lint bench browser clean fuzz audit soak stop-check

$(VENV)/.run-installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or 3.12 is required"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.run-installed
	$(PIP) install -e '.[dev]'
	@touch $@

## make run: set up .venv and serve the bot on http://127.0.0.1:$(PORT) (embedded Redis, shipped content)
run: $(VENV)/.run-installed
	$(PY) -m bot.serve --host 127.0.0.1 --port $(PORT)

## make test: set up .venv with dev tools and run ruff, mypy, the whole pytest suite (in TEST_WORKERS processes) and
## the evaluation floors
test: $(VENV)/.dev-installed browser
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) scripts/audit_deps.py
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

## make eval: print the search-quality table (ours vs a naive baseline) and the misses
eval: $(VENV)/.run-installed
	$(PY) -m tests.eval.report

## make bench: speed and memory benchmarks, written to bench/RESULTS.md and bench/NOTICES.md
bench: $(VENV)/.dev-installed
	$(PY) -m bench.run
	$(PY) -m bench.notices

## make fuzz: the webhook's property-based tests with many more examples (FUZZ_EXAMPLES, default 1000)
fuzz: $(VENV)/.dev-installed
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-1000} $(PY) -m pytest -q tests/test_fuzz_webhook.py

## make audit: known vulnerabilities in installed packages (skips loudly when the database is unreachable)
audit: $(VENV)/.dev-installed
	$(PY) scripts/audit_deps.py

## make soak: simulated citizens against a real server, with faults halfway (see bench/soak.py --help)
soak: $(VENV)/.dev-installed
	$(PY) -m bench.soak $(SOAK_ARGS)

## make stop-check: 30 start/stop cycles of the server (about 4 minutes): no Redis, gunicorn or worker left behind
stop-check: $(VENV)/.dev-installed
	STOP_CYCLES=30 $(PY) -m pytest -q tests/test_serving.py -k clean_stop

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .

# Debian's Chromium for the browser test; installed like a package when we are root and it is missing.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian chromium for the browser test"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null || \
	  echo "WARNING: could not install chromium; the browser test will be skipped"; \
	else echo "WARNING: chromium missing and not root; the browser test will be skipped"; fi

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
