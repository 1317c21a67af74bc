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
RAW_FILES := $(shell find data/raw -type f -not -path 'data/raw/acled/*' 2>/dev/null | sort)
LIB_FILES := $(wildcard analysis/*.py)
PROCESSED := data/processed/.built
MONTHS_FILE := data/processed/months.txt
FINGERPRINTS := reports/.fingerprints
MONTHLY_NB := notebooks/monthly_report.ipynb
OVERVIEW_NB := notebooks/overview.ipynb
KERNEL := sleeper-cell-report
# User text (MONTH, MONTHS, VINTAGE) is never exported (exporting would expand make syntax in it) and
# reaches recipes only as quoted environment variables, never as command text.
unexport MONTH MONTHS VINTAGE

#################################################################################
# ENVIRONMENT                                                                   #
#################################################################################

ifeq ($(shell test -L $(VENV) && echo shared),shared)
# A scratch copy (tests, make verify, bench) links to its checkout's .venv: reinstalling from here would point
# the editable `analysis` at this copy, which is deleted afterwards.
$(VENV_STAMP):
	@echo ">>> $(VENV) is shared with another checkout: not reinstalling it from this copy"
else
$(VENV_STAMP): requirements.lock pyproject.toml
	@echo ">>> Creating $(VENV) from requirements.lock (first run only; a few minutes)"
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock 2>&1 \
		| { grep -v 'is neither a file nor a directory' || true; }; exit $${PIPESTATUS[0]}
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
		| { grep -v 'is neither a file nor a directory' || true; }; exit $${PIPESTATUS[0]}
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Sleeper Cell Report (.venv)" >/dev/null
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	   git config filter.nbstripout.clean '"$(CURDIR)/$(PY)" -m nbstripout --keep-id'; \
	   git config filter.nbstripout.smudge cat; \
	   git config diff.ipynb.textconv '"$(CURDIR)/$(PY)" -m nbstripout --keep-id -t'; fi
	@touch $@
endif

## Create .venv from the pinned lock (done automatically by every target)
venv: $(VENV_STAMP)

#################################################################################
# DATA                                                                          #
#################################################################################

# The data build rewrites a processed file only when its content changes; the stamp marks the build.
$(PROCESSED): $(RAW_FILES) $(LIB_FILES) $(VENV_STAMP)
	@echo ">>> Step: data/processed from data/raw"
	@$(PY) -m analysis data $(if $(ALLOW_REJECTIONS),--allow-rejections)
	@touch $@

## Build data/processed from data/raw (only when raw files or the library changed)
data: $(PROCESSED)

## Check data/raw against data/manifest.csv (fails if a raw file changed without its entry)
check-manifest: $(VENV_STAMP)
	@$(PY) -m analysis manifest

## Rewrite data/manifest.csv after you changed data/raw on purpose
manifest: $(VENV_STAMP)
	@$(PY) -m analysis manifest --update

## List the months that have a published attack count
months: $(VENV_STAMP)
	@$(PY) -m analysis months

#################################################################################
# REPORTS                                                                       #
#################################################################################

## Build one month's report: make monthly MONTH=2023-11 [VINTAGE=as-published] (only if its inputs changed)
monthly: $(VENV_STAMP)
	@$(PY) -m analysis check-month "$$MONTH_ARG"
	@$(MAKE) --no-print-directory $(FINGERPRINTS)/.stamp
	@if [ "$$VINTAGE_ARG" = current ]; then \
	   $(MAKE) --no-print-directory PROGRESS= "reports/$$MONTH_ARG/provenance.json"; \
	 else $(PY) -m analysis monthly --skip-check --vintage "$$VINTAGE_ARG" "$$MONTH_ARG"; fi

monthly: export MONTH_ARG = $(value MONTH)
monthly: export VINTAGE_ARG = $(if $(value VINTAGE),$(value VINTAGE),current)

## One month by name, for parallel runs: make -j2 monthly-2023-10 monthly-2023-11
monthly-%: $(FINGERPRINTS)/.stamp
	@$(PY) -m analysis check-month "$$MONTH_ARG"
	@$(MAKE) --no-print-directory "reports/$$MONTH_ARG/provenance.json"

monthly-%: export MONTH_ARG = $*

# Each month's digest of what its report reads; rewritten only for months whose inputs changed.
$(FINGERPRINTS)/.stamp: $(PROCESSED) $(MONTHLY_NB) $(LIB_FILES) requirements.lock
	@echo ">>> Step: which months' inputs changed"
	@$(PY) -m analysis fingerprints
	@touch $@

## Rebuild everything: data, every month's report, the overview (make -j2 all: two at a time)
all: $(FINGERPRINTS)/.stamp
	@mkdir -p reports/.run && touch reports/.run/start
	@months="$${MONTHS_ARG:-$$(cat $(MONTHS_FILE))}"; \
	 $(PY) -m analysis check-months $$months || exit 2; echo $$months > reports/.run/months; \
	 echo ">>> Step: reports for $$(echo $$months | wc -w) months and the overview"; \
	 $(MAKE) --no-print-directory -k all-reports MONTHS="$$months" PROGRESS_OF="--progress-of reports/.run/months"; \
	 status=$$?; \
	 $(PY) -m analysis summary --start reports/.run/start $$months || status=1; exit $$status

all: export MONTHS_ARG = $(value MONTHS)

all-reports: $(foreach m,$(MONTHS),reports/$(m)/provenance.json) reports/overview/provenance.json

# (evaluated in the sub-make, after the data build: the processed tables change only with their content)
reports/overview/provenance.json: $(wildcard data/processed/*.csv) $(OVERVIEW_NB) $(LIB_FILES) requirements.lock
	@$(PY) -m analysis overview --quiet

PROGRESS ?= --quiet
reports/%/provenance.json: $(FINGERPRINTS)/%.sha256
	@$(PY) -m analysis monthly --skip-check $(PROGRESS) $(PROGRESS_OF) --fingerprint-file "$(FINGERPRINTS)/$$MONTH_ARG.sha256" "$$MONTH_ARG"

reports/%/provenance.json: export MONTH_ARG = $*

## Record the sha256 of every output in reports/SHA256SUMS (after make all; commit it)
checksums: $(VENV_STAMP)
	@$(PY) -m analysis checksums

## Rebuild everything from data/raw in a scratch folder and compare with reports/SHA256SUMS
verify: $(VENV_STAMP)
	@$(PY) -m analysis verify $(if $(value MONTHS),--months $$MONTHS_ARG)

verify: export MONTHS_ARG = $(value MONTHS)

#################################################################################
# NOTEBOOKS                                                                     #
#################################################################################

## Start JupyterLab in the project environment (kernel "Sleeper Cell Report"), opening notebooks/
lab: $(PROCESSED)
	@$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root)

#################################################################################
# CHECKS                                                                        #
#################################################################################

## Run the benchmarks (bench/results.md, bench/ingest_results.md; BENCH_SIZES="10000 100000 1000000")
bench: $(PROCESSED)
	@$(PY) bench/run.py
	@$(PY) bench/ingest.py $(BENCH_SIZES)

## Run the test suite (unit tests, data checks, notebooks)
test: $(PROCESSED)
	@$(PY) -m pytest $(PYTEST_ARGS)

## Remove built outputs (data/processed, figures, reports); never touches data/raw
clean:
	@find data/processed figures reports -mindepth 1 -not -name .gitkeep -not -name SHA256SUMS -delete

## Show this help
help:
	@echo "Sleeper Cell Report analysis. Usage: make <target> [MONTH=YYYY-MM]"
	@echo
	@awk '/^## /{desc=substr($$0,4); next} /^[a-zA-Z_%-]+:/{if(desc){split($$0,t,":"); printf "  %-16s %s\n", t[1], desc}; desc=""} !/^## /{if(!/^[a-zA-Z_%-]+:/)desc=""}' $(MAKEFILE_LIST)

.PHONY: venv data check-manifest manifest months monthly test clean help all all-reports checksums verify lab bench
.SECONDARY:
