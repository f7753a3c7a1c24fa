# Two commands set Clinch up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Candidate interpreters, newest first (pyenv shims may exist and still fail).
CANDIDATES = python3.14 python3.13 python3.12 python3 $(shell ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 \
	/usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] 2>/dev/null | sort -rV)
# scripts/python_ok.py: 0 good, 1 older than 3.12, 3 folds long names in mail headers wrongly (gh-80222).
find_python = $(shell for p in $(CANDIDATES); do $$p scripts/python_ok.py >/dev/null 2>&1; \
	[ $$? -eq $(1) ] && { command -v $$p || echo $$p; } && break; done)
PYTHON = $(call find_python,0)
UNFIXED_PYTHON = $(call find_python,3)

.PHONY: install run test bench train mutate system-deps clean

$(BIN)/clinch: pyproject.toml
	@python="$(PYTHON)"; \
	if [ -z "$$python" ]; then \
	  python="$(UNFIXED_PYTHON)"; \
	  if [ -z "$$python" ]; then \
	    echo "Clinch needs Python 3.12 or newer: install python3.13 (or python3.12) and run make again." >&2; exit 1; \
	  fi; \
	  echo "Note: $$($$python --version 2>&1) ($$python) is the first Python found here, and it drops the quotes" >&2; \
	  echo "around long names when it folds a mail header (CPython gh-80222, fixed in 3.12.9 and 3.13.2)." >&2; \
	  echo "Clinch keeps every name it writes into a header short and free of quotes, so the bug cannot" >&2; \
	  echo "split one; still, prefer a newer Python (pyenv install 3.13; Debian 13's python3.13)." >&2; \
	fi; \
	echo "$$python -m venv $(VENV)"; $$python -m venv $(VENV)
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

bench: install system-deps
	$(BIN)/python -m bench

# Rebuild the tone model's weights from corpus/tone/ (development only: installs the train extra).
train: install
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_tone.py

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
