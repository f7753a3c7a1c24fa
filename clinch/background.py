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
_pending: set[Future] = set()  # submitted and not finished: its size is the bound
_lock = threading.Lock()


def submit(job, *args, **kwargs) -> Future | None:
    """Run ``job(*args, **kwargs)`` soon, off this thread; None when too many are waiting."""

    def run():
        try:
            job(*args, **kwargs)
        except Exception:  # noqa: BLE001 - one failed mail must not stop the pool
            log.exception("background job %s failed", getattr(job, "__qualname__", job))

    with _lock:
        if len(_pending) >= MAX_PENDING:
            log.warning("background queue full: %s dropped", getattr(job, "__qualname__", job))
            return None
        future = _pool.submit(run)
        _pending.add(future)
    future.add_done_callback(_done)  # at once if it has finished already
    return future


def _done(future: Future) -> None:
    with _lock:
        _pending.discard(future)


def wait_idle(timeout: float = 30) -> bool:
    """Block until every job submitted so far has finished (tests, shutdown). False on timeout."""
    with _lock:
        pending = list(_pending)
    return not wait(pending, timeout=timeout).not_done
