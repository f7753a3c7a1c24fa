"""Helpers for the browser tests of the look: axe-core, and counting what a person does."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import ROOT

# Installed by scripts/system-deps.sh from the npm registry; never loaded from a CDN.
AXE = Path(os.environ.get("CLINCH_AXE", ROOT / ".test-npm" / "node_modules" / "axe-core" / "axe.min.js"))


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


class Hands:
    """What a person does on the page, counted: each fill, tap, choice or tick is one interaction.

    Navigation by the test itself (``page.goto``) is not an interaction a person makes and is
    not offered here, so a journey cannot skip steps without them being counted.
    """

    def __init__(self, page):
        self.page = page
        self.count = 0
        self.log: list[str] = []

    def _did(self, what: str) -> None:
        self.count += 1
        self.log.append(what)

    def fill(self, locator, text: str) -> None:
        locator.fill(text)
        self._did(f"type into {locator}")

    def tap(self, locator) -> None:
        locator.click()
        self._did(f"tap {locator}")

    def choose(self, locator, value: str) -> None:
        locator.select_option(value)
        self._did(f"choose {value} in {locator}")

    def tick(self, locator) -> None:
        locator.check()
        self._did(f"tick {locator}")
