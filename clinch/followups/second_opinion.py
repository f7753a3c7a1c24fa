"""A second opinion on a draft's tone from the user's own local model (off unless configured).

Clinch can ask a model server on the user's machine or network that speaks the OpenAI-compatible
chat API (llama.cpp's ``llama-server``, Ollama) to read a draft, only when the user presses
"Ask my local model" in the editor. Set ``LOCAL_MODEL_URL`` (the API root, for example
``http://127.0.0.1:8080/v1`` or ``http://127.0.0.1:11434/v1``) and ``LOCAL_MODEL_NAME``.

The request asks for JSON that fits ``SCHEMA`` (tone codes with the words that carry them, and
why); the answer is checked against it, quotes that are not in the note are dropped, and
everything is bounded (the note, the answer, the number of readings, the time). The answer is
shown beside Clinch's own findings and never mixed into them: no claim is made about its
accuracy. Nothing here touches the database, so the slow call is never inside a transaction.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

CODES = ("desperate", "pushy", "passive-aggressive", "negative", "salary")
MAX_NOTE_CHARS = 20_000
MAX_ANSWER_BYTES = 256 * 1024
MAX_READINGS = 20
MAX_TEXT = 500  # characters kept of each quote and reason
SCHEMA = {
    "type": "object",
    "properties": {
        "findings": {
            "type": "array",
            "maxItems": MAX_READINGS,
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "enum": list(CODES)},
                    "quote": {"type": "string", "description": "the exact words of the note that carry the tone"},
                    "why": {"type": "string", "description": "one sentence: how a hiring manager would read them"},
                },
                "required": ["code", "quote", "why"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["findings"],
    "additionalProperties": False,
}
INSTRUCTIONS = (
    "You review follow-up notes a job candidate sends after an interview. Report only clear problems "
    "of tone, each with one code: desperate (needy, pleading, hardship), pushy (deadlines or pressure "
    "on the reader), passive-aggressive (sarcasm, reproach about silence or delays), negative (insults, "
    "contempt, burning bridges), salary (pay or benefits raised before an offer; fine in a reply to an "
    "offer). Quote the exact words from the note. A good note gets an empty list. Answer with JSON only."
)
KIND_WORDS = {
    "thank_you": "a thank-you note after an interview",
    "status_check": "a note asking about the status of an application",
    "rejection_reply": "a reply to a rejection",
    "keep_in_touch": "a note to keep in touch months later",
    "linkedin_note": "a LinkedIn connection note after an interview",
    "offer_reply": "a reply to a job offer",
}


@dataclass(frozen=True)
class Reading:
    code: str
    quote: str
    why: str


@dataclass(frozen=True)
class Opinion:
    """What the local model said (``readings``), or why there is no answer (``problem``)."""

    model: str
    readings: tuple[Reading, ...] = ()
    problem: str | None = None


def enabled() -> bool:
    return bool(settings.LOCAL_MODEL_URL and settings.LOCAL_MODEL_NAME)


def ask(text: str, *, kind: str) -> Opinion:
    """The configured local model's reading of ``text``, a note of ``kind``. Never raises for a
    server that is down, slow, or answers in another shape: ``problem`` says what went wrong."""
    name = settings.LOCAL_MODEL_NAME
    if not enabled():
        return Opinion(name, problem="No local model is set up: set LOCAL_MODEL_URL and LOCAL_MODEL_NAME.")
    note = text[:MAX_NOTE_CHARS]
    request = urllib.request.Request(
        settings.LOCAL_MODEL_URL.rstrip("/") + "/chat/completions",
        data=json.dumps(_payload(note, kind, name)).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    timeout = settings.LOCAL_MODEL_TIMEOUT_SECONDS
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's own server
            raw = response.read(MAX_ANSWER_BYTES + 1)
    except (TimeoutError, socket.timeout):
        return Opinion(name, problem=f"The local model did not answer within {timeout} seconds.")
    except urllib.error.HTTPError as error:
        return Opinion(name, problem=f"The local model's server answered {error.code} {error.reason}.")
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Opinion(name, problem=f"The local model did not answer within {timeout} seconds.")
        return Opinion(name, problem=f"Could not reach the local model at {settings.LOCAL_MODEL_URL}: {reason}.")
    if len(raw) > MAX_ANSWER_BYTES:
        return Opinion(name, problem="The local model's answer was too long to read.")
    readings = parse_answer(raw, note)
    if readings is None:
        return Opinion(name, problem="The local model's answer was not in the expected form.")
    return Opinion(name, readings=readings)


def _payload(note: str, kind: str, model: str) -> dict:
    return {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": f"This is {KIND_WORDS.get(kind, 'a follow-up note')}:\n\n{note}"},
        ],
        "response_format": {"type": "json_schema", "json_schema": {"name": "tone_findings", "strict": True, "schema": SCHEMA}},
    }


def parse_answer(raw: bytes, note: str) -> tuple[Reading, ...] | None:
    """The readings in a chat-completion response, or None when it does not fit ``SCHEMA``.
    A reading whose quote is not in the note is dropped (the model made it up)."""
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
        found = json.loads(content)["findings"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(found, list):
        return None
    flat = " ".join(note.split()).lower()
    readings = []
    for item in found[:MAX_READINGS]:
        if not isinstance(item, dict) or item.get("code") not in CODES:
            return None
        quote, why = item.get("quote"), item.get("why")
        if not isinstance(quote, str) or not isinstance(why, str):
            return None
        quote = " ".join(quote.split())[:MAX_TEXT]
        if quote and quote.lower() in flat:
            readings.append(Reading(item["code"], quote, why.strip()[:MAX_TEXT]))
    return tuple(readings)
