"""Small hand-made graphs for the view and analytics tests, built without the NLP pipeline.

Each graph is a list of hand-made :class:`Resolution` objects mapped with ``to_quads`` and
merged into an in-memory :class:`Store`, exactly as ``build`` does after resolution.
"""

from __future__ import annotations

import itertools
import random
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

    def __init__(
        self,
        art_id: str,
        title: str,
        sentences: Sequence[str],
        url: str | None,
        lang: str = "de",
        cue: str = "sagte",
    ) -> None:
        self.text = " ".join(sentences)
        self.cue = cue
        self.article = Article(
            id=art_id, lang=lang, title=title, text=self.text, url=url, source=f"{art_id}.txt"
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

    def name(self, context: str, entity: Entity) -> Mention:
        """A mention of ``entity`` by its name, where ``context`` (starting with it) occurs."""
        start = self.text.index(context)
        m = Mention(start, start + len(entity.name), entity.name, "PER", sent=self._sent(start))
        self.mentions.append(m)
        self.entity_of[m] = entity.id
        return m

    def quote(
        self,
        text: str,
        speaker: Mention | None,
        kind: str = "direct",
        addressee: Mention | None = None,
    ) -> None:
        start = self.text.index(text)
        self.quotes.append(
            Quote(
                start=start,
                end=start + len(text),
                text=text,
                kind=kind,  # type: ignore[arg-type]
                speaker=speaker,
                cue=self.cue,
                addressee=addressee,
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


_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "bri", "dor", "el", "fin", "gu")


def _invented_name(rng: random.Random, i: int) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()} {i}"


def news_resolutions(n_articles: int, seed: int = 7) -> list[Resolution]:
    """A corpus shaped like ~1,000 news articles after extraction: many names, few links.

    Modelled on a Wikinews build (850 articles: 4,408 entities, 274 relations): each article
    names 1-3 recurring actors (Zipf-popular, from a pool of ``n_articles // 3``) and 3-5
    entities named nowhere else; about one article in three states a relation, mostly
    between recurring actors; most articles quote someone, a few quotes name an addressee.
    Names are invented ("Kalomi Renvel 12"); titles of some articles are a whole first
    paragraph, as ingest makes them when a text has no title line.
    """
    rng = random.Random(seed)
    kinds = ("Person",) * 5 + ("Country", "Organization", "Organization", "Location", "Event")
    pool = [
        Entity(f"actor{i}", _invented_name(rng, i), kinds[i % len(kinds)])  # type: ignore[arg-type]
        for i in range(max(10, n_articles // 3))
    ]
    weights = [1.0 / (i + 1) for i in range(len(pool))]
    out: list[Resolution] = []
    for a in range(n_articles):
        cast = list(
            {e.id: e for e in rng.choices(pool, weights=weights, k=rng.randint(1, 3))}.values()
        )
        fresh = [
            Entity(f"once{a}_{k}", _invented_name(rng, 10_000 + a * 10 + k), rng.choice(kinds))  # type: ignore[arg-type]
            for k in range(rng.randint(3, 5))
        ]
        sentences = [f"{e.name} wurde erwähnt." for e in cast + fresh]
        relation = None
        if rng.random() < 0.33:
            ends = cast + fresh[:1] if rng.random() < 0.3 else cast
            if len(ends) >= 2:
                s, o = rng.sample(ends, 2)
                relation = (s, rng.choice(("meetsWith", "criticizes", "supports")), o)
                sentences.append(f"{s.name} trifft {o.name}.")
        speaker = next((e for e in cast + fresh if e.type == "Person"), None)
        addressee = rng.choice(cast) if speaker and rng.random() < 0.06 else None
        if speaker:
            sentences.append(f"„Aussage {a}“, sagte {speaker.name}.")
        title = f"Bericht {a}"
        if a % 50 == 0:
            title = " ".join(sentences) + " Der Absatz geht noch lange weiter, " * 6
        d = _Doc(f"news-{a:04d}", title, sentences, f"https://news.example.org/{a}")
        named = {e.id: d.name(f"{e.name} wurde", e) for e in cast + fresh}
        if relation:
            s, p, o = relation
            d.relate(d.name(f"{s.name} trifft", s), p, d.name(f"{o.name}.", o))
        if speaker:
            to = named[addressee.id] if addressee and addressee.id != speaker.id else None
            d.quote(f"Aussage {a}", d.name(f"{speaker.name}.", speaker), addressee=to)
        out.append(d.resolution(cast + fresh))
    return out


LONG_TITLE = (
    "The talks between the two delegations went on late into the night, and by the time the "
    "ministers met the press on Friday morning neither side would say whether the agreement "
    "on the border crossings, which had taken months to prepare, would be signed at all."
)


def bilingual_resolutions() -> list[Resolution]:
    """An English article whose title is a whole first paragraph, and a German one.

    Both quote a speaker, with the cue words ``said`` and ``sagte``.
    """
    a = _Doc(
        "en-long",
        LONG_TITLE,
        ["Anna Berg met Jonas Weber.", "“We are close”, said Berg."],
        "https://news.example.org/en",
        lang="en",
        cue="said",
    )
    a.relate(a.name("Anna Berg met", ANNA), "meetsWith", a.name("Jonas Weber.", JONAS))
    a.quote("We are close", a.name("Berg.", ANNA))
    b = _Doc(
        "de-short",
        "Kurzer Titel",
        ["Jonas Weber kritisierte die Ostbank.", "„Es reicht“, sagte Weber."],
        None,
    )
    b.relate(b.name("Jonas Weber", JONAS), "criticizes", b.name("Ostbank", OSTBANK))
    b.quote("Es reicht", b.name("Weber.", JONAS))
    return [a.resolution(SAMPLE_ENTITIES), b.resolution(SAMPLE_ENTITIES)]
