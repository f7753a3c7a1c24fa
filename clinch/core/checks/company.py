"""Company: the name exactly as the company writes it (N4, T17, S124-S126).

"Larkspur Robotics, Inc." may be shortened to "Larkspur Robotics" (the legal
suffix is optional), but not re-cased ("larkspur robotics"), not misspelt
("Larkspur Robotic", "Larksper"), and its legal suffix never swapped ("LLC" for
"Inc."): a suffix names a different kind of legal entity. Word-level slips count
too: one word changed ("Meridian Healthcare Partners"), added or dropped in the
middle, or the words split or joined differently ("Harbor View Analytics").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinch.core.bytecache import lru_bytes
from clinch.core.checks._context import Context
from clinch.core.checks._text import COMMON_WORDS, WORD, fold, osa_distance
from clinch.core.checks.finding import Finding

_SUFFIXES = r"(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|Company|GmbH|AG|SA|S\.A|PLC|LLP|LP|PC|Pty(?:\s+Ltd)?|BV|NV|SAS|SARL|Oy|AB|KK|Srl|SpA)\.?"
_POSSESSIVE = re.compile(r"'s?$")
_SUFFIX_AT_END = re.compile(r"(?:,?\s+|\s*,\s*)(" + _SUFFIXES + r")\s*$", re.IGNORECASE)
_SUFFIX_AFTER = re.compile(r"(?:,?\s+|\s*,\s*)(" + _SUFFIXES + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class CompanyName:
    full: str  # as the company writes it
    core: str  # without its legal suffix
    suffix: str | None  # "Inc.", or None
    words: tuple[str, ...]  # folded words of the core
    distinctive: frozenset[str]  # folded lower words that are not ordinary English


@lru_bytes(1 << 20)
def parse_company(name: str) -> CompanyName:
    name = name.strip()
    m = _SUFFIX_AT_END.search(name)
    core = name[: m.start()].strip() if m and m.start() > 0 else name
    suffix = m.group(1) if m and m.start() > 0 else None
    words = tuple(WORD.findall(fold(core)))
    # Only the brand word (the first that is not ordinary English) is checked on its own:
    # "analytics" or "partners" alone is ordinary prose, "larkspur" is the company.
    distinctive = frozenset(w.lower() for w in words if w.lower() not in COMMON_WORDS and len(w) >= 4)
    distinctive = frozenset(sorted(distinctive, key=[w.lower() for w in words].index)[:1])
    return CompanyName(name, core, suffix, words, distinctive)


def _norm_suffix(s: str) -> str:
    return re.sub(r"[.\s]", "", s).lower()


def check_company(ctx: Context) -> list[Finding]:
    company = parse_company(ctx.interview.company)
    doc = ctx.doc
    tokens = doc.tokens
    n = len(company.words)
    if n == 0:
        return []
    core_folded = " ".join(company.words)
    core_lower = core_folded.lower()
    findings: list[Finding] = []
    covered: list[tuple[int, int]] = []
    first = core_lower[0]
    i = 0
    while i + n <= len(tokens):
        if tokens[i][0][0].lower() != first:
            i += 1  # every candidate window starts with the company's first letter
            continue
        start, end = tokens[i][1], tokens[i + n - 1][2]
        possessive = _POSSESSIVE.search(tokens[i + n - 1][0])  # "Larkspur Robotics's work" names the company
        if possessive:
            end -= len(possessive.group())
        window = doc.folded[start:end] if n == 1 else " ".join([*(t[0] for t in tokens[i:i + n - 1]), doc.folded[tokens[i + n - 1][1]:end]])
        low = window.lower()
        if low == core_lower:
            finding = _same_words(ctx, company, window, core_folded, start, end)
        elif _near(low, core_lower) and not _ordinary_phrase(tokens[i:i + n], company):
            finding = Finding("company-misspelled", "error", f'Write "{company.core}", not "{doc.text[start:end]}": that is how the company spells its name (N4, T17).', start, end, fix=company.core)
        else:
            finding = None
        if finding is not None:
            findings.append(finding)
            covered.append((start, end))
            i += n
            continue
        if low == core_lower:
            covered.append((start, end))
        i += 1
    if n > 1:
        findings.extend(_word_level_slips(ctx, company, covered))
        findings.extend(_single_word_slips(ctx, company, covered))
    return findings


def _related(a: str, b: str) -> bool:
    """Two words one of which is a slip for the other: Health/Healthcare, Partner/Partners, Analytic/Analytics."""
    if a == b:
        return False
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return True
    return osa_distance(a, b, 2) <= (1 if len(b) < 6 else 2)


def _word_level_slips(ctx: Context, company: CompanyName, covered: list[tuple[int, int]]) -> list[Finding]:
    """The name with one word changed, added in the middle or dropped from the middle, or split differently.

    "Meridian Healthcare Partners", "Meridian Health Care Partners", "Meridian
    Partners", "Harbor View Analytics". Only runs of capitalised words on one
    line are compared, so prose ("the health partners we work with") is left
    alone; dropping trailing words ("Meridian Health") is a fair short form.
    Found spans are added to ``covered``.
    """
    words = [w.lower() for w in company.words]
    n, joined = len(words), "".join(words)
    tokens, text = ctx.doc.tokens, ctx.doc.folded
    findings: list[Finding] = []
    initial = words[0][0].upper()  # a run of capitalised words that opens like the name
    i = 0
    while i < len(tokens):
        word, start, _ = tokens[i]
        if word[0] != initial or any(s <= start < e for s, e in covered):
            i += 1
            continue
        hit = None
        for m in (n, n + 1, n - 1):
            window = tokens[i:i + m]
            if m < 1 or len(window) < m or not _one_name(window, text, covered):
                continue
            low = [t[0].lower() for t in window]
            if low == words:
                break  # the name itself: the main pass judged it
            if m != n and osa_distance("".join(low), joined, 1) <= (1 if len(joined) >= 8 else 0):
                hit = window  # split or joined differently: "Harbor View", "HarborView"
            elif m == n:
                diff = [k for k in range(n) if low[k] != words[k]]
                if len(diff) == 1 and (_related(low[diff[0]], words[diff[0]]) or n >= 3 and diff[0] > 0):
                    hit = window
            elif m == n + 1:
                if any(low[:k] + low[k + 1:] == words for k in range(1, m - 1)):
                    hit = window  # a word added in the middle
            elif n >= 3 and any(words[:k] + words[k + 1:] == low for k in range(1, n - 1)):
                hit = window  # a word dropped from the middle
            if hit:
                break
        if hit:
            s, e = hit[0][1], hit[-1][2]
            findings.append(Finding("company-misspelled", "error", f'Write "{company.core}", not "{ctx.doc.text[s:e]}": that is how the company writes its name (N4, T17).', s, e, fix=company.core))
            covered.append((s, e))
            i += len(hit)
            continue
        i += 1
    return findings


def _one_name(window, text: str, covered) -> bool:
    """Capitalised words separated by single spaces (or a hyphen), none already judged."""
    for k, (word, start, end) in enumerate(window):
        if not word[0].isupper() or any(s <= start < e for s, e in covered):
            return False
        if k and text[window[k - 1][2]:start] not in (" ", "-"):
            return False
    return True


def _same_words(ctx: Context, company: CompanyName, window: str, core_folded: str, start: int, end: int) -> Finding | None:
    doc = ctx.doc
    if window != core_folded and not window.isupper():
        return Finding("company-misspelled", "error", f'Write "{company.core}", not "{doc.text[start:end]}": keep the company\'s own capitalisation (N4, S126).', start, end, fix=company.core)
    m = _SUFFIX_AFTER.match(doc.folded, end)
    if m is None:
        return None
    written = m.group(1)
    if company.suffix is None:
        return Finding("company-misspelled", "error", f'Write "{company.full}" without "{written}": the company does not use that legal suffix, and a suffix names a kind of legal entity (N4, S124).', start, m.end(), fix=company.full)
    if _norm_suffix(written) != _norm_suffix(company.suffix):
        return Finding("company-misspelled", "error", f'Write "{company.full}", not "{doc.text[start:m.end()]}": never swap a legal suffix, it names a different kind of entity (N4, S124).', start, m.end(), fix=company.full)
    # A sentence's full stop may follow the suffix ("... Trust Company."): it is not part of the name.
    if doc.folded[start:m.end()].rstrip(".") != fold(company.full).rstrip("."):
        return Finding("company-misspelled", "warning", f'Write "{company.full}" exactly, or just "{company.core}" (N4, S126).', start, m.end())
    return None


def _near(a: str, b: str) -> bool:
    limit = 1 if len(b) < 8 else 2
    return osa_distance(a, b, limit) <= limit


def _ordinary_phrase(window, company: CompanyName) -> bool:
    """Ordinary English that happens to be close to the company name ("Northern" near "Norther")."""
    return all(w.lower() in COMMON_WORDS for w, _, _ in window) and not company.distinctive


def _single_word_slips(ctx: Context, company: CompanyName, covered) -> list[Finding]:
    """A distinctive company word alone, misspelt or re-cased ("Larksper", "larkspur")."""
    findings = []
    written_by_key = {w.lower(): w for w in company.words}
    initials = {t[0] for t in company.distinctive}
    for word, start, end in ctx.doc.tokens:
        if word.endswith(("'s", "'S")):
            word, end = word[:-2], end - 2  # "Larkspur's problem": a possessive, not a misspelling
        key = word.lower()
        if key[0] not in initials or any(s <= start < e for s, e in covered):
            continue
        for target in company.distinctive:
            if key == target:
                if word != written_by_key[target] and not word.isupper():
                    findings.append(Finding("company-misspelled", "error", f'Write "{written_by_key[target]}", not "{word}": keep the company\'s own capitalisation (N4, S126).', start, end, fix=written_by_key[target]))
                break
            if key[:1] == target[:1] and key not in COMMON_WORDS and key not in ctx.facts.parts and _near(key, target) and len(key) >= 4:
                findings.append(Finding("company-misspelled", "error", f'Write "{written_by_key[target]}", not "{ctx.doc.text[start:end]}": that is how the company spells its name (N4, T17).', start, end, fix=written_by_key[target]))
                break
    return findings
