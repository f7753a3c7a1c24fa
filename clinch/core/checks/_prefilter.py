"""Which literal strings a regular expression cannot match without.

``required(pattern)`` returns a set of strings such that every match of the
pattern contains at least one of them, or ``None`` when no such set is known.
Checking ``any(s in text for s in required)`` first lets a check skip most
patterns on most messages: a clean note never reaches the regex engine for
"as per my last email". The set is derived from the parsed pattern, so it stays
correct when the phrase lists change.
"""

from __future__ import annotations

try:  # The parser is internal to ``re``; without it every pattern simply runs.
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre_parse = None

_MIN_USEFUL = 3
# Words in nearly every note; a requirement made of them filters nothing.
_EVERYDAY = frozenset(
    "the and you your for with was were have has had that this are our about would could will what when "
    "how team role company decision interview time thank thanks work really know want need any one not "
    "did does with from very just more also".split()
)  # a one- or two-letter "requirement" filters nothing


def required(pattern: str) -> frozenset[str] | None:
    if _sre_parse is None:
        return None
    try:
        found = _sequence(list(_sre_parse.parse(pattern)))
    except Exception:  # any surprise in the internal parser: no prefilter, never a wrong one
        return None
    if not found or min(len(s) for s in found) < _MIN_USEFUL:
        return None
    return frozenset(found)


def required_also(pattern: str, first: frozenset[str] | None) -> frozenset[str] | None:
    """A second, independent set of strings every match also contains (one of), or ``None``.

    Taken from another element of the pattern's top-level sequence than ``first``,
    so a note must hold a string of each set before the pattern is worth running.
    """
    if _sre_parse is None or first is None:
        return None
    try:
        options = _options(list(_sre_parse.parse(pattern)))
    except Exception:
        return None
    useful = [o for o in options if o and min(len(x) for x in o) >= _MIN_USEFUL and frozenset(o) != first and not any(x in first or any(x in f or f in x for f in first) for x in o)]
    if not useful:
        return None
    return frozenset(max(useful, key=lambda o: (min(_rarity(x) for x in o), -len(o))))


def _options(items) -> list[set[str]]:
    """The requirement of each element of a top-level sequence (a lone group counts as its sequence)."""
    if len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        return _options(list(items[0][1][-1]))
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        need = _node(op, av)
        if need:
            options.append(need)
    if run:
        options.append({"".join(run)})
    return options


def _sequence(items) -> set[str] | None:
    """Every element of a sequence must match, so any one element's requirement will do."""
    options = _options(items)
    if not options:
        return None
    # The most selective option: its weakest string is long and not an everyday word.
    return max(options, key=lambda s: (min(len(x) for x in s) >= _MIN_USEFUL, min(_rarity(x) for x in s), -len(s)))


def _rarity(s: str) -> float:
    word = s.strip()
    return len(word) * (0.3 if word in _EVERYDAY else 1.0)


def _node(op, av) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            need = _sequence(list(branch))
            if not need:
                return None  # one branch needs nothing, so the whole alternation needs nothing
            out |= need
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    return None
