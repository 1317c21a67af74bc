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
PROCESSED := data/processed/monthly.csv
# MONTH is user text: never export it (exporting would expand make syntax in it); recipes get MONTH_ARG.
unexport MONTH

#################################################################################
# ENVIRONMENT                                                                   #
#################################################################################

$(VENV_STAMP): requirements.lock pyproject.toml
	@echo ">>> Creating $(VENV) from requirements.lock (first run only; a few minutes)"
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock 2>&1 \
		| { grep -v 'is neither a file nor a directory' || true; }; exit $${PIPESTATUS[0]}
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
		| { grep -v 'is neither a file nor a directory' || true; }; exit $${PIPESTATUS[0]}
	@touch $@

## Create .venv from the pinned lock (done automatically by every target)
venv: $(VENV_STAMP)

#################################################################################
# DATA                                                                          #
#################################################################################

$(PROCESSED): $(RAW_FILES) $(LIB_FILES) $(VENV_STAMP)
	@$(PY) -m analysis data $(if $(ALLOW_REJECTIONS),--allow-rejections)

## Build data/processed from data/raw (only when raw files or the library changed)
data: $(PROCESSED)

## Check data/raw against data/manifest.csv (fails if a raw file changed without its entry)
check-manifest: $(VENV_STAMP)
	@$(PY) -m analysis manifest

## Rewrite data/manifest.csv after you changed data/raw on purpose
manifest: $(VENV_STAMP)
	@$(PY) -m analysis manifest --update

## List the months that have a published attack count
months: $(PROCESSED)
	@$(PY) -m analysis months

#################################################################################
# REPORTS                                                                       #
#################################################################################

## Build one month's report: make monthly MONTH=2023-11
monthly: $(VENV_STAMP)
	@$(PY) -m analysis check-month "$$MONTH_ARG"
	@$(MAKE) --no-print-directory data
	@$(PY) -m analysis monthly "$$MONTH_ARG"

# MONTH reaches the shell only as a quoted environment variable, never as command text.
monthly: export MONTH_ARG = $(value MONTH)

## One month by name, for parallel runs: make -j2 monthly-2023-10 monthly-2023-11
monthly-%: $(PROCESSED)
	@$(PY) -m analysis check-month "$$MONTH_ARG"
	@$(PY) -m analysis monthly --quiet "$$MONTH_ARG"

monthly-%: export MONTH_ARG = $*

#################################################################################
# CHECKS                                                                        #
#################################################################################

## Run the test suite (unit tests, data checks, notebooks)
test: $(PROCESSED)
	@$(PY) -m pytest $(PYTEST_ARGS)

## Remove built outputs (data/processed, figures, reports); never touches data/raw
clean:
	@find data/processed figures reports -mindepth 1 -not -name .gitkeep -delete

## Show this help
help:
	@echo "Sleeper Cell Report analysis. Usage: make <target> [MONTH=YYYY-MM]"
	@echo
	@awk '/^## /{desc=substr($$0,4); next} /^[a-zA-Z_%-]+:/{if(desc){split($$0,t,":"); printf "  %-16s %s\n", t[1], desc}; desc=""} !/^## /{if(!/^[a-zA-Z_%-]+:/)desc=""}' $(MAKEFILE_LIST)

.PHONY: venv data check-manifest manifest months monthly test clean help
