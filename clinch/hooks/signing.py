"""Signing webhook bodies with HMAC-SHA256, and checking a signature as a receiver should.

Headers (the Standard Webhooks layout): ``webhook-id`` (the delivery, the same on every retry),
``webhook-timestamp`` (Unix seconds of this attempt) and ``webhook-signature: v1,<base64>``, the
HMAC-SHA256 with the endpoint's secret of ``"{id}.{timestamp}.{body}"``. A receiver refuses a
timestamp older than ``TOLERANCE`` (a replayed request) and an id it has seen.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

TOLERANCE = 300  # seconds


class BadSignature(Exception):
    pass


def sign(secret: str, *, delivery_id: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{delivery_id}.{timestamp}.".encode() + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


def headers(secret: str, *, delivery_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": delivery_id, "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, delivery_id=delivery_id, timestamp=timestamp, body=body),
        "content-type": "application/json", "user-agent": "Clinch-Webhooks/1",
    }


def verify(secret: str, *, headers: dict, body: bytes, now: float, seen: set | None = None) -> str:
    """The delivery id when the request is genuine and fresh; BadSignature saying why otherwise."""
    try:
        delivery_id, timestamp = headers["webhook-id"], int(headers["webhook-timestamp"])
        given = headers["webhook-signature"]
    except (KeyError, ValueError):
        raise BadSignature("missing or malformed webhook headers") from None
    if abs(now - timestamp) > TOLERANCE:
        raise BadSignature("the timestamp is too old or in the future: a replayed request")
    expected = sign(secret, delivery_id=delivery_id, timestamp=timestamp, body=body)
    if not any(hmac.compare_digest(expected, part) for part in given.split()):
        raise BadSignature("the signature does not match")
    if seen is not None:
        if delivery_id in seen:
            raise BadSignature("this delivery was already received")
        seen.add(delivery_id)
    return delivery_id
