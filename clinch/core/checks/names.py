"""Names: a person of the interview written with a near-miss spelling (N3, N5, T10, T17).

Every capitalised word is compared with the name parts of the candidate and the
panel, after dropping diacritics and straightening apostrophes, so "O’Neill" for
"O'Neill" is not a misspelling. The card is the standard for accents: a panel
member's name written without them ("Quinones" for "Quiñones", "Zoe" for "Zoë")
is misspelt, at warning severity, with the card's spelling as the fix. A word is a
near miss when it is a known variant (the confusables below, from S113-S118),
sounds the same by a crude phonetic key (Catherine/Katherine, Lynn/Lynne,
Meghan/Megan), or is one typo away from a name of five letters or more.
Ordinary English words and words of the company, role and topics are not
suspects, so "March" is not a misspelt "Mark" and "Will" is fine, except where
a name is expected (the greeting's first name, after "Ms." or "Dr.", beside
another name part): there "Brand" misspells Brandt, and a looser Soundex match
("Grays" for Grace, "Lu" for Liu) counts as well.
"""

from __future__ import annotations

import re

from clinch.core.bytecache import lru_bytes
from clinch.core.checks._context import Context
from clinch.core.checks._text import COMMON_WORDS, SALUTATIONS, fold, osa_distance
from clinch.core.checks.finding import Finding

# Variant groups seen in the sources (S113-S118, S127). Lower case, diacritics dropped.
CONFUSABLES = (
    {"catherine", "katherine", "kathryn", "catharine", "katharine", "kathrine", "cathryn", "katheryn", "kathrynn"},
    {"jon", "john", "jonn", "johan"},
    {"steven", "stephen", "stevan"},
    {"ann", "anne", "anna"},
    {"smith", "smyth", "smithe"},
    {"geoffrey", "jeffrey", "jeffery", "geoffery", "jeffry"},
    {"michelle", "michele", "michel"},
    {"lynn", "lynne", "lyn", "linn"},
    {"oneil", "oneill", "oneal", "o'neil", "o'neill", "o'neal"},
    {"aubrey", "audrey"},
    {"swarts", "swartz", "schwartz", "schwarz"},
    {"judy", "judi", "judie"},
    {"gerry", "jerry"},
    {"marcia", "marsha"},
    {"candace", "candice", "candis"},
    {"barack", "barak"},
    {"bri", "bree", "brie"},
    {"buffett", "buffet"},
    {"sara", "sarah"},
    {"alan", "allan", "allen", "alen"},
    {"brian", "bryan", "brien"},
    {"carl", "karl"},
    {"eric", "erik", "erick"},
    {"kristen", "kristin", "kirsten", "christen"},
    {"philip", "phillip", "filip"},
    {"sean", "shawn", "shaun"},
    {"teresa", "theresa"},
    {"tomas", "thomas"},
    {"rafael", "raphael"},
    {"meghan", "megan", "meagan"},
    {"jen", "jenn"},
    {"mohammed", "muhammad", "mohamed", "mohammad"},
    {"elizabeth", "elisabeth"},
    {"isabel", "isabelle", "isobel"},
)
_VARIANT_OF = {}
for group in CONFUSABLES:
    for name in group:
        _VARIANT_OF.setdefault(name.replace("'", ""), set()).update(n.replace("'", "") for n in group)

_NOT_LETTER = re.compile(r"[\W\d_]")  # letters of any script stay: 王伟 is compared as written
_PHONETIC_RULES = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"[cq]"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"y"), "i"),
    (re.compile(r"z"), "s"),
    (re.compile(r"v"), "f"),
    (re.compile(r"(?<=.)h"), ""),  # a silent h after the first letter: John/Jon, Thomas/Tomas
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: Lynn/Lyn, O'Neill/O'Neil
    (re.compile(r"(?<=..)e$"), ""),  # a final e: Anne/Ann, Lynne/Lynn
)
_POSSESSIVE = re.compile(r"'s$|'$")


@lru_bytes(1 << 20)
def phonetic(word: str) -> str:
    """A crude sound key: equal keys mean "sounds the same, may be spelt differently"."""
    key = _NOT_LETTER.sub("", word.lower())
    for pattern, repl in _PHONETIC_RULES:
        key = pattern.sub(repl, key)
    return key


def _plain(word: str) -> str:
    return _NOT_LETTER.sub("", word.lower())


@lru_bytes(1 << 20)
def is_near_miss(word: str, name: str) -> bool:
    """True when ``word`` (folded) is plausibly a misspelling of ``name`` (folded); both not equal.

    An apostrophe or hyphen dropped or added is one: "OBrien" for "O'Brien".
    """
    a, b = _plain(word), _plain(name)
    if not a or not b:
        return False
    if a == b:
        return word.lower() != name.lower()
    if a in _VARIANT_OF.get(b, ()):
        return True
    distance = osa_distance(a, b, 3)
    if distance > 2:
        return False
    if phonetic(a) == phonetic(b):
        return True
    if a[0] != b[0]:
        return False
    if distance == 1 and len(b) >= 5:
        return True
    if distance == 1 and len(a) == len(b) and sorted(a) == sorted(b):
        return True  # two letters swapped: Liu/Lui, Jon/Jno
    return distance == 2 and len(b) >= 8


_SOUNDEX = str.maketrans("bfpvcgjkqsxzdtlmnr", "111122222222334556")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor"})


@lru_bytes(1 << 20)
def soundex(word: str) -> str:
    """American Soundex: Grace and Grays both give G620."""
    w = _plain(word)
    if not w:
        return ""
    codes = w.translate(_SOUNDEX)
    out, last = [w[0].upper()], codes[0]
    for ch, code in zip(w[1:], codes[1:]):
        if code.isdigit() and code != last:
            out.append(code)
        if ch not in "hw":
            last = code
    return "".join(out)[:4].ljust(4, "0")


@lru_bytes(1 << 20)
def sounds_like(word: str, name: str) -> bool:
    """A looser near miss, used only where a name is expected: same first letter and Soundex, two edits at most."""
    a, b = _plain(word), _plain(name)
    return a != b and len(b) >= 3 and a[:1] == b[:1] and soundex(a) == soundex(b) and osa_distance(a, b, 2) <= 2


def _greeting_start(ctx: Context) -> int:
    """Where the first name of the greeting starts, or -1."""
    from clinch.core.checks.recipient import greeting  # recipient imports this module

    found = greeting(ctx)
    return found[0][0][1] if found and found[0] else -1


def in_name_slot(ctx: Context, i: int, greeting_start: int) -> bool:
    """Whether token ``i`` stands where a name is expected.

    The first word of the greeting, a word after "Ms." or "Dr.", and a word
    right beside a name part of the interview ("Michelle Brant"). There, an
    ordinary English word is a name too: "Dear Ms. Brand" misspells Brandt.
    """
    tokens, text, parts = ctx.doc.tokens, ctx.doc.folded, ctx.facts.parts
    start = tokens[i][1]
    if start == greeting_start or i and tokens[i - 1][0].lower() in _HONORIFICS:
        return True
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens) and tokens[j][0][0].isupper() and tokens[j][0].lower() in parts:
            a, b = (tokens[j], tokens[i]) if j < i else (tokens[i], tokens[j])
            if text[a[2]:b[1]] in (" ", "-"):
                return True
    return False


# Letters a misspelt name may start with, for a name that starts with the key.
_SAME_SOUND = {"c": "ck", "k": "kc", "s": "scz", "z": "zs", "j": "jg", "g": "gj", "f": "fp", "p": "pf"}


# Words that open a greeting line: "Hello Ana," is a greeting even beside "Hill" on the panel.
_SALUTATIONS = frozenset({*SALUTATIONS, "good"})


def _opens_a_line(text: str, start: int, lead: int) -> bool:
    """Only spaces or tabs stand between a line break and ``start``, or only white space
    between the start of ``text`` and ``start`` (``lead``: how much white space opens ``text``).

    Walks back over the spaces alone, never the whole text: it is asked once per word."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i > 0 and text[i - 1] == "\n" or start <= lead


def check_names(ctx: Context) -> list[Finding]:
    findings = []
    parts = ctx.facts.parts
    vocabulary = ctx.facts.vocabulary
    initials = {c for key in parts for c in _SAME_SOUND.get(key[:1], key[:1])}
    greeting_start = None
    folded = ctx.doc.folded
    lead = len(folded) - len(folded.lstrip())
    from clinch.core.checks.recipient import salutation_end  # recipient imports this module

    opening = salutation_end(ctx)  # "Kia ora", "Guten Tag": greeting words, not names
    for i, (word, start, end) in enumerate(ctx.doc.tokens):
        if not word[0].isupper() or len(word) < 2 or start < opening:
            continue
        bare = _POSSESSIVE.sub("", word)
        key = bare.lower()
        if key in parts:
            finding = _spelling_of_exact(ctx, bare, parts[key], start)
            if finding:
                findings.append(finding)
            continue
        if bare.isupper() and len(bare) <= 4:
            continue
        if key in _SALUTATIONS and _opens_a_line(folded, start, lead):
            continue
        ordinary = key in COMMON_WORDS or key in vocabulary
        loose = False
        if key[0] in initials:
            if greeting_start is None:
                greeting_start = _greeting_start(ctx)
            loose = in_name_slot(ctx, i, greeting_start)  # where a name is expected, any word may be a misspelt name
        if ordinary and not loose:
            continue
        best = None
        for part_key, ((written, person), *_) in parts.items():
            if len(part_key) >= 2 and (is_near_miss(key, part_key) or loose and sounds_like(key, part_key)):
                distance = osa_distance(_plain(key), _plain(part_key), 3)
                if best is None or distance < best[0]:
                    best = (distance, written, person)
        if best:
            _, written, person = best
            who = "your own name" if person.interviewer is None else f"{person.name}'s name"
            findings.append(Finding("name-misspelled", "error", f'Write "{written}", not "{ctx.doc.text[start:start + len(bare)]}": that is how {who} is spelt on the card (N3, N5, T17).', start, start + len(bare), fix=written))
    return findings


def _spelling_of_exact(ctx: Context, bare: str, known, start: int) -> Finding | None:
    """Same letters as a name part once folded. The card is the standard: a dropped or wrong accent
    ("Zoe" for "Zoë") misspells a panel member's name (warning), and so does a capitalisation slip
    (error); the writer's own name is theirs to write as they like."""
    original = ctx.doc.text[start:start + len(bare)].replace("\u2019", "'")
    panel = [(written.replace("\u2019", "'"), person) for written, person in known if person.interviewer is not None]
    if not panel:
        return None
    shout = bare.isupper()  # "JOSÉ" in capitals is written as on the card
    if any(original == (w.upper() if shout else w) for w, _ in panel):
        return None
    for written, person in panel:
        if fold(original) == fold(written.upper() if shout else written):
            return Finding("name-misspelled", "warning", f'Write "{written}", not "{original}": that is how {person.name}\'s name is spelt on the card, accents included (N3, T17).', start, start + len(bare), fix=written)
    return Finding("name-misspelled", "error", f'Write "{panel[0][0]}", not "{original}": capitalise the name as on the card (N3, T17).', start, start + len(bare), fix=panel[0][0])
