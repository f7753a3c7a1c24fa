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

.PHONY: install run test test-sqlite test-postgres bench system-deps clean

$(BIN)/clinch: pyproject.toml
	@python="$(PYTHON)"; \
	if [ -z "$$python" ]; then \
	  unfixed="$(UNFIXED_PYTHON)"; \
	  if [ -z "$$unfixed" ]; then \
	    echo "Clinch needs Python 3.12 or newer: install python3.13 (or python3.12) and run make again." >&2; exit 1; \
	  elif [ "$(ALLOW_UNFIXED_PYTHON)" != 1 ]; then \
	    echo "Clinch needs Python 3.12.9+ or 3.13.2+. The newest here, $$($$unfixed --version 2>&1) ($$unfixed)," >&2; \
	    echo "drops the quotes around long names when it folds a mail header (CPython gh-80222), so a name" >&2; \
	    echo "can turn into an extra address. Install a newer Python (pyenv install 3.13; Debian 13's python3.13)," >&2; \
	    echo "or use this one anyway with: make install ALLOW_UNFIXED_PYTHON=1 (Clinch keeps the names it" >&2; \
	    echo "writes short enough that the bug cannot split them)." >&2; exit 1; \
	  fi; \
	  echo "Using $$($$unfixed --version 2>&1), which has the mail header folding bug (ALLOW_UNFIXED_PYTHON=1)." >&2; \
	  python=$$unfixed; \
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

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info
