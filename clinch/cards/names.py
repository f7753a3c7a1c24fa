"""Name, title and company: the lines of a card that no contact field took, told apart.

What a person reading the card uses: the name matches the email's local part and
is set large, has two to five capitalised words and no digits; a title has a job
word (engineer, head, Leiterin...) and sits next to the name; the company carries
a legal suffix (GmbH, Inc., S.A....) or matches the email's or website's domain.
An email the OCR misread by one look-alike letter is repaired only where the
printed name shows the right spelling.
"""

from __future__ import annotations

import re
import statistics

from nameparser import HumanName

from clinch.cards.ocr import Line
from clinch.cards.text import DIGITS, Fields, fold


LEGAL = re.compile(
    r"(?i)(?:^|[\s,])(?:gmbh|ag|kg|inc|incorporated|llc|l\.l\.c|ltd|limited|plc|llp|lp|corp|corporation|co|"
    r"s\.?a\.?s?|s\.?a\.?r\.?l|sarl|sas|b\.?v|n\.?v|s\.?l|s\.?r\.?l|s\.?p\.?a|pty|ab|oy|oyj|as|a/s|aps|asa|"
    r"sp\.? z o\.?o|s\.?c\.?a|k\.?k|pte|bhd|dac|se|e\.?v|group|gruppe|holding|holdings)\.?(?=$|[\s,.)])"
)
JOB_WORDS = {
    "engineer", "engineering", "manager", "director", "head", "lead", "leader", "recruiter", "recruiting",
    "recruitment", "talent", "partner", "officer", "president", "vp", "vice", "ceo", "cto", "cfo", "coo", "cio",
    "cmo", "chief", "founder", "co-founder", "cofounder", "owner", "consultant", "designer", "scientist",
    "analyst", "developer", "specialist", "coordinator", "associate", "executive", "architect", "researcher",
    "advisor", "adviser", "sales", "marketing", "product", "people", "hr", "human", "operations", "account",
    "principal", "senior", "sr", "junior", "staff", "intern", "assistant", "administrator", "representative",
    "strategist", "editor", "professor", "lecturer", "attorney", "counsel", "accountant", "programmer",
    "technician", "supervisor", "team", "acquisition", "hiring", "business", "development", "managing",
    "general", "secretary", "chair", "chairman", "chairwoman", "board", "member", "fellow", "student",
    "leiter", "leiterin", "geschäftsführer", "geschäftsführerin", "entwickler", "entwicklerin", "berater",
    "beraterin", "ingenieur", "ingenieurin", "referent", "referentin", "directeur", "directrice", "responsable",
    "chargé", "chargée", "chef", "gérant", "gérante", "ingénieur", "ingénieure", "gerente", "jefe", "jefa",
    "directora", "director", "responsabile", "direttore", "direttrice", "dyrektor", "kierownik", "chefe",
    "diretor", "diretora", "ontwikkelaar", "adviseur", "projectleider", "chefredakteur", "data", "software",
}
NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
                  "bin", "ibn", "al", "el", "ter", "ten", "zu", "y", "e", "st.", "mac", "af", "av"}
HONORIFICS = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "sir", "dame",
              "ing.", "dipl.-ing.", "mag.", "m.", "mme", "mlle"}
NOT_NAMES = {"www", "http", "https", "tel", "fax", "email", "mobile", "phone", "street", "road", "avenue", "suite",
             "floor", "building", "the", "and", "of", "for", "inc", "ltd", "gmbh", "llc", "group", "team"}


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", text) if w]


def job_words(text: str) -> int:
    words = [w.strip(".,&()").lower() for w in re.split(r"[\s/,|-]+", text)]
    return sum(w in JOB_WORDS for w in words)


def _name_shape(text: str) -> float:
    """How much ``text`` looks like a person's name, 0 to 1, from its shape alone."""
    if DIGITS.search(text) or "@" in text or "/" in text or len(text) > 60:
        return 0.0
    words = _words(text)
    core = [w for w in words if w.lower() not in HONORIFICS and w.lower().strip(".") not in
            {"phd", "mba", "md", "jr", "sr", "ii", "iii", "msc", "ma", "bsc", "cpa", "pe"}]
    if not 2 <= len(core) <= 5:
        return 0.0
    if any(w.lower().strip(".") in NOT_NAMES for w in core) or job_words(text) or LEGAL.search(text):
        return 0.0
    capitalised = 0
    for word in core:
        letters = word.replace("'", "").replace("-", "").replace(".", "")
        if not letters.isalpha():
            return 0.0
        if word.lower() in NAME_PARTICLES or word[0].isupper() or not word[0].islower():  # scripts without case too
            capitalised += 1
    if capitalised < len(core):
        return 0.2
    initials = sum(len(w.strip(".")) == 1 for w in core)
    return 1.0 if initials <= 1 else 0.5


def _email_match(text: str, emails: list[str]) -> float:
    """How well the words of ``text`` explain an email's local part (jon.petrakis, jpetrakis, jon)."""
    best = 0.0
    words = [fold(w) for w in _words(text) if fold(w) and w.lower() not in HONORIFICS]
    if not words:
        return 0.0
    for email in emails:
        local = fold(email.split("@")[0])
        if not local:
            continue
        covered = sum(len(w) for w in words if len(w) >= 2 and w in local)
        initials = "".join(w[0] for w in words)
        score = covered / len(local)
        if any(local == w[0] + words[-1] or local == words[0] + words[-1][0] for w in words[:1]):
            score = max(score, 0.9)
        if local == initials:
            score = max(score, 0.6)
        best = max(best, min(1.0, score))
    return best


def _company_match(text: str, emails: list[str], website: str) -> float:
    """How well ``text`` matches the core of the email's or website's domain (acme-robotics.de ~ Acme Robotics)."""
    domains = {e.split("@")[1] for e in emails}
    if website:
        domains.add(re.sub(r"^https?://(www\.)?", "", website).split("/")[0])
    folded = fold(LEGAL.sub(" ", text))
    best = 0.0
    for domain in domains:
        core = fold(domain.split(".")[0]) if not domain.startswith("www.") else fold(domain.split(".")[1])
        if len(core) < 3 or not folded:
            continue
        if core == folded:
            best = max(best, 1.0)
        elif core in folded or folded in core:
            best = max(best, 0.8 * min(len(core), len(folded)) / max(len(core), len(folded)) + 0.2)
        elif folded.startswith(core[:4]) or core.startswith(folded[:4]):
            best = max(best, 0.4)
    return best


CAMEL_KEEP = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O'|D'|L')$")


def _split_run_together(text: str) -> str:
    """Words OCR ran together, apart again: ``SørenKowalczyk`` -> ``Søren Kowalczyk``; ``McAllister`` stays."""
    def split(match):
        left = match.group(1)
        return left if CAMEL_KEEP.search(left) or len(left) < 2 else left + " "
    return re.sub(r"(\w*?[a-zà-ÿ])(?=[A-ZÀ-Ý](?:'[A-ZÀ-Ý])?[a-zà-ÿ]{2,})", split, text)


def fix_suffix(text: str) -> str:
    """Legal suffixes OCR misreads the same way every time (``S.r.I.`` for ``S.r.l.``)."""
    text = re.sub(r"\bS\.r\.[I1|]\.", "S.r.l.", text)
    return re.sub(r"(?<=[a-z])(SARL|SAS|GmbH|Ltd|LLC|Inc\.|AG|AB|B\.V\.|S\.A\.)$", r" \1", text)


def _nice_name(text: str) -> str:
    """A name as printed; one printed in capitals is given its ordinary capitals (MCALLISTER -> McAllister)."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        name = HumanName(text.lower())
        name.capitalize(force=True)
        return " ".join(part for part in re.split(r"\s+", str(name)) if part) or text
    return text


def people_fields(result: Fields, lines: list[Line], texts: list[str]) -> None:
    """Name, title and company from the lines no contact field took."""
    rest = [i for i, t in enumerate(texts) if i not in result.used and len(fold(t)) >= 2]
    rest = [i for i in rest if not re.fullmatch(r"(?i)[\W\d]*|(?:tel|fax|e-?mail|mobile|phone|web)\W*", texts[i])]
    if not rest:
        return
    heights = [lines[i].height for i in rest]
    typical = statistics.median(heights) or 1.0
    tallest = max(heights) or 1.0

    for i in rest:
        if LEGAL.search(texts[i]):
            continue
        candidate = _split_run_together(texts[i].strip("?!:;|*•·,"))
        if _name_shape(candidate) > _name_shape(texts[i]) or job_words(candidate) > job_words(texts[i]) or (
                _name_shape(candidate) and _email_match(candidate, result.emails) > _email_match(texts[i], result.emails)):
            texts[i] = candidate

    def name_score(i: int) -> float:
        shape = _name_shape(texts[i])
        if not shape:
            return 0.0
        size = lines[i].height / tallest
        return shape + 1.5 * _email_match(texts[i], result.emails) + 0.6 * size + 0.2 * lines[i].score

    scored = sorted(((name_score(i), i) for i in rest), reverse=True)
    if scored and scored[0][0] >= 1.0:
        name_index = scored[0][1]
        result.name = _nice_name(texts[name_index])
        result.scores["name"] = lines[name_index].score
        rest.remove(name_index)
    else:
        name_index = None
    company_index = _company(result, lines, texts, rest, name_index, typical)
    if company_index is not None:
        result.company = texts[company_index]
        result.scores["company"] = lines[company_index].score
        rest.remove(company_index)
    if result.name and result.emails:
        result.emails = [_repair_email(e, result.name) for e in result.emails]
    title_index = _title(lines, texts, rest, name_index)
    if title_index is not None:
        result.title = texts[title_index]
        result.scores["title"] = lines[title_index].score


def _company(result, lines, texts, rest, name_index, typical) -> int | None:
    best, best_score = None, 0.0
    for i in rest:
        text = texts[i]
        if job_words(text) and not LEGAL.search(text):
            continue
        score = 0.0
        if LEGAL.search(text) and not DIGITS.search(text):
            score += 1.2
        score += 1.5 * _company_match(text, result.emails, result.website)
        if score == 0:
            continue
        score += 0.2 * min(lines[i].height / typical, 2.0)
        if score > best_score:
            best, best_score = i, score
    if best is None and rest:
        # No suffix and no domain match: the largest remaining line that is no job title, if it stands out.
        candidates = [i for i in rest if not job_words(texts[i]) and not DIGITS.search(texts[i])
                      and i != name_index and lines[i].height >= 1.15 * typical]
        if candidates:
            best = max(candidates, key=lambda i: lines[i].height)
    return best


def _title(lines, texts, rest, name_index) -> int | None:
    candidates = [i for i in rest if job_words(texts[i]) and not DIGITS.search(texts[i]) and "@" not in texts[i]]
    if name_index is not None:
        name_box = lines[name_index].box

        def distance(i):
            box = lines[i].box
            return abs(box[1] - name_box[3]) + 0.5 * abs(box[0] - name_box[0])

        if candidates:
            return min(candidates, key=lambda i: (-min(job_words(texts[i]), 2), distance(i)))
        # No job word: the line right under the name, if it is smaller than the name.
        below = [i for i in rest if 0 <= lines[i].box[1] - name_box[3] < 1.5 * lines[name_index].height
                 and lines[i].height < lines[name_index].height and not DIGITS.search(texts[i])]
        return min(below, key=distance) if below else None
    return max(candidates, key=lambda i: job_words(texts[i])) if candidates else None


CONFUSABLE = [("l", "i"), ("i", "l"), ("1", "l"), ("1", "i"), ("l", "1"), ("0", "o"), ("o", "0"), ("rn", "m"),
              ("m", "rn"), ("vv", "w"), ("c", "e"), ("e", "c"), ("j", "i"), ("i", "j"), ("j", "l")]


def _repair_email(email: str, name: str) -> str:
    """``email`` with one OCR slip in its local part undone when the printed name shows it (garcla -> garcia).

    Only a single swap of look-alike letters that turns the local part into a
    spelling built from the name's own words is made; anything else is left as read.
    """
    local, domain = email.split("@", 1)
    words = [_email_word(w) for w in _words(name) if fold(w) and w.lower() not in HONORIFICS]
    if len(words) < 1:
        return email
    spellings = set()
    for sep in (".", "_", "-", ""):
        spellings |= {sep.join(words), sep.join([words[0], words[-1]]), words[0][0] + sep + words[-1],
                      words[0] + sep + words[-1][0]}
    spellings |= set(words)
    spellings |= {s.replace("-", "") for s in spellings}
    if local in spellings:
        return email
    for wrong, right in CONFUSABLE:
        start = local.find(wrong)
        while start != -1:
            fixed = local[:start] + right + local[start + len(wrong):]
            if fixed in spellings:
                return f"{fixed}@{domain}"
            start = local.find(wrong, start + 1)
    # A thin letter lost (fitzgerald read as ftzgerald), or a label's E run in front (Ekatherinet).
    for spelling in spellings:
        if len(spelling) >= 6 and (_one_letter_lost(local, spelling) or local == "e" + spelling):
            return f"{spelling}@{domain}"
    return email


def _one_letter_lost(read: str, spelling: str) -> bool:
    """``read`` is ``spelling`` with one letter (not a separator) left out."""
    return len(read) + 1 == len(spelling) and any(
        spelling[i].isalpha() and spelling[:i] + spelling[i + 1:] == read for i in range(len(spelling)))


def _email_word(word: str) -> str:
    """A name's word as it goes into an address: ``Mary-Kate`` -> ``mary-kate``, ``O'Neill`` -> ``oneill``."""
    return "-".join(fold(part) for part in word.split("-") if fold(part))
