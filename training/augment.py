"""Mention replacement for the NER training data (the A runs of docs/model.md).

GermEval is the only in-domain NER corpus we may train on, and its training part is small
(1,800 sentences, about 500 organisation and 250 MISC mentions). Mention replacement (Dai &
Adel 2020, "An Analysis of Simple Data Augmentation for Named Entity Recognition") writes
extra copies of those sentences in which some mentions are swapped for another name of the
same type: the context stays real, the names change, so the model learns "a name of type X
goes here" from the context instead of memorising the few names it saw.

Replacement names come from the training data itself (every mention of the same type in the
GermEval training part and in the out-of-domain training corpora) and, for persons and places,
from the open name lists in ``<corpora>/gazetteers/`` (a first name plus a surname; a city or a
country). Nothing comes from held-out or evaluation files.

>>> import random
>>> sent = [("Die", "O"), ("Firma", "O"), ("Siemens", "B-ORG"), ("wächst", "O")]
>>> pools = {"ORG": [("Deutsche", "Bahn")]}
>>> replace_mentions(sent, pools, random.Random(0), p=1.0)
[('Die', 'O'), ('Firma', 'O'), ('Deutsche', 'B-ORG'), ('Bahn', 'I-ORG'), ('wächst', 'O')]
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

from graphbuild.nlp_layers import GAZETTEER_FILES, read_gazetteers

Sentence = list[tuple[str, str]]
Name = tuple[str, ...]


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the mentions of one sentence's IOB2 tags; an ``I-`` tag that does
    not continue a mention of its type starts one (IOB2 repair)."""
    spans, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if tag != "O":
                start, label = i, tag[2:]
    return spans


def spans_of(sent: Sentence) -> list[tuple[int, int, str]]:
    """``iob_spans`` of a sentence of (token, tag) pairs."""
    return iob_spans([tag for _, tag in sent])


def corpus_names(sents: Sequence[Sentence]) -> dict[str, list[Name]]:
    """Every mention of every type, as token tuples (with repetition: frequent names stay
    frequent)."""
    names: dict[str, list[Name]] = {}
    for sent in sents:
        for s, e, label in spans_of(sent):
            name = tuple(t for t, _ in sent[s:e])
            if name[0][:1].isupper():  # not the lowercase "deutschen" LOC of SmartData/MobIE
                names.setdefault(label, []).append(name)
    return names


def list_names(
    gazetteers: Path, tokenize: Callable[[str], list[str]], n: int, rng: random.Random
) -> dict[str, list[Name]]:
    """``n`` person names (first name + surname) and ``n`` places (cities and countries) drawn
    from the name lists; capitalised one-line entries only (the lists are noisy)."""

    files = {k: f for k, f in GAZETTEER_FILES.items() if (gazetteers / f).exists()}
    lists = {
        k: [e for e in v if e[:1].isupper()] for k, v in read_gazetteers(gazetteers, files).items()
    }
    first, sur = lists.get("first", []), lists.get("sur", [])
    places = lists.get("city", []) + lists.get("country", [])
    out: dict[str, list[Name]] = {}
    if first and sur:
        out["PER"] = [(rng.choice(first), rng.choice(sur)) for _ in range(n)]
    if places:
        out["LOC"] = [tuple(tokenize(rng.choice(places))) for _ in range(n)]
    return out


def replace_mentions(
    sent: Sentence, pools: dict[str, list[Name]], rng: random.Random, p: float = 0.5
) -> Sentence:
    """A copy of ``sent`` in which each mention is, with probability ``p``, replaced by a
    random name of the same type from ``pools`` (IOB2 tags rewritten)."""
    out: Sentence = []
    last = 0
    for s, e, label in spans_of(sent):
        out.extend(sent[last:s])
        pool = pools.get(label)
        name = rng.choice(pool) if pool and rng.random() < p else tuple(t for t, _ in sent[s:e])
        out.extend((tok, ("B-" if k == 0 else "I-") + label) for k, tok in enumerate(name))
        last = e
    out.extend(sent[last:])
    return out


def build_pools(
    in_domain: Sequence[Sentence],
    out_of_domain: Sequence[Sentence],
    gazetteers: Path | None,
    tokenize: Callable[[str], list[str]],
    seed: int = 0,
) -> dict[str, list[Name]]:
    """Replacement names per type: the mentions of all training corpora, plus list-drawn
    persons and places, as many of each as the corpora have persons or places (the larger)."""
    rng = random.Random(seed)
    pools = corpus_names(in_domain)
    for label, names in corpus_names(out_of_domain).items():
        pools.setdefault(label, []).extend(names)
    if gazetteers is not None:
        n = max(len(pools.get("PER", [])), len(pools.get("LOC", [])))
        for label, names in list_names(gazetteers, tokenize, n, rng).items():
            pools.setdefault(label, []).extend(names)
    return pools


def augmented_copies(
    sents: Sequence[Sentence],
    pools: dict[str, list[Name]],
    copies: int,
    seed: int = 0,
    p: float = 0.5,
) -> list[list[Sentence]]:
    """``copies`` differently drawn replacement copies of ``sents``."""
    return [
        [
            replace_mentions(s, pools, random.Random(f"{seed}:{k}:{i}"), p)
            for i, s in enumerate(sents)
        ]
        for k in range(copies)
    ]
