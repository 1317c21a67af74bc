# Sleeper Cell Report analysis. `make help` lists the targets; each one is a thin call of
# `python -m analysis <command>` so the same steps run without make (see README).

#################################################################################
# GLOBALS                                                                       #
#################################################################################

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON_SYSTEM ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
KERNEL := sleeper-cell-report

#################################################################################
# ENVIRONMENT                                                                   #
#################################################################################

# The environment is current when $(VENV_STAMP) holds the digest of the locks and pyproject.toml: decided by
# their content, never by file times.
ENV_DIGEST := $(shell cat requirements.lock requirements-dev.lock pyproject.toml 2>/dev/null | sha256sum | cut -c1-64)
ifneq ($(shell cat $(VENV_STAMP) 2>/dev/null),$(ENV_DIGEST))
.PHONY: $(VENV_STAMP)
endif

ifeq ($(shell test -L $(VENV) && echo shared),shared)
# A scratch copy (tests, make verify, bench) links to its checkout's .venv: reinstalling from here would point
# the editable `analysis` at this copy, which is deleted afterwards.
$(VENV_STAMP):
	@echo ">>> $(VENV) is shared with another checkout: not reinstalling it from this copy"
else
$(VENV_STAMP):
	@echo ">>> Creating $(VENV) from requirements-dev.lock (first run, or a lock changed; a few minutes)"
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	@$(PY) -m pip install $(PIP_CHECKED) -r requirements-dev.lock 2>&1 \
		| { grep -v 'is neither a file nor a directory' || true; }; exit $${PIPESTATUS[0]}
	@PYTHONWARNINGS=ignore $(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
		| { grep -v 'is neither a file nor a directory' || true; }; exit $${PIPESTATUS[0]}
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Sleeper Cell Report (.venv)" >/dev/null
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	   git config filter.nbstripout.clean '"$(CURDIR)/$(PY)" -m analysis.run.strip_notebook --keep-id'; \
	   git config filter.nbstripout.smudge cat; \
	   git config diff.ipynb.textconv '"$(CURDIR)/$(PY)" -m analysis.run.strip_notebook --keep-id -t'; fi
	@echo $(ENV_DIGEST) > $@
endif

## Create .venv from the pinned, hashed locks (done automatically by every target)
venv: $(VENV_STAMP)

# Every package is installed only if its archive has a sha256 listed in the lock (pip's hash-checking mode).
PIP_CHECKED := --quiet --disable-pip-version-check --require-hashes
PIP_COMPILE := -m piptools compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-header

## Regenerate the locks from pyproject.toml: requirements.lock (reports) and requirements-dev.lock (+ tests, Lab)
lock: $(VENV_STAMP)
	@$(PY) $(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	@$(PY) $(PIP_COMPILE) --extra test --extra dev --constraint requirements.lock --output-file requirements-dev.lock \
		pyproject.toml
	@echo "Wrote requirements.lock and requirements-dev.lock; update environment.yml to the same pins (make test checks it)."

#################################################################################
# DATA AND REPORTS                                                              #
#################################################################################
# Every target below is one call of `python -m analysis`, which decides by content what to rebuild.
# User text (MONTH, MONTHS, VINTAGE, JOBS, DRAFT, FILE, REPORT, PUBLISHED, URL, APPLY, BENCH_SIZES, PYTEST_ARGS, AGAINST) never reaches make expansion or the shell as code: each target
# passes it in an environment variable set with $(value ...), and the recipe quotes it: a value is one argument
# (`--months="..."`, the months split and checked in Python), and positional ones follow `--`, so no user text
# is ever read as an option.

## Build data/processed from data/raw (only when what it reads changed; ALLOW_REJECTIONS=1 to build without bad rows)
data: $(VENV_STAMP)
	@$(PY) -m analysis data $${ALLOW_ARG:+--allow-rejections}

## Check data/raw against data/manifest.csv (fails if a raw file changed without its entry)
check-manifest: $(VENV_STAMP)
	@$(PY) -m analysis manifest

## Rewrite data/manifest.csv after you changed data/raw on purpose
manifest: $(VENV_STAMP)
	@$(PY) -m analysis manifest --update

## List the months that have a published attack count
months: $(VENV_STAMP)
	@$(PY) -m analysis months

## Build one month's report: make monthly MONTH=2023-11 [VINTAGE=as-published] (only if what it reads changed)
monthly: $(VENV_STAMP)
	@$(PY) -m analysis monthly --vintage="$${VINTAGE_ARG:-current}" $${ALLOW_ARG:+--allow-rejections} -- "$$MONTH_ARG"

## Close the month being written: record its cut-off in data/closed/MONTH.json (commit it): make close MONTH=2024-01
close: $(VENV_STAMP)
	@$(PY) -m analysis close "$$MONTH_ARG"

## Check an edited draft against the data: make check-draft MONTH=2023-11 DRAFT=draft.docx (.docx .md .html .txt)
check-draft: $(VENV_STAMP)
	@$(PY) -m analysis check-draft -- "$$MONTH_ARG" "$$DRAFT_ARG"

## Propose a published report's statements as data/raw rows: make record-published MONTH=2023-11 FILE=report.html REPORT="RIC report on November 2023" PUBLISHED=2023-12-05 URL=https://... [APPLY=1: append them]
record-published: $(VENV_STAMP)
	@$(PY) -m analysis record-published --report="$$REPORT_ARG" --published="$$PUBLISHED_ARG" --url="$$URL_ARG" $${APPLY_ARG:+--apply} -- "$$MONTH_ARG" "$$FILE_ARG"

## Rebuild data, every month's report and the overview (make -j2 all or JOBS=2: two at a time; MONTHS="..." for some)
all: $(VENV_STAMP)
	@$(PY) -m analysis all $${JOBS_ARG:+--jobs="$$JOBS_ARG"} $${MONTHS_ARG:+--months="$$MONTHS_ARG"} $${ALLOW_ARG:+--allow-rejections}

## Record the sha256 of every output in reports/SHA256SUMS (after make all; commit it)
checksums: $(VENV_STAMP)
	@$(PY) -m analysis checksums

## Rebuild everything from data/raw in a scratch folder and compare with reports/SHA256SUMS (AGAINST=DIR: the listed outputs, to show what differs)
verify: $(VENV_STAMP)
	@$(PY) -m analysis verify $${JOBS_ARG:+--jobs="$$JOBS_ARG"} $${MONTHS_ARG:+--months="$$MONTHS_ARG"} $${AGAINST_ARG:+--against="$$AGAINST_ARG"}

# User text, as environment variables for the recipes only (never expanded by make, never exported as-is).
unexport MONTH MONTHS VINTAGE JOBS DRAFT FILE REPORT PUBLISHED URL APPLY ALLOW_REJECTIONS BENCH_SIZES PYTEST_ARGS AGAINST
export MONTH_ARG = $(value MONTH)
export MONTHS_ARG = $(value MONTHS)
export VINTAGE_ARG = $(value VINTAGE)
export DRAFT_ARG = $(value DRAFT)
export FILE_ARG = $(value FILE)
export REPORT_ARG = $(value REPORT)
export PUBLISHED_ARG = $(value PUBLISHED)
export URL_ARG = $(value URL)
export APPLY_ARG = $(value APPLY)
export JOBS_ARG = $(value JOBS)
export ALLOW_ARG = $(value ALLOW_REJECTIONS)
export BENCH_SIZES_ARG = $(value BENCH_SIZES)
export PYTEST_ARGS_ARG = $(value PYTEST_ARGS)
export AGAINST_ARG = $(value AGAINST)

#################################################################################
# NOTEBOOKS                                                                     #
#################################################################################

## Start JupyterLab in the project environment (kernel "Sleeper Cell Report"), opening notebooks/
lab: $(VENV_STAMP)
	@$(PY) -m analysis data
	@$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root)

#################################################################################
# CHECKS                                                                        #
#################################################################################

## Run the benchmarks (bench/results.md, bench/ingest_results.md; BENCH_SIZES="10000 100000 1000000")
bench: $(VENV_STAMP)
	@$(PY) -m analysis data
	@$(PY) bench/run.py
	@set -f; $(PY) bench/ingest.py $$BENCH_SIZES_ARG

## Lint and check the formatting of the code, tests, bench and notebooks with ruff ([tool.ruff] in
## pyproject.toml; make test runs it first). `.venv/bin/ruff format .` formats what it reports.
lint: $(VENV_STAMP)
	@$(VENV)/bin/ruff check --quiet .
	@$(VENV)/bin/ruff format --check --quiet . || { echo "Run .venv/bin/ruff format . to format these files."; exit 1; }

## Run the test suite (lint, unit tests, data checks, notebooks)
test: $(VENV_STAMP) lint
	@$(PY) -m analysis data
	@set -f; $(PY) -m pytest $$PYTEST_ARGS_ARG

## The quick tests only, for the edit loop (lint, and under a minute; no notebook runs)
test-fast: $(VENV_STAMP) lint
	@$(PY) -m analysis data
	@set -f; $(PY) -m pytest -m "not slow" $$PYTEST_ARGS_ARG

## Remove built outputs (data/processed, figures, reports); never touches data/raw
clean:
	@find data/processed figures reports -mindepth 1 -not -name .gitkeep -not -name SHA256SUMS -delete

## Show this help
help:
	@echo "Sleeper Cell Report analysis. Usage: make <target> [MONTH=YYYY-MM]"
	@echo
	@awk '/^## /{desc=substr($$0,4); next} /^[a-zA-Z_%-]+:/{if(desc){split($$0,t,":"); printf "  %-16s %s\n", t[1], desc}; desc=""} !/^## /{if(!/^[a-zA-Z_%-]+:/)desc=""}' $(MAKEFILE_LIST)

.PHONY: venv lock data check-manifest manifest months monthly close check-draft record-published lint test test-fast clean help all checksums verify lab bench
