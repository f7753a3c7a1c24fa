"""Follow-up etiquette as data: the default policy and its overrides.

The rules of the research (ids T*, F*, R*, L*, H*, N*) ship as
``clinch/policy/default.toml``: one entry per setting with its value, unit, rule
id and source ids. A user or server overrides values with a dict
(``{"status_check.max_count": 3}``) or a TOML file of the same shape holding
values only. Unknown keys, values of the wrong type, values outside a rule's
bounds and choices outside the allowed ones raise ``ValueError`` naming them all.

A ``Policy`` is immutable and safe to share between threads.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "policy" / "default.toml"
_META = {"value", "unit", "rule", "sources", "says", "range", "choices", "min", "max", "last_verified"}
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Rule:
    """One setting: its value and where it comes from."""

    key: str
    value: Any
    unit: str
    rule_id: str
    sources: tuple[str, ...]
    says: str = ""
    range: str = ""
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    last_verified: Any = None

    def why(self) -> str:
        """``"T2: within 24 h of the end (S1, S4, ...)"``."""
        text = self.says.replace("{value}", _show(self.value)) if self.says else _show(self.value)
        return f"{self.rule_id}: {text} ({', '.join(self.sources)})"


class Policy:
    """The policy in force: default rules with any overrides applied."""

    __slots__ = ("_rules", "_why", "_values", "_derived")

    def __init__(self, rules: dict[str, Rule]):
        self._derived: dict[str, Any] = {}
        self._rules = dict(rules)
        self._values = {key: rule.value for key, rule in self._rules.items()}
        self._why = {key: rule.why() for key, rule in self._rules.items()}

    def value(self, key: str) -> Any:
        """The value of a dotted key such as ``"thank_you.target_hours"``."""
        try:
            return self._values[key]
        except KeyError:
            raise KeyError(f"unknown policy key {key!r}") from None

    def rule(self, key: str) -> Rule:
        """The full rule behind a key (value, unit, rule_id, sources, ...)."""
        try:
            return self._rules[key]
        except KeyError:
            raise KeyError(f"unknown policy key {key!r}") from None

    def why(self, key: str) -> str:
        """A one-line reason citing the rule id and source ids."""
        try:
            return self._why[key]
        except KeyError:
            raise KeyError(f"unknown policy key {key!r}") from None

    def keys(self) -> tuple[str, ...]:
        return tuple(self._rules)

    def as_dict(self) -> dict[str, Any]:
        """Every key with its value (the shape accepted as overrides)."""
        return dict(self._values)

    def derived(self, name: str, build) -> Any:
        """``build(self)``, computed once per policy and kept (for hot paths like planning)."""
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = build(self)
            return value

    def linkedin_note_chars(self) -> int:
        """The connection-note limit for the user's LinkedIn plan (L1)."""
        tier = self._values["linkedin.tier"]
        return self._values[f"linkedin.note_chars_{tier}"]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Policy) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self._values.items())))

    def __repr__(self) -> str:
        return f"<Policy {len(self._rules)} rules>"


def load_policy(overrides: dict | None = None, path: str | None = None) -> Policy:
    """The default policy, then the values in the TOML file at ``path``, then ``overrides``.

    Raises ``ValueError`` listing every unknown key and every bad value, and
    ``ValueError`` when the file cannot be read or parsed.
    """
    rules = dict(_default_rules())
    problems: list[str] = []
    if path is not None:
        file_values = _read_override_file(path)
        rules = _apply(rules, file_values, problems, origin=f" (in {path})")
    if overrides:
        rules = _apply(rules, _flatten(overrides), problems, origin="")
    if not problems:
        problems.extend(_consistency_problems(rules))
    if problems:
        raise ValueError("bad policy: " + "; ".join(problems))
    return Policy(rules)


@lru_cache(maxsize=1)
def _default_rules() -> dict[str, Rule]:
    with open(DEFAULT_PATH, "rb") as fh:
        data = tomllib.load(fh)
    rules: dict[str, Rule] = {}
    for key, entry in _leaves(data):
        rules[key] = Rule(
            key=key,
            value=_freeze(entry["value"]),
            unit=entry.get("unit", ""),
            rule_id=entry["rule"],
            sources=tuple(entry.get("sources", ())),
            says=entry.get("says", ""),
            range=entry.get("range", ""),
            choices=tuple(entry["choices"]) if "choices" in entry else None,
            minimum=entry.get("min"),
            maximum=entry.get("max"),
            last_verified=entry.get("last_verified"),
        )
    return rules


def _leaves(data: dict, prefix: str = ""):
    """Yield (dotted key, entry) for every table that holds a ``value``."""
    for name, item in data.items():
        key = f"{prefix}{name}"
        if isinstance(item, dict) and "value" in item and set(item) <= _META:
            yield key, item
        elif isinstance(item, dict):
            yield from _leaves(item, prefix=f"{key}.")


def _flatten(values: dict, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` and ``{"a.b": 1}`` and ``{"a": {"b": {"value": 1}}}`` all mean ``a.b = 1``."""
    flat: dict[str, Any] = {}
    for name, item in values.items():
        key = f"{prefix}{name}"
        if isinstance(item, dict) and "value" in item and set(item) <= _META:
            flat[key] = item["value"]
        elif isinstance(item, dict):
            flat.update(_flatten(item, prefix=f"{key}."))
        else:
            flat[key] = item
    return flat


def _read_override_file(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return _flatten(tomllib.load(fh))
    except OSError as exc:
        raise ValueError(f"cannot read policy file {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"policy file {path} is not valid TOML: {exc}") from None


def _apply(rules: dict[str, Rule], values: dict[str, Any], problems: list[str], origin: str):
    for key, value in values.items():
        rule = rules.get(key)
        if rule is None:
            problems.append(f"unknown policy key {key!r}{origin}")
            continue
        problem = _check_value(rule, value)
        if problem:
            problems.append(f"{key}: {problem}{origin}")
            continue
        rules[key] = replace(rule, value=_freeze(value))
    return rules


def _check_value(rule: Rule, value: Any) -> str | None:
    """Why ``value`` cannot replace ``rule.value``, or None when it can."""
    default = rule.value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            return f"expected true or false, got {value!r}"
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number, got {value!r}"
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"expected a number, got {value!r}"
    elif isinstance(default, str):
        if not isinstance(value, str):
            return f"expected text, got {value!r}"
        if rule.unit == "local time" and not _CLOCK.match(value):
            return f"expected a time like 09:30, got {value!r}"
    elif isinstance(default, tuple):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return f"expected a list of text, got {value!r}"
        if rule.unit == "weekdays" and (not value or not set(value) <= set(_WEEKDAYS)):
            return f"expected weekday names from {', '.join(_WEEKDAYS)}, got {list(value)!r}"
    if rule.choices is not None and value not in rule.choices:
        return f"expected one of {', '.join(map(str, rule.choices))}, got {value!r}"
    if rule.minimum is not None and value < rule.minimum:
        return f"must be at least {_show(rule.minimum)}, got {value!r}"
    if rule.maximum is not None and value > rule.maximum:
        return f"must be at most {_show(rule.maximum)}, got {value!r}"
    return None


def _consistency_problems(rules: dict[str, Rule]) -> list[str]:
    """Settings that are fine alone but together would break a scheduling promise."""
    v = {key: rule.value for key, rule in rules.items()}
    problems = []
    if not v["business_hours.start"] < v["business_hours.end"]:
        problems.append("business_hours.start must be before business_hours.end")
    if not v["status_check.window_start"] < v["status_check.window_end"]:
        problems.append("status_check.window_start must be before status_check.window_end")
    if not v["business_hours.start"] < v["thank_you.same_day_cutoff"] <= v["business_hours.end"]:
        problems.append("thank_you.same_day_cutoff must fall within business hours")
    # A day-long window always holds a business-hours slot, so "never at night" and
    # "never later than max_hours" can both hold.
    if v["thank_you.max_hours"] - v["thank_you.min_delay_hours"] < 24:
        problems.append("thank_you.max_hours must be at least 24 h after thank_you.min_delay_hours")
    if not v["thank_you.min_delay_hours"] <= v["thank_you.target_hours"] <= v["thank_you.max_hours"]:
        problems.append("thank_you.target_hours must lie between min_delay_hours and max_hours")
    if not set(v["status_check.fallback_days"]) & {"Mon", "Tue", "Wed", "Thu", "Fri"}:
        problems.append("status_check.fallback_days must include a weekday from Mon to Fri")
    if v["rejection_reply.max_hours"] - v["rejection_reply.delay_hours"] < 24:
        problems.append("rejection_reply.max_hours must be at least 24 h after rejection_reply.delay_hours")
    return problems


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
