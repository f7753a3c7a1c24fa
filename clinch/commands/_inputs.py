"""What the engine commands read: an interview file and an optional policy file."""

from __future__ import annotations


def load_interview_and_policy(interview_path, policy_path) -> tuple[object, object, list[str]]:
    """``(interview, policy, problems)``; each problem is one line naming its file or flag.

    The interview or policy is None when it could not be read; every problem is
    collected, so the user fixes them all in one go.
    """
    from clinch.core.interview_file import InterviewFileError, load_interview
    from clinch.core.policy import load_policy

    problems: list[str] = []
    interview = policy = None
    try:
        interview = load_interview(interview_path)
    except InterviewFileError as exc:
        problems.extend(f"{interview_path}: {p}" for p in exc.problems)
    try:
        policy = load_policy(path=policy_path)
    except ValueError as exc:
        problems.append(f"--policy: {exc}")
    return interview, policy, problems


def id_lookup(ident: str) -> dict:
    """The filter for a row named on the command line by its number or its public UUID."""
    return {"pk": int(ident)} if ident.isdigit() else {"public_id": ident}


def print_json_lines(rows: list[dict]) -> None:
    """One JSON object per line, for scripts."""
    import json

    for item in rows:
        print(json.dumps(item))
