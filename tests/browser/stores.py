"""Small hand-made graphs for the view and analytics tests, built without the NLP pipeline.

Each graph is a list of hand-made :class:`Resolution` objects mapped with ``to_quads`` and
merged into an in-memory :class:`Store`, exactly as ``build`` does after resolution.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.types import (
    Article,
    Entity,
    Extraction,
    Mention,
    Quote,
    Relation,
    Resolution,
    Sentence,
)

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_QUOTE = "</script><script>alert('quote')</script>"


class _Doc:
    """Builds one article: sentences, mentions found by text, quotes and relations."""

    def __init__(self, art_id: str, title: str, sentences: Sequence[str], url: str | None) -> None:
        self.text = " ".join(sentences)
        self.article = Article(
            id=art_id, lang="de", title=title, text=self.text, url=url, source=f"{art_id}.txt"
        )
        self.sentences: list[Sentence] = []
        pos = 0
        for s in sentences:
            self.sentences.append(Sentence(start=pos, end=pos + len(s)))
            pos += len(s) + 1
        self.mentions: list[Mention] = []
        self.entity_of: dict[Mention, str] = {}
        self.quotes: list[Quote] = []
        self.relations: list[Relation] = []

    def _sent(self, start: int) -> int:
        return next(i for i, s in enumerate(self.sentences) if s.start <= start < s.end)

    def mention(self, text: str, entity: Entity, occurrence: int = 0) -> Mention:
        start = -1
        for _ in range(occurrence + 1):
            start = self.text.index(text, start + 1)
        label = {"Person": "PER", "Country": "LOC", "Organization": "ORG"}.get(entity.type, "MISC")
        m = Mention(start, start + len(text), text, label, sent=self._sent(start))
        self.mentions.append(m)
        self.entity_of[m] = entity.id
        return m

    def quote(self, text: str, speaker: Mention | None, kind: str = "direct") -> None:
        start = self.text.index(text)
        self.quotes.append(
            Quote(
                start=start,
                end=start + len(text),
                text=text,
                kind=kind,  # type: ignore[arg-type]
                speaker=speaker,
                cue="sagte",
                sent=self._sent(start),
                rule="test",
                confidence=0.9,
            )
        )

    def relate(self, s: Mention, predicate: str, o: Mention, negated: bool = False) -> None:
        sent = self.sentences[s.sent]
        self.relations.append(
            Relation(
                subject=s,
                predicate=predicate,
                object=o,
                start=sent.start,
                end=sent.end,
                evidence=self.text[sent.start : sent.end],
                negated=negated,
                sent=s.sent,
                rule="test",
                confidence=0.8,
            )
        )

    def resolution(self, entities: Sequence[Entity]) -> Resolution:
        used = set(self.entity_of.values())
        return Resolution(
            extraction=Extraction(
                article=self.article,
                sentences=tuple(self.sentences),
                mentions=tuple(self.mentions),
                quotes=tuple(self.quotes),
                relations=tuple(self.relations),
            ),
            entities=tuple(e for e in entities if e.id in used),
            entity_of=dict(self.entity_of),
        )


ANNA = Entity("anna_berg", "Anna Berg", "Person", ("Berg",), ("Außenministerin",), "freedonia")
JONAS = Entity("jonas_weber", "Jonas Weber", "Person", ("Weber",), ("Premierminister",), "sylvania")
FREEDONIA = Entity("freedonia", "Freedonia", "Country")
SYLVANIA = Entity("sylvania", "Sylvania", "Country")
OSTBANK = Entity("ostbank", "Ostbank", "Organization")
GIPFEL = Entity("gipfel_von_genf", "Gipfel von Genf", "Event")
GENF = Entity("genf", "Genf", "Location")
SAMPLE_ENTITIES = (ANNA, JONAS, FREEDONIA, SYLVANIA, OSTBANK, GIPFEL, GENF)


def sample_resolutions() -> list[Resolution]:
    """Two articles, 7 entities of 5 types, 6 asserted links (1 negated), 3 quotes."""
    a = _Doc(
        "art-one",
        "Treffen in Genf",
        [
            "Anna Berg traf Jonas Weber in Genf.",
            "Berg kritisierte die Ostbank.",
            "Freedonia verhandelt mit Sylvania.",
            "„Wir sind nah an einer Einigung“, sagte Berg.",
            "Weber unterstützt die Ostbank nicht.",
        ],
        "https://news.example.org/one",
    )
    anna, jonas = a.mention("Anna Berg", ANNA), a.mention("Jonas Weber", JONAS)
    a.mention("Genf", GENF)
    berg = a.mention("Berg", ANNA, occurrence=1)
    ost = a.mention("Ostbank", OSTBANK)
    fre, syl = a.mention("Freedonia", FREEDONIA), a.mention("Sylvania", SYLVANIA)
    weber = a.mention("Weber", JONAS, occurrence=1)
    ost2 = a.mention("Ostbank", OSTBANK, occurrence=1)
    a.relate(anna, "meetsWith", jonas)
    a.relate(berg, "criticizes", ost)
    a.relate(fre, "negotiatesWith", syl)
    a.relate(weber, "supports", ost2, negated=True)
    a.quote("Wir sind nah an einer Einigung", a.mention("Berg", ANNA, occurrence=2))

    b = _Doc(
        "art-two",
        "Gipfel von Genf beginnt",
        [
            "Jonas Weber besucht den Gipfel von Genf.",
            "Weber sagte, man werde hart verhandeln.",
            "Anna Berg sprach mit Jonas Weber.",
            "„Es gibt Fortschritte“, sagte Berg.",
        ],
        None,
    )
    jw = b.mention("Jonas Weber", JONAS)
    gip = b.mention("Gipfel von Genf", GIPFEL)
    b.relate(jw, "attends", gip)
    b.quote("man werde hart verhandeln", b.mention("Weber", JONAS, occurrence=1), "indirect")
    ab, jw2 = b.mention("Anna Berg", ANNA), b.mention("Jonas Weber", JONAS, occurrence=1)
    b.relate(ab, "spokeWith", jw2)
    b.relate(jw2, "meetsWith", ab)  # same symmetric fact as in article one, reversed
    b.quote("Es gibt Fortschritte", b.mention("Berg", ANNA, occurrence=1))
    return [a.resolution(SAMPLE_ENTITIES), b.resolution(SAMPLE_ENTITIES)]


def xss_resolutions() -> list[Resolution]:
    """One article whose names, title, URL and quote are hostile HTML/JS."""
    evil = Entity("evil", XSS_NAME, "Person", ('"><svg onload=alert(2)>',), ("<b>Chef</b>",))
    other = Entity("plain", "Plain Person", "Person")
    d = _Doc(
        "evil-art",
        "<script>alert('title')</script>",
        [f"{XSS_NAME} traf Plain Person.", f"„{XSS_QUOTE}“, sagte {XSS_NAME}."],
        "javascript:alert('url')",
    )
    e1, p = d.mention(XSS_NAME, evil), d.mention("Plain Person", other)
    d.relate(e1, "meetsWith", p)
    d.quote(XSS_QUOTE, d.mention(XSS_NAME, evil, occurrence=1))
    return [d.resolution((evil, other))]


def store_of(resolutions: Sequence[Resolution]) -> Store:
    """An in-memory store holding the given resolved articles."""
    store = Store.open(None)
    for res in resolutions:
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return store


def crowd_resolutions(n: int, per_article: int = 40) -> list[Resolution]:
    """``n`` people in articles of ``per_article``; each meets the next, ``e0`` instructs every
    tenth, so ``e0`` is clearly the most important node. ``n`` must be a multiple of
    ``per_article``. A predictable graph for pruning and large-view tests.
    """
    people = [Entity(f"e{i}", f"Member {i}", "Person") for i in range(n)]
    out: list[Resolution] = []
    for a in range(0, n, per_article):
        ids = list(range(a, a + per_article))
        hubs = [i for i in ids if i % 10 == 0 and i]
        sentences = [
            f"{people[i].name} trifft {people[j].name}." for i, j in itertools.pairwise(ids)
        ]
        sentences += [f"{people[0].name} ruft {people[i].name} an." for i in hubs]
        d = _Doc(f"crowd-{a}", f"Crowd {a}", sentences, None)
        for i, j in itertools.pairwise(ids):
            d.relate(
                d.mention(f"{people[i].name} trifft", people[i]),
                "meetsWith",
                d.mention(f"{people[j].name}.", people[j]),
            )
        for k, i in enumerate(hubs):
            d.relate(
                d.mention(f"{people[0].name} ruft", people[0], occurrence=k),
                "instructs",
                d.mention(f"{people[i].name} an.", people[i]),
            )
        out.append(d.resolution(people[:1] + [people[i] for i in ids]))
    return out
