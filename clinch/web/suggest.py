"""Offline article suggestions: which saved articles fit a topic someone talked about.

Pure Python, no Django and no network: a small TF-IDF over each article's
title and summary, cosine against the topic, plus a fuzzy title match
(rapidfuzz ``token_set_ratio``) that forgives word order and small spelling
differences. Words the topic and the article share are returned, so the page
can say why an article is suggested.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves
    talked discussed talk chat chatted mentioned asked said about how why new use using via vs way ways
    """.split()
)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
FUZZY_WEIGHT = 0.3
MIN_SCORE = 0.2
FUZZY_ALONE = 85  # a title this close matches even when no whole word is shared (spelling variants)


def words(text: str) -> list[str]:
    """Lower-cased content words of ``text``, plurals folded (``pipelines`` -> ``pipeline``)."""
    return [folded for folded, _ in _words_with_surface(text)]


def _words_with_surface(text: str) -> list[tuple[str, str]]:
    out = []
    for raw in WORD.findall(text.lower()):
        word = raw.replace("’", "'").split("'")[0]
        if len(word) < 2 or word in STOPWORDS:
            continue
        out.append((_fold(word), word))
    return out


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Doc:
    key: object  # the caller's id for the article
    title: str
    summary: str = ""


@dataclass(frozen=True)
class Suggestion:
    key: object
    score: float  # 0..1
    shared: tuple[str, ...]  # words the topic and the article have in common


class Index:
    """The user's reading list, ready to rank against many topics (build once per request)."""

    def __init__(self, docs: Iterable[Doc]):
        self.docs = list(docs)
        counts, self.titles = [], []
        for doc in self.docs:
            title = words(doc.title)
            counts.append(Counter(title * 2 + words(doc.summary)))  # the title counts twice
            self.titles.append(" ".join(title))
        df = Counter(word for count in counts for word in count)
        n = len(self.docs)
        self.idf = {word: math.log((1 + n) / (1 + freq)) + 1 for word, freq in df.items()}
        self.vectors = [self._weigh(count) for count in counts]
        self.postings: dict[str, list[int]] = {}
        for position, vector in enumerate(self.vectors):
            for word in vector:
                self.postings.setdefault(word, []).append(position)

    def _weigh(self, count: Counter) -> dict[str, float]:
        vector = {w: (1 + math.log(c)) * self.idf.get(w, 1.0) for w, c in count.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items()}

    def rank(self, topic: str, *, limit: int = 3, exclude: Sequence[object] = ()) -> list[Suggestion]:
        """The best ``limit`` articles for ``topic``, best first; none below ``MIN_SCORE``."""
        pairs = _words_with_surface(topic)
        if not pairs or not self.docs:
            return []
        topic_words = [folded for folded, _ in pairs]
        surface = {}
        for folded, word in pairs:
            surface.setdefault(folded, word)  # show the topic's own spelling, not the folded form
        query = self._weigh(Counter(topic_words))
        topic_text = " ".join(topic_words)
        # Only articles sharing a word, plus titles close enough on their own (scored in C).
        sharing = {position for word in query for position in self.postings.get(word, ())}
        close = {
            position: score
            for _, score, position in process.extract(
                topic_text, self.titles, scorer=fuzz.token_set_ratio, score_cutoff=FUZZY_ALONE, limit=None
            )
        }
        found = []
        for position in sharing | close.keys():
            doc, vector = self.docs[position], self.vectors[position]
            if doc.key in exclude:
                continue
            common = [w for w in query if w in vector]
            cosine = sum(query[w] * vector[w] for w in common)
            fuzzy = close.get(position) or fuzz.token_set_ratio(topic_text, self.titles[position])
            score = (1 - FUZZY_WEIGHT) * cosine + FUZZY_WEIGHT * fuzzy / 100
            if score >= MIN_SCORE:
                shared = tuple(sorted(surface[w] for w in common))
                found.append(Suggestion(key=doc.key, score=round(score, 3), shared=shared))
        found.sort(key=lambda s: (-s.score, str(s.key)))
        return found[:limit]
