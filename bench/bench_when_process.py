"""``clinch when`` as a whole process, the way a shell runs it: the installed ``clinch`` script,
one fresh process per run, warm caches (bytecode, and the holiday tables in the user's cache,
after one warm-up run).

Goal (issue 19): under 150 ms. Repeated runs in the manner of hyperfine give the median, the best
and the 95th percentile of the wall time, and the same of the CPU time the process used (user +
sys). On a shared, busy machine the wall time includes waiting for a core; the CPU time is the
work itself and much less noisy, so ``ok`` is judged on the median CPU time, and the wall figures
are reported beside it with the load average.

``stages`` splits the CPU time: the interpreter alone (``python -c pass``, site included),
``clinch when --help`` (the command line parsed, the engine not imported), the date reader
imported alone, and the whole command.

With ``CLINCH_BENCH_BEFORE`` naming another checkout's source tree (the directory holding its
``clinch`` package, e.g. ``git archive REV clinch | tar -x -C DIR``), ``before_and_after`` runs
the English command from that tree and from this one by turns, so both see the same load:
the fair way to compare two versions on a shared machine.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from bench.bench_plan import _pycache, command_env, command_seconds, summary, timed_run
from bench.bench_when import COMMANDS

TARGET_S = 0.150
RUNS = 40
AFTER = "2026-05-21T14:30:00+02:00"
STAGES = {  # stage -> (program, arguments); None: the clinch script
    "python_alone": ([sys.executable, "-c", "pass"], []),
    "clinch_when_help": (None, ["when", "--help"]),  # the command line parsed, no engine imported
    "date_reader_imported": ([sys.executable, "-c", "import clinch.core.timeline"], []),
}


def clinch_script() -> list[str]:
    """The ``clinch`` console script installed beside this Python (what a user types)."""
    script = Path(sys.executable).with_name("clinch")
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "clinch.cli"]


def main() -> dict:
    try:
        result = {"commands": {}, "stages_cpu_median_s": {}}
        for language, text in COMMANDS.items():
            result["commands"][language] = command_seconds(
                ["when", text, "--after", AFTER, "--country", "DE", "--json"], runs=RUNS, program=clinch_script())
        for stage, (program, argv) in STAGES.items():
            timed = command_seconds(argv, runs=RUNS // 2, program=program or clinch_script())
            result["stages_cpu_median_s"][stage] = timed["cpu_median_s"]
        result["stages_cpu_median_s"]["whole_command"] = result["commands"]["en"]["cpu_median_s"]
        before = os.environ.get("CLINCH_BENCH_BEFORE")
        if before:
            argv = ["when", COMMANDS["en"], "--after", AFTER, "--country", "DE", "--json"]
            result["before_and_after"] = by_turns(Path(before).resolve(), argv)
    finally:
        shutil.rmtree(_pycache(), ignore_errors=True)
    result["load_average_1min"] = round(os.getloadavg()[0], 1)
    result["target_s"] = TARGET_S
    result["ok"] = all(r["cpu_median_s"] < TARGET_S for r in result["commands"].values())
    return result


def by_turns(before: Path, argv: list[str], runs: int = RUNS) -> dict:
    """The command from the ``before`` tree and from this one, one run each by turns (the
    ``before`` tree's package comes first on the path; each runs once to warm its caches)."""
    command = [*clinch_script(), *argv]
    envs = {"before": command_env(PYTHONPATH=str(before)), "after": command_env()}
    times: dict[str, list] = {name: [] for name in envs}
    for _ in range(runs + 1):
        for name, env in envs.items():
            times[name].append(timed_run(command, env))
    return {name: summary(*zip(*measured[1:])) for name, measured in times.items()}  # the first run warmed up


if __name__ == "__main__":
    print(main())
