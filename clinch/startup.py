"""Turn start-up failures into one clear line instead of a traceback."""

from __future__ import annotations

import contextlib
import os
import sys


def describe_startup_error(error: BaseException) -> str | None:
    """A one-line explanation for errors a user can fix, or None for real bugs."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    if isinstance(error, ImproperlyConfigured):
        return f"Configuration problem: {error}"
    if isinstance(error, OperationalError):
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
        return f"Cannot reach the database: {first_line} (check DATABASE_URL and that the server runs)"
    return None


@contextlib.contextmanager
def exit_on_startup_error():
    """Exit with status 2 and one line for configuration and database errors."""
    try:
        yield
    except Exception as error:
        message = describe_startup_error(error)
        if message is None:
            raise
        print(f"clinch: {message}", file=sys.stderr)
        raise SystemExit(2) from None


@contextlib.contextmanager
def django_ready():
    """Django set up with Clinch's settings, for a command that uses the database; the block runs
    under ``exit_on_startup_error`` (a wrong DATABASE_URL or an unreachable server: one line, exit 2)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinch.settings")
    with exit_on_startup_error():
        import django

        django.setup()
        yield
