"""Mail the web app sends about accounts goes out after the response, on a small thread pool.

Why: a page that sends mail only for some answers (a known address gets a reset
link, an unknown one nothing) takes longer exactly when the address is known, and
a stopwatch reads the answer the page was careful not to give. The request does
the same work either way and hands the mail over; the pool does the rest.

Jobs must not touch the database (the request already read what they need), so
they never hold a connection or see a half-finished transaction. At most
MAX_PENDING jobs wait; past that a job is dropped and logged, so a flood of
requests cannot queue unbounded mail. A job that fails is logged, not retried:
these are mails a person asks for again (reset, sign-up link).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

log = logging.getLogger("clinch.background")
MAX_PENDING = 200

_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="clinch-mail")
_slots = threading.BoundedSemaphore(MAX_PENDING)
_pending: set[Future] = set()
_lock = threading.Lock()


def submit(job, *args, **kwargs) -> Future | None:
    """Run ``job(*args, **kwargs)`` soon, off this thread; None when too many are waiting."""
    if not _slots.acquire(blocking=False):
        log.warning("background queue full: %s dropped", getattr(job, "__qualname__", job))
        return None

    def run():
        try:
            job(*args, **kwargs)
        except Exception:  # noqa: BLE001 - one failed mail must not stop the pool
            log.exception("background job %s failed", getattr(job, "__qualname__", job))

    future = _pool.submit(run)
    with _lock:
        _pending.add(future)
    future.add_done_callback(_done)
    return future


def _done(future: Future) -> None:
    with _lock:
        _pending.discard(future)
    _slots.release()


def wait_idle(timeout: float = 30) -> bool:
    """Block until every job submitted so far has finished (tests, shutdown). False on timeout."""
    with _lock:
        pending = list(_pending)
    return not wait(pending, timeout=timeout).not_done
