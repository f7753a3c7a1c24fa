"""``next`` after a form: only this site's pages, whatever spelling of another host is tried."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from clinch.net import safe_next


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/",
                                    "\\\\evil.example", "javascript:alert(1)", "/\t/evil.example/"])
def test_another_site_falls_back_to_the_default(target):
    request = RequestFactory().post("/x/", {"next": target})
    assert safe_next(request, "home") == "/"


def test_a_page_of_this_site_is_kept():
    request = RequestFactory().post("/x/", {"next": "/opportunities/?page=2"})
    assert safe_next(request, "home") == "/opportunities/?page=2"
