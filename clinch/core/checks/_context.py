"""What every check family needs to know about the interview, computed once per interview."""

from __future__ import annotations

from dataclasses import dataclass

from clinch.core.bytecache import lru_bytes
from clinch.core.checks._text import WORD, Doc, fold
from clinch.core.model import Interview, Interviewer

_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame", "jr", "sr", "ii", "iii", "phd"})
_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "van", "von", "la", "le", "du", "dos", "das", "bin", "al", "y"})


@dataclass(frozen=True)
class Person:
    """A person of the interview and the name parts they may be called by."""

    name: str
    parts: tuple[str, ...]  # as written on the card, diacritics kept
    email: str | None
    interviewer: Interviewer | None  # None for the candidate

    @property
    def greeting_name(self) -> str:
        """What a note calls them: the preferred name, else the given name (see ``given_name``)."""
        if self.interviewer is not None and self.interviewer.preferred_name:
            return self.interviewer.preferred_name
        return given_name(self.parts) or self.name


# Family names that come first in the name as written. Vietnamese names put the family name first
# and people go by the last word ("Nguyễn Văn An" is An). Chinese, Korean and Singaporean names
# may come in either order; with three words after one of these family names, the last two are the
# given name ("Tan Mei Ling" is Mei Ling). Names that are also Western given names (Lee, Kim) are
# left out: "Lee Ann Smith" is Lee.
_VIETNAMESE_FAMILY = frozenset({"nguyen", "tran", "pham", "huynh", "hoang", "phan", "vu", "vo", "dang", "bui", "do", "ngo", "duong", "ly"})
_EAST_ASIAN_FAMILY = frozenset({"tan", "lim", "ng", "goh", "chua", "ong", "teo", "koh", "wong", "wang", "zhang", "liu", "chen", "zhao",
                                "zhou", "xu", "huang", "guo", "lin", "luo", "yang", "park", "choi", "kang", "yoon", "cheng", "leung"})


def given_name(parts: tuple[str, ...]) -> str | None:
    """The given name among a name's parts (``name_parts``): the first, unless the name is written
    family name first in a way that can be told (see above); None for no parts."""
    if not parts:
        return None
    family = fold(parts[0]).lower()
    whole = [p for p in parts if not any("-" in q and p in q.split("-") for q in parts)]  # "Mei-Ling", not its halves
    if family in _VIETNAMESE_FAMILY and len(whole) >= 2:
        return whole[-1]
    if family in _EAST_ASIAN_FAMILY and len(whole) == 3:
        return f"{whole[1]} {whole[2]}"
    return parts[0]


def name_parts(name: str) -> tuple[str, ...]:
    """The words of a name worth comparing: hyphenated wholes and their halves, no titles or particles."""
    parts: list[str] = []
    for token in WORD.findall(name.replace("\u2019", "'")):
        key = fold(token).lower().rstrip(".")
        if key in _TITLES or key in _PARTICLES:
            continue
        parts.append(token)
        if "-" in token:
            parts.extend(p for p in token.split("-") if len(p) > 1)
    return tuple(dict.fromkeys(parts))


@dataclass(frozen=True)
class Facts:
    """Per-interview lookups shared by every check of every message."""

    people: tuple[Person, ...]
    # folded lower-case name part -> ((part as written, person), ...): two people may share a name
    parts: dict
    # folded lower-case words of the company, role, titles, topics and articles
    vocabulary: frozenset[str]


@lru_bytes(4 << 20)
def facts_for(interview: Interview) -> Facts:
    people = [Person(interview.candidate.name, name_parts(interview.candidate.name), interview.candidate.email, None)]
    for person in interview.interviewers:
        parts = name_parts(person.name)
        if person.preferred_name:
            parts = tuple(dict.fromkeys((*name_parts(person.preferred_name), *parts)))
        people.append(Person(person.name, parts, person.email, person))
    index: dict[str, tuple[tuple[str, Person], ...]] = {}
    for person in people:
        for part in person.parts:
            key = fold(part).lower()
            index[key] = (*index.get(key, ()), (part, person))
    words: list[str] = [interview.company, interview.role]
    for person in interview.interviewers:
        words.extend([person.title or "", *person.topics])
        if person.article:
            words.append(person.article.title)
    vocabulary = frozenset(w.lower() for text in words for w in WORD.findall(fold(text)))
    return Facts(tuple(people), index, vocabulary - set(index))


def find_recipient(interview: Interview, to: str) -> Interviewer | None:
    """The interviewer whose email (or, lacking one, name) is ``to``; case and spacing ignored."""
    key = to.strip().lower()
    for person in interview.interviewers:
        if person.email and person.email.lower() == key:
            return person
    for person in interview.interviewers:
        if fold(person.name).lower() == fold(key):
            return person
    return None


@dataclass
class Context:
    """One check call: the message, the interview facts, the recipient, the kind and the policy."""

    doc: Doc
    interview: Interview
    facts: Facts
    recipient: Interviewer | None
    kind: str
    policy: object
