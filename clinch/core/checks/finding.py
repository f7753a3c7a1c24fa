"""The one result type of every check."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem in a message.

    ``code`` is stable (tests and the web app key on it); ``message`` says what to
    write instead; ``start``/``end`` index the characters of the checked text
    (``text[start:end]`` is the offending part).
    """

    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    start: int
    end: int
    fix: str | None = None  # the words to put in place of text[start:end], when the check knows them

    def to_dict(self) -> dict:
        out = {"code": self.code, "severity": self.severity, "message": self.message, "start": self.start, "end": self.end}
        if self.fix is not None:
            out["fix"] = self.fix
        return out
