"""Steps the browser tests share."""

from __future__ import annotations

PASSWORD = "correct horse battery"  # what tests/conftest.py's make_user gives everyone


def log_in(page, base_url: str, username: str = "dana", *, lands: str = "/") -> None:
    """Log in through the real form and wait for where they land (Today; the desk for staff)."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + lands)
