# Two commands set Clinch up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first interpreter that really is Python >= 3.12 (pyenv shims may exist and still fail).
PYTHON := $(shell for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[3-9]*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /usr/bin/python3.1[2-9] 2>/dev/null); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$p || echo $$p; } && break; done)

.PHONY: install run test test-sqlite test-postgres bench mutate system-deps clean

$(BIN)/clinch: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Clinch needs Python 3.12 or newer: install python3.12 (or python3.13) and run make again." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/clinch

run: install
	$(BIN)/clinch serve

system-deps:
	@bash scripts/system-deps.sh

test: install system-deps
	@bash scripts/test.sh

bench: install
	$(BIN)/python -m bench

# Mutation testing of the planner, calendar, name check, sender and ownership (settings in
# pyproject.toml, [tool.mutmut]); too slow for every run of `make test`. Survivors: `.venv/bin/mutmut results`.
# XDG_CACHE_HOME names a file, so no holiday table is kept between processes: a table one
# mutant built wrongly never reaches another, nor the user's cache.
mutate: install
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	rm -rf mutants && mkdir mutants && touch mutants/no-cache
	env -u DATABASE_URL CLINCH_HYPOTHESIS_PROFILE=quick XDG_CACHE_HOME=$(CURDIR)/mutants/no-cache \
		$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

clean:
	rm -rf $(VENV) build *.egg-info mutants
