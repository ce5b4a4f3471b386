# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Suggestions for a new complaint, learned from the register.

Plain Python (the standard library and ``snowballstemmer``): no Odoo. For a
new message it suggests, each with a confidence, the kind (WMD-klachtenbeleid
§1.2: a repair request, a nuisance report, a report of housing fraud or a
dispute is no complaint), the team, the category, whether it is a hidden
complaint, the handling the writer asks for (Awb 9:10), whether someone
writes on another's behalf (Awb 9:1 with 2:1: a representative or lawyer) and
a ground for not handling it on substance (Awb 9:8).

The method is the one of Odoo CRM's Predictive Lead Scoring: naive Bayes over
frequency tables, per company and per target. A table holds how many learned
complaints carry each label and how often each feature (a Dutch word stem, a
pair of stems, the channel, the sender's mail domain) occurred with it. It
holds counts, never texts (AVG art. 5(1)(c), data minimisation).

Until the register holds enough examples, a cold-start table made from a
shipped Dutch vocabulary (``suggestion_vocabulary``), or from the
organisation's own team, category and ground names and keywords, gives the
suggestions; its weight fades as the register grows.

Each suggestion names the words of the text that led to it, so that a person
can judge it: a suggestion is never applied without a person.
"""

import math
import re
import unicodedata
from collections import namedtuple
from functools import cache, lru_cache

import snowballstemmer

try:
    from . import suggestion_vocabulary as vocabulary
except ImportError:  # loaded from its path, outside Odoo (tests/, bench/)
    import importlib.util
    from pathlib import Path

    _spec = importlib.util.spec_from_file_location(
        "klachtenbeheer_suggestion_vocabulary",
        Path(__file__).with_name("suggestion_vocabulary.py"),
    )
    vocabulary = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(vocabulary)

TARGETS = (
    "kind",
    "team",
    "category",
    "hidden",
    "preference",
    "representative",
    "ground",
)

Suggestion = namedtuple("Suggestion", "label confidence words")

# Only this much of subject and body is read: a mail that quotes a long
# history says what it is about at the top.
MAX_CHARS = 8000
# Laplace smoothing.
ALPHA = 1.0
SMOOTHING = 100
MIN_ALPHA = 0.05

# Dutch function words that say nothing about the complaint. Words that do
# are kept, though common: negations and repetition ("niet", "geen", "nog",
# "weer", "steeds", "al", "nooit": "Is hij er weer niet?"), the reported
# promise ("zou": "ik zou teruggebeld worden") and the request ("graag",
# "iemand": "kan er iemand komen").
STOP_WORDS = frozenset(
    """
    aan af alle alles als alsjeblieft alstublieft ben bent bij bijvoorbeeld
    daar daarom dan dat de der des deze die dit doch doen door dus een eens
    en enz er ge had hadden heb hebben heeft hem hen het hier hierbij hij
    hoe hun ik in is ja je jij jou jouw jullie kan kon kunnen kunt maar me
    meer men met mij mijn mijnheer moet moeten na naar nu of om omdat ons
    onze ook op over reeds te tegen toch toen tot u uit uw van veel voor
    want waren was wat we wel werd wezen wie wij wil willen wilt worden
    wordt zal ze zelf zich zij zijn zo zonder
    """.split()
)

_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?;:\n]")
_STEMMER = snowballstemmer.stemmer("dutch")


def fold(text):
    """Lower case, accents folded ("Cliënt" -> "client")."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


@lru_cache(maxsize=65536)
def stem(word):
    """The Dutch snowball stem of one folded word."""
    return _STEMMER.stemWord(word)


def tokens(text):
    """(stem, surface word) of each kept word of ``text``, with None between
    sentences (pairs of stems are not made across a sentence end)."""
    text = (text or "")[:MAX_CHARS]
    result = []
    position = 0
    for match in _LETTERS.finditer(text):
        if _SENTENCE_END.search(text, position, match.start()):
            result.append(None)
        position = match.end()
        word = match.group()
        folded = fold(word)
        if len(folded) < 2 or folded in STOP_WORDS:
            continue
        result.append((stem(folded), word))
    return result


def analyse(subject, body, channel=None, sender_domain=None):
    """-> (feats, surface): the features of one message and, per stem
    feature, the word as it first appeared (for the explanations)."""
    feats = {}
    surface = {}
    for text in (subject, body):
        previous = None
        for token in tokens(text):
            if token is None:
                previous = None
                continue
            feature, word = token
            feats[feature] = feats.get(feature, 0) + 1
            surface.setdefault(feature, word)
            if previous is not None:
                pair = f"{previous[0]}_{feature}"
                feats[pair] = feats.get(pair, 0) + 1
                surface.setdefault(pair, f"{previous[1]} {word}")
            previous = token
    if channel:
        feats[f"channel:{channel}"] = 1
    if sender_domain:
        domain = fold(sender_domain).strip().lstrip("@")
        if domain:
            feats[f"domain:{domain}"] = 1
            surface[f"domain:{domain}"] = f"@{domain}"
    return feats, surface


class Table:
    """The frequency table of one company and one target.

    ``docs``: learned complaints per label; ``counts``: summed feature counts
    per label; ``totals``: the sum of ``counts[label]`` over all features
    (kept apart, so that a caller may load only the features of one mail);
    ``vocabulary``: the number of distinct features of the target. Without
    ``vocabulary`` it is the number of distinct features in ``counts`` and
    ``add`` keeps it so; a caller that loads part of the counts passes the
    true number and does not ``add`` to that table.
    """

    __slots__ = ("docs", "counts", "totals", "vocabulary", "_index", "_labels")

    def __init__(self, docs=None, counts=None, totals=None, vocabulary=None):
        self.docs = dict(docs or {})
        self.counts = {label: dict(c) for label, c in (counts or {}).items()}
        if totals is None:
            totals = {label: sum(c.values()) for label, c in self.counts.items()}
        self.totals = dict(totals)
        if vocabulary is None:
            vocabulary = len({f for c in self.counts.values() for f in c})
        self.vocabulary = vocabulary
        self._index = None
        self._labels = None

    def _spread(self):
        """feature -> how many labels know it (for ``vocabulary``)."""
        if self._labels is None:
            spread = {}
            for counts in self.counts.values():
                for feature in counts:
                    spread[feature] = spread.get(feature, 0) + 1
            self._labels = spread
        return self._labels

    @property
    def examples(self):
        return sum(self.docs.values())

    def add(self, label, feats, sign=1):
        """Learn (``sign`` 1) or forget (``sign`` -1) one complaint with
        ``label`` and features ``feats``. Forgetting what was learned gives
        the table back exactly; forgetting what was never learned is refused
        (ValueError) and changes nothing."""
        if sign not in (1, -1):
            raise ValueError("sign must be 1 or -1")
        label = str(label)
        self._index = None
        counts = self.counts.setdefault(label, {})
        if sign < 0:
            if self.docs.get(label, 0) < 1 or any(
                counts.get(f, 0) < c for f, c in feats.items()
            ):
                if not counts:
                    del self.counts[label]
                raise ValueError(f"cannot forget what was not learned for {label!r}")
        spread = self._spread()  # before any change
        total = 0
        for feature, count in feats.items():
            if count <= 0:
                continue
            before = counts.get(feature, 0)
            after = before + sign * count
            total += count
            if after:
                counts[feature] = after
            else:
                del counts[feature]
            if before == 0 or after == 0:
                # The feature appears in or leaves this label: the target's
                # vocabulary changes when no other label knows it.
                labels = spread.get(feature, 0) + (1 if before == 0 else -1)
                if labels:
                    spread[feature] = labels
                else:
                    del spread[feature]
                if before == 0 and labels == 1:
                    self.vocabulary += 1
                elif not labels:
                    self.vocabulary -= 1
        docs = self.docs.get(label, 0) + sign
        totals = self.totals.get(label, 0) + sign * total
        if docs:
            self.docs[label] = docs
        else:
            self.docs.pop(label, None)
        if totals:
            self.totals[label] = totals
        else:
            self.totals.pop(label, None)
        if not counts:
            del self.counts[label]
        return self

    def index(self):
        """feature -> [(label, count)]: the counts turned around, made once
        and kept until the table changes (``add``); a caller that changes
        ``counts`` itself calls ``add`` or makes a new Table."""
        if self._index is None:
            index = {}
            for label, counts in self.counts.items():
                for feature, n in counts.items():
                    index.setdefault(feature, []).append((label, n))
            self._index = index
        return self._index

    def __eq__(self, other):
        if not isinstance(other, Table):
            return NotImplemented
        return (
            self.docs == other.docs
            and self.counts == other.counts
            and self.totals == other.totals
            and self.vocabulary == other.vocabulary
        )

    def __repr__(self):
        return (
            f"Table({len(self.docs)} labels, {self.examples} examples, "
            f"{self.vocabulary} features)"
        )


def keyword_table(mapping, weight=5):
    """-> Table from ``{label: [Dutch words or phrases]}``: each label counts
    as ``weight`` pseudo-complaints, each holding all its phrases once.

    A word of everyday messages (``suggestion_vocabulary.COMMON``: "woning",
    "al", "steeds", ...) counts once, not ``weight`` times, unless it is a
    phrase of its own: in "woont er al maanden niet" the pairs tell. And
    every label gets the same total (the mean), so that a label with a long
    list is not diluted against one with a short list: a keyword weighs the
    same in each (here ``totals`` is not the sum of ``counts``)."""
    common = _common()
    docs, counts = {}, {}
    for label, phrases in mapping.items():
        label = str(label)
        found = {}
        for phrase in phrases:
            feats = analyse(phrase, "")[0]
            single = len(feats) == 1
            for feature, count in feats.items():
                times = 1 if feature in common and not single else weight
                found[feature] = found.get(feature, 0) + count * times
        if found:
            docs[label] = weight
            counts[label] = found
    table = Table(docs, counts)
    if table.totals:
        mean = round(sum(table.totals.values()) / len(table.totals))
        table.totals = dict.fromkeys(table.totals, mean)
    return table


@cache
def _common():
    return frozenset(stem(fold(word)) for word in vocabulary.COMMON)


@cache
def _cold_start(target):
    mapping = vocabulary.VOCABULARY.get(target)
    if not mapping:
        return None
    weight = vocabulary.WEIGHT
    table = keyword_table(mapping, weight)
    # The usual label (a complaint, not hidden, no representative, an
    # informal handling) is the likelier one when the words say nothing.
    for label, factor in vocabulary.PRIOR_FACTOR.get(target, {}).items():
        if label in table.docs:
            table.docs[label] = weight * factor
    return table


def cold_start(target):
    """-> Table of the shipped Dutch vocabulary for kind, hidden, preference
    and representative (a fresh copy: the caller may change it); None for
    team, category and ground, whose labels are the organisation's records."""
    table = _cold_start(target)
    if table is None:
        return None
    copy = Table(table.docs, table.counts, table.totals, table.vocabulary)
    copy._index = table.index()  # read only; add() makes its own
    return copy


# The likelihood is damped by this much: a word counts again in the pairs
# it is part of, and naive Bayes would be overly sure (bench/
# suggestion_accuracy.py measures how often a confidence is right).
TEMPER = 1.5


class _Bayes:
    """The multinomial naive Bayes of one message over frequency tables
    whose counts are added up (the learned table and the cold-start one).

    Per label: log P(label) + sum over the message's features of count x
    log P(feature | label), with P(feature | label) = (n + ALPHA) / (total +
    ALPHA x vocabulary). Only features some table saw count: an unknown word
    says nothing about any label (and would favour the labels with the
    fewest counts). The work is in the features the labels saw: a label
    that never saw a feature gets the same ``floor`` for every such one."""

    __slots__ = ("labels", "scores", "rows", "floor")

    def __init__(self, tables, feats, alpha=ALPHA):
        docs = {}
        for table in tables:
            for label, n in table.docs.items():
                if n > 0:
                    docs[label] = docs.get(label, 0) + n
        self.labels = labels = list(docs)
        self.rows = {}
        self.scores = {}
        self.floor = []
        if not labels:
            return
        vocabulary = max(sum(t.vocabulary for t in tables), 1)
        examples = sum(docs.values())
        position = {label: i for i, label in enumerate(labels)}
        rows = self.rows  # feature -> {label index: count}
        for table in tables:
            index = table.index()
            for feature, count in feats.items():
                found = index.get(feature)
                if not found or count <= 0:
                    continue
                row = rows.setdefault(feature, {})
                for label, n in found:
                    i = position.get(label)
                    if i is not None:
                        row[i] = row.get(i, 0) + n
        denominators = [
            math.log(sum(t.totals.get(label, 0) for t in tables) + alpha * vocabulary)
            for label in labels
        ]
        log_alpha = math.log(alpha)
        self.floor = [log_alpha - d for d in denominators]
        weight = sum(feats[f] for f in rows)
        # The part every label shares (weight x log alpha) is left out.
        scores = [
            TEMPER * math.log(docs[label] / examples) - weight * d
            for label, d in zip(labels, denominators, strict=True)
        ]
        for feature, row in rows.items():
            count = feats[feature]
            for i, n in row.items():
                # From here on a row holds log(n + alpha) - log(alpha).
                row[i] = lift = math.log(n + alpha) - log_alpha
                scores[i] += count * lift
        self.scores = {
            label: score / TEMPER for label, score in zip(labels, scores, strict=True)
        }

    def posterior(self):
        if not self.scores:
            return {}
        top = max(self.scores.values())
        exps = {label: math.exp(s - top) for label, s in self.scores.items()}
        total = sum(exps.values())
        return {label: e / total for label, e in exps.items()}

    def evidence(self, label, feats):
        """{feature: how much it pushed towards ``label``}: its
        log-likelihood under ``label`` against the strongest other label
        (against a feature never seen, when the table knows one label)."""
        if label not in self.scores:
            return {}
        index = self.labels.index(label)
        floor = self.floor
        mine_floor = floor[index]
        rival_floor = max(
            (v for i, v in enumerate(floor) if i != index), default=mine_floor
        )
        evidence = {}
        for feature, row in self.rows.items():
            lift = row.get(index)
            if lift is None:
                continue  # it pushed away from this label
            rival = rival_floor
            for i, other in row.items():
                if i != index and other + floor[i] > rival:
                    rival = other + floor[i]
            evidence[feature] = feats[feature] * (lift + mine_floor - rival)
        return evidence


def _words(evidence, surface, explain):
    chosen = []
    for feature, push in sorted(evidence.items(), key=lambda item: (-item[1], item[0])):
        if len(chosen) >= explain or push <= 0:
            break
        if surface is not None:
            word = surface.get(feature)
        elif feature.startswith(("channel:", "domain:")):
            word = None
        else:
            word = feature
        if not word:
            continue
        folded = fold(word)
        # "weer niet" already says "weer" and "niet".
        if any(folded in fold(w).split() or folded == fold(w) for w in chosen):
            continue
        chosen = [w for w in chosen if fold(w) not in folded.split()]
        chosen.append(word)
    return chosen[:explain]


def suggest(table, feats, surface=None, prior=None, top=3, explain=5, min_examples=0):
    """-> list[Suggestion], best first: the labels of ``table`` and of the
    cold-start table ``prior`` with their posterior probability and up to
    ``explain`` words of the text (``surface``; the stems without it) that
    pushed most towards them. Empty when neither table knows a label.

    The counts of both tables are added up: the cold start's pseudo-
    complaints weigh as much as that many learned ones, so their share
    fades as the register grows, and a word the register never saw keeps
    what the cold start says of it. ``table`` counts only once it holds
    ``min_examples`` complaints."""
    learned = table if table is not None and table.examples >= min_examples else None
    tables = [t for t in (learned, prior) if t is not None and t.examples > 0]
    if not tables:
        return []
    # Lidstone smoothing: add-one while the register is small, less as it
    # grows (the counts then speak for themselves; an address or a rare
    # word is not drowned by the smoothing of the common ones).
    alpha = ALPHA
    if learned is not None and learned.examples:
        alpha = max(MIN_ALPHA, min(ALPHA, SMOOTHING / learned.examples))
    model = _Bayes(tables, feats, alpha)
    ranked = sorted(model.posterior().items(), key=lambda item: (-item[1], item[0]))
    result = []
    for label, confidence in ranked[: max(top, 0)]:
        words = (
            _words(model.evidence(label, feats), surface, explain) if explain else []
        )
        result.append(Suggestion(label, min(max(confidence, 0.0), 1.0), words))
    return result
