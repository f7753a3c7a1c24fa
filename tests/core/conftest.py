"""Helpers for the engine's tests: no Django, no database, explicit times."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from clinch.core.policy import load_policy
from tests.conftest import under_mutation_stats

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interviews"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "interview.yaml"


def t(text: str) -> datetime:
    """An aware datetime from ISO 8601 text."""
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, "tests use explicit offsets"
    return moment


@pytest.fixture(scope="session")
def _session_policy():
    return load_policy()


@pytest.fixture
def policy(_session_policy):
    if under_mutation_stats():
        _session_policy._derived.clear()  # see tests/conftest.py: count each test's calls afresh
    return _session_policy


@pytest.fixture
def clinch(capsys):
    """Run ``clinch ...`` in-process, exactly as the command line does; returns (status, stdout, stderr)."""
    from clinch.cli import main

    def run(*argv):
        try:
            status = main([str(arg) for arg in argv])
        except SystemExit as exc:
            status = exc.code
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def fixture(name: str) -> Path:
    return FIXTURES / name


def earliest(day):
    """What a reading that gives only a lower bound is expected to be: no date, and this earliest day."""
    return ("no date before", day)


def outcome(reading):
    """A reading's date, or ``earliest(day)`` when it gives only a lower bound, or None."""
    if reading.date is None and reading.earliest is not None:
        return earliest(reading.earliest)
    return reading.date
