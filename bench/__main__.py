"""``python -m bench [NAME ...]`` (``make bench``): run every ``bench/bench_*.py``.

Each module's ``main()`` returns a dict of measurements; it is printed and written
to ``bench/results/<name>.json``. Add a benchmark by adding a ``bench_<name>.py``
with a ``main() -> dict``. Exit status 1 when a benchmark fails or reports
``"ok": False``.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def discover(names: list[str]) -> list[str]:
    found = sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))
    if names:
        unknown = [name for name in names if name not in found]
        if unknown:
            raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)} (have: {', '.join(found)})")
        return names
    return found


def run_one(name: str) -> dict:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    module = importlib.import_module(f"bench.bench_{name}")
    result = dict(module.main())
    # How busy the machine was, for every benchmark alike (docs/benchmarks.md reads figures by it).
    result["load_average_1min_start_end"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result.setdefault("ok", True)
    result["benchmark"] = name
    result["seconds"] = round(time.perf_counter() - started, 3)
    result["python"] = platform.python_version()
    result["machine"] = platform.machine()
    result["yardstick_ms"] = yardstick_ms()
    return result


def yardstick_ms() -> float:
    """How fast this machine runs plain Python: the best of five ``sum(range(10**6))``, in ms.

    Figures from two machines compare only after dividing by their yardsticks.
    """
    best = min(_timed(lambda: sum(range(10**6))) for _ in range(5))
    return round(best * 1000, 1)


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    RESULTS.mkdir(exist_ok=True)
    failed = False
    for name in discover(argv):
        try:
            result = run_one(name)
        except Exception:
            traceback.print_exc()
            result = {"benchmark": name, "ok": False, "error": traceback.format_exc(limit=3)}
        failed |= not result.get("ok", False)
        text = json.dumps(result, indent=2, sort_keys=True, default=str)
        (RESULTS / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        print(f"== {name}\n{text}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main(sys.argv[1:]))
