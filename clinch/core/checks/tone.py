"""Tone: phrase families from ``clinch/policy/phrases.toml`` (desperate, pushy, ...).

Each entry is a regular expression over the lower-cased, folded message, so
"I’m" and "I'm" read the same. An entry is split into its top-level
alternatives; each alternative knows the strings it cannot match without
(``_prefilter``) and runs only on the sentences that hold one of them, so a
clean note touches few patterns. Alternatives are compiled on first use.

The required strings are derived from the patterns, which takes a while, so
they are kept in ``phrases.needles.json`` beside this module, keyed by the
phrase file's hash; a stale or missing file only costs start-up time. After
editing the phrases, refresh it with
``python -c "from clinch.core.checks.tone import write_needles; write_needles()"``
(a test fails while it is stale).

Beside the phrases, ``cues.py`` flags whole sentences by the cue classes that
co-occur in them (``tone_cues.toml``); ``check_tone`` reports both, one finding
per overlapping span and code.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass

from clinch.core.checks._context import Context
from clinch.core.checks._prefilter import required, required_also
from clinch.core.checks._text import WORD, clause_spans
from clinch.core.checks.cues import CODES, LEXICON, PHRASE_CLEARS, Hit, cue_hits
from clinch.core.checks.finding import Finding

_POLICY_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "policy")
PHRASES_PATH = os.path.join(_POLICY_DIR, "phrases.toml")
NEEDLES_PATH = os.path.join(os.path.dirname(__file__), "phrases.needles.json")
_CACHE_FORMAT = 3  # bump when the cache's shape changes


class Part:
    """One top-level alternative of an entry: its source, required strings, and regex (compiled on first use).

    A leading word boundary is checked by hand instead of by the regex: without
    it the engine can jump straight to the pattern's first letters, about ten
    times faster on a note.
    """

    __slots__ = ("source", "needles", "also", "_regex", "_boundary")

    def __init__(self, source: str, needles: frozenset[str] | None, also: frozenset[str] | None = None):
        self.source = source
        self.needles = needles
        self.also = also  # a second set: the note must hold one of these too
        self._regex = None
        self._boundary = source.startswith("\\b")

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(self.source[2:] if self._boundary else self.source)
        return self._regex

    def spans(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Every match of the alternative within ``text[lo:hi]``, as the full pattern would find them."""
        regex, out, pos = self.regex, [], lo
        while pos <= hi:
            m = regex.search(text, pos, hi)
            if m is None:
                break
            start = m.start()
            if self._boundary and not _starts_word(text, start):
                pos = start + 1  # not at a word start: look again one character on
                continue
            out.append(m.span())
            pos = m.end() if m.end() > start else start + 1
        return out


def _starts_word(text: str, i: int) -> bool:
    """What ``\\b`` means before a word character: the previous character is not one."""
    if i >= len(text) or not (text[i].isalnum() or text[i] == "_"):
        return i == 0 or (text[i - 1].isalnum() or text[i - 1] == "_") != (i < len(text) and (text[i].isalnum() or text[i] == "_"))
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


_MACRO = re.compile(r"@([a-z_]+)")


@dataclass(frozen=True)
class Entry:
    family: str
    code: str
    id: str
    pattern: str  # the whole pattern, macros expanded
    # The pattern's top-level alternatives with the strings each needs (None: always scan).
    parts: tuple[Part, ...]
    reason: str
    better: str
    sources: tuple[str, ...]
    kinds: frozenset[str] | None  # None: every kind
    severity: str | None  # None: the family's
    label: str


@dataclass(frozen=True)
class Family:
    name: str
    code: str
    severity: str
    severity_by_kind: dict
    kinds: frozenset[str] | None
    entries: tuple[Entry, ...]


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(3):  # macros may use macros
        pattern = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
    return pattern


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern: "a|(b|c)|[|]" -> ["a", "(b|c)", "[|]"]."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _digest(text: str) -> str:
    """A checksum of the phrase file: enough to notice an edit (a test keeps the cache fresh)."""
    return f"crc32:{zlib.crc32(text.encode('utf-8')):08x}:{len(text)}"


def _parse_toml(text: str) -> dict:
    import tomllib  # only when the cache is stale: the TOML parser is slow to import and run

    return tomllib.loads(text)


def _cached(text: str) -> tuple[dict, dict] | None:
    """The parsed phrase file and its needles from the cache, when the cache matches ``text``."""
    try:
        with open(NEEDLES_PATH, encoding="utf-8") as fh:
            cached = json.load(fh)
        if cached.get("format") == _CACHE_FORMAT and cached.get("phrases_checksum") == _digest(text):
            return cached["phrases"], cached["needles"]
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    return None


def _parts(pattern: str, known: dict) -> tuple[Part, ...]:
    """The pattern's alternatives with their required strings, from the cache when it has them."""
    if pattern in known:
        return tuple(Part(alt, _set(found), _set(also)) for alt, found, also in known[pattern])
    out = []
    for alt in split_alternatives(pattern):
        found = required(alt)
        out.append(Part(alt, found, required_also(alt, found)))
    return tuple(out)


def _set(strings) -> frozenset[str] | None:
    return frozenset(strings) if strings is not None else None


def _list(strings) -> list[str] | None:
    return sorted(strings) if strings is not None else None


def write_needles() -> str:
    """Derive every alternative's required strings and store them in ``NEEDLES_PATH``."""
    with open(PHRASES_PATH, encoding="utf-8") as fh:
        text = fh.read()
    data = _parse_toml(text)
    macros = data.get("macros", {})
    table = {}
    for fam in data["families"].values():
        for e in fam["entries"]:
            pattern = _expand(e["pattern"], macros)
            table[pattern] = [[p.source, _list(p.needles), _list(p.also)] for p in _parts(pattern, {})]
    with open(NEEDLES_PATH, "w", encoding="utf-8") as fh:
        json.dump({"format": _CACHE_FORMAT, "phrases_checksum": _digest(text), "phrases": data, "needles": table}, fh, indent=0, sort_keys=True)
        fh.write("\n")
    return NEEDLES_PATH


def load_families(text: str | None = None) -> tuple[Family, ...]:
    """Parse the phrase file (or ``text`` in its format) into compiled families."""
    if text is None:
        with open(PHRASES_PATH, encoding="utf-8") as fh:
            text = fh.read()
    cached = _cached(text)
    # JSON reads faster than TOML; the cache holds the parsed file while it is fresh.
    data, known = cached if cached else (_parse_toml(text), {})
    macros = data.get("macros", {})
    families = []
    for name, fam in data["families"].items():
        entries = tuple(
            Entry(
                family=name,
                code=fam["code"],
                id=e["id"],
                pattern=_expand(e["pattern"], macros),
                parts=_parts(_expand(e["pattern"], macros), known),
                reason=e["reason"],
                better=e["better"],
                sources=tuple(e["sources"]),
                kinds=frozenset(e["kinds"]) if "kinds" in e else None,
                severity=e.get("severity"),
                label=fam.get("label", name),
            )
            for e in fam["entries"]
        )
        families.append(
            Family(
                name=name,
                code=fam["code"],
                severity=fam["severity"],
                severity_by_kind=dict(fam.get("severity_by_kind", {})),
                kinds=frozenset(fam["kinds"]) if "kinds" in fam else None,
                entries=entries,
            )
        )
    return tuple(families)


FAMILIES = load_families()


def _index(families) -> tuple[dict[str, tuple[Part, ...]], frozenset[Part]]:
    """Required string -> the alternatives that need it; and the alternatives that need nothing."""
    index: dict[str, list[Part]] = {}
    always = set()
    for family in families:
        for entry in family.entries:
            for part in entry.parts:
                if part.needles is None:
                    always.add(part)
                for needle in part.needles or ():
                    index.setdefault(needle, []).append(part)
    return {n: tuple(ps) for n, ps in index.items()}, frozenset(always)


NEEDLE_INDEX, ALWAYS = _index(FAMILIES)


def _automaton(needles):
    """One Aho-Corasick automaton over every required string: a single pass over a note finds
    which of them it holds, and where."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for needle in needles:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    return automaton


_NEEDLES = _automaton(sorted({*NEEDLE_INDEX, *(n for f in FAMILIES for e in f.entries for p in e.parts for n in p.also or ())}))
# Which entry each alternative belongs to (by identity: hashing an Entry would hash its fields).
_ENTRY_OF = {id(part): id(entry) for family in FAMILIES for entry in family.entries for part in entry.parts}


def _message(entry: Entry, snippet: str, ctx: Context) -> str:
    better = entry.better.replace("{role}", ctx.interview.role)
    return f'Instead of "{snippet}" ({entry.label}), {better} Why: {entry.reason} ({", ".join(entry.sources)})'


def check_tone(ctx: Context, *, prefilter: bool = True) -> list[Finding]:
    """Findings of every family that applies to the kind: the rules' (``rule_findings``) as the trained
    model reads their sentences, and the model's own (``tone_learned.combine``)."""
    from clinch.core.checks.tone_learned import combine

    spans = _sentence_spans(ctx.doc.lower)
    return combine(ctx, spans, rule_hits(ctx, prefilter=prefilter, spans=spans))


def rule_findings(ctx: Context, *, prefilter: bool = True, spans: list[tuple[int, int]] | None = None) -> list[Finding]:
    """The phrase families' and the cue layer's findings, before the model reads them: one per
    overlapping span and code."""
    return _one_per_span([f for f, _ in rule_hits(ctx, prefilter=prefilter, spans=spans)])


def rule_hits(ctx: Context, *, prefilter: bool = True, spans: list[tuple[int, int]] | None = None) -> list[tuple[Finding, str]]:
    """Every phrase entry's and cue code's finding with the rule that raised it ("phrase:need-this-job",
    "cue:pushy_presume"), those the context clears left out; overlapping findings are not merged.

    With ``prefilter`` (the default) an entry is only run on the sentences that
    hold one of its required strings (see ``_prefilter``); phrases never span a
    sentence. ``prefilter=False`` scans the whole text with every entry (tests
    compare the two).
    """
    findings: list[tuple[Finding, str]] = []
    lower = ctx.doc.lower
    spans = _sentence_spans(lower) if spans is None else spans
    where: dict[str, tuple[int, ...]] = {}  # needle -> sentences holding it, shared by all entries
    if prefilter:
        found_at: dict[str, list[int]] = {}  # needle -> where each occurrence starts
        if len(_NEEDLES):
            for end, needle in _NEEDLES.iter(lower):
                found_at.setdefault(needle, []).append(end - len(needle) + 1)
        present = found_at.keys()
        active = set(ALWAYS)
        for needle in present:
            for part in NEEDLE_INDEX.get(needle, ()):
                if part.also is None or not part.also.isdisjoint(present):
                    active.add(part)
        live: dict[int, list[Part]] = {}  # entry -> its alternatives that may match
        for part in active:
            live.setdefault(_ENTRY_OF[id(part)], []).append(part)
    for family in FAMILIES:
        if family.kinds is not None and ctx.kind not in family.kinds:
            continue
        default = family.severity_by_kind.get(ctx.kind, family.severity)
        for entry in family.entries:
            if prefilter and id(entry) not in live or entry.kinds is not None and ctx.kind not in entry.kinds:
                continue  # no alternative can match: skip the regex engine
            parts = live[id(entry)] if prefilter else entry.parts
            spans_found: list[tuple[int, int]] = []
            for part in parts:
                if not prefilter or part.needles is None:
                    windows = ((0, len(lower)),)
                else:
                    hit: set[int] = set()
                    for needle in part.needles & present:
                        found = where.get(needle)
                        if found is None:
                            found = where[needle] = _sentences_holding(found_at[needle], len(needle), spans)
                        hit.update(found)
                    windows = (spans[i] for i in sorted(hit))
                for lo, hi in windows:
                    spans_found.extend(part.spans(lower, lo, hi))
            for start, end in _merge(spans_found):
                findings.append((_finding(ctx, family, entry, default, start, end), "phrase:" + entry.id))
    findings.extend(_cue_findings(ctx, spans))
    kept = {id(f) for f in _cleared_by_context([f for f, _ in findings], lower, spans)}
    return [(f, rule) for f, rule in findings if id(f) in kept]


def _cleared_by_context(findings: list[Finding], lower: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """Drops phrase findings whose sentence the cue classes clear (``[phrase_clears]`` in
    ``tone_cues.toml``): a ``pushy`` phrase in a sentence that truthfully reports another employer's
    deadline (F4) or that leaves the reader free ("feel free to call me right away"), a ``negative``
    word the writer says of their own message ("sorry if this came across as arrogant"). The cue
    lexicon decides, so both layers follow one rule."""
    if not any(f.code in PHRASE_CLEARS for f in findings):
        return findings
    starts = [lo for lo, _ in spans]
    classes: dict[int, frozenset[str]] = {}  # sentence -> its cue classes: many findings share a sentence
    kept = []
    for f in findings:
        if f.code in PHRASE_CLEARS:
            when, unless = PHRASE_CLEARS[f.code]
            k = bisect_right(starts, f.start) - 1
            if k not in classes:
                classes[k] = frozenset(LEXICON.classes_in(lower, *spans[k])[1])
            if when & classes[k] and not unless & classes[k]:
                continue
        kept.append(f)
    return kept


_FAMILY_OF = {family.code: family for family in FAMILIES}


def _cue_findings(ctx: Context, spans: list[tuple[int, int]]) -> list[tuple[Finding, str]]:
    """The cue layer's sentences (``cues.py``), under the kinds, severity and label of the code's family,
    each with the cue code that raised it."""
    out = []
    for hit in cue_hits(ctx.doc.lower, spans, ctx.kind):
        family = _FAMILY_OF.get(hit.code)
        if family is None or family.kinds is not None and ctx.kind not in family.kinds:
            continue
        out.append((_cue_finding(ctx, family, hit), "cue:" + hit.rule))
    return out


def _cue_finding(ctx: Context, family: Family, hit: Hit) -> Finding:
    lower = ctx.doc.lower
    start, end = _carrying_clauses(lower, hit)
    while end > start and not lower[end - 1].isalnum():
        end -= 1
    label = family.entries[0].label if family.entries else family.name
    better = hit.better.replace("{role}", ctx.interview.role)
    message = f'Instead of "{ctx.doc.text[start:end]}" ({label}), {better} Why: {hit.reason} ({", ".join(hit.sources)})'
    return Finding(family.code, family.severity_by_kind.get(ctx.kind, family.severity), message, start, end)


def _carrying_clauses(lower: str, hit: Hit) -> tuple[int, int]:
    """The part of a flagged sentence that carries the cue: from the first to the last clause that
    holds a word of a class the code counts for it ("Thanks for the update, but I expected a reply
    weeks ago" points at the second clause), else the whole sentence."""
    parts = clause_spans(lower, hit.start, hit.end)
    code = _CUE_CODES.get(hit.rule)
    if len(parts) < 2 or code is None:
        return hit.start, hit.end
    _, found = LEXICON.classes_in(lower, hit.start, hit.end)
    at = [i for cls in hit.cues if code.weights.get(cls, 0) > 0 for i in found.get(cls, ())]
    if not at or -1 in at:
        return hit.start, hit.end  # a class found by a pattern over the whole sentence
    starts = [m.start() for m in WORD.finditer(lower, hit.start, hit.end)]
    chars = [starts[i] for i in at if i < len(starts)]
    carrying = [(lo, hi) for lo, hi in parts if any(lo <= c < hi for c in chars)]
    return (carrying[0][0], carrying[-1][1]) if carrying else (hit.start, hit.end)


_CUE_CODES = {code.name: code for code in CODES}


def _one_per_span(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings of one code become one: the earliest, stretched over both, at the graver severity.

    The generalised entries overlap the fixed phrases on purpose ("the process was
    unfair" is both a judgement and "unfair"); the writer should see it once.
    """
    if len(findings) < 2:
        return findings
    out: list[Finding] = []
    last: dict[str, int] = {}
    for f in sorted(findings, key=lambda f: (f.code, f.start, -f.end)):
        k = last.get(f.code)
        if k is not None and f.start < out[k].end:
            kept = out[k]
            severity = min(kept.severity, f.severity, key=_GRAVITY.index)
            if f.end > kept.end or severity != kept.severity:
                out[k] = Finding(kept.code, severity, kept.message, kept.start, max(kept.end, f.end))
            continue
        last[f.code] = len(out)
        out.append(f)
    return out


_GRAVITY = ("error", "warning", "info")


def _merge(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches of one entry's alternatives become one span."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# A stop ends a sentence, except the stop of an abbreviation that runs on ("by 9 a.m. tomorrow",
# "Dr. Okafor"); the text is lower-cased, so the next word's capital cannot tell them apart.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\b[ap]\.m\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bmrs\.)(?<!\bmr\.)(?<!\bms\.)(?<!\bdr\.)(?<!\bprof\.)\s+|\n")


def _sentence_spans(lower: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(lower):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(lower)))
    return spans


def _sentences_holding(starts: list[int], length: int, spans: list[tuple[int, int]]) -> tuple[int, ...]:
    """The sentences that hold a needle of ``length`` found at ``starts`` (both sides when it crosses a break)."""
    out = []
    for i in starts:
        k = bisect_right(spans, (i, 1 << 60)) - 1
        out.append(k)
        j = k + 1
        while spans[k][1] < i + length and j < len(spans) and spans[j][0] < i + length:
            out.append(j)  # the spans are in order: stop at the first that starts past the needle
            j += 1
    return tuple(out)


def _finding(ctx: Context, family: Family, entry: Entry, default: str, start: int, end: int) -> Finding:
    lower = ctx.doc.lower
    # A trailing space or comma is part of some patterns, never of the span shown.
    while end > start and not lower[end - 1].isalnum():
        end -= 1
    snippet = ctx.doc.text[start:end]
    return Finding(family.code, entry.severity or default, _message(entry, snippet, ctx), start, end)

