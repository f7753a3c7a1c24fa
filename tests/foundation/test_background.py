"""Account mail after the response: done off the request's thread, and never more than MAX_PENDING waiting."""

from __future__ import annotations

import threading

from clinch import background


def test_jobs_run_off_the_callers_thread_and_failures_stay_in_the_log(caplog):
    ran_on = []
    assert background.submit(lambda: ran_on.append(threading.current_thread().name)) is not None
    assert background.submit(lambda: 1 / 0) is not None
    assert background.wait_idle(10)
    assert ran_on and ran_on[0].startswith("clinch-mail")
    assert "failed" in caplog.text and "ZeroDivisionError" in caplog.text


def test_past_max_pending_a_job_is_dropped_until_one_finishes(monkeypatch, caplog):
    monkeypatch.setattr(background, "MAX_PENDING", 2)
    release = threading.Event()
    done = []
    waiting = [background.submit(release.wait, 10) for _ in range(2)]
    assert all(waiting)
    assert background.submit(done.append, "dropped") is None
    assert "background queue full" in caplog.text
    release.set()
    assert background.wait_idle(10)
    assert background.submit(done.append, "taken") is not None and background.wait_idle(10)
    assert done == ["taken"]
