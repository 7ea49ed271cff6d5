"""Synthetic but realistic resolved articles, for store benchmarks and graph tests.

Names are made from syllables (no real people); popularity is Zipf-like so a few actors
appear in many articles, as in news. Every article has real text whose sentences contain the
quotes and relations at the offsets given, so the mapping sees what extraction would give it.

Example:
    >>> res = next(synthetic_resolutions(1, seed=1))
    >>> res.extraction.article.id, len(res.entities) > 0
    ('synthetic-000000', True)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from graphbuild.types import (
    PREDICATES,
    Article,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Quote,
    Relation,
    Resolution,
    Sentence,
)

_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "bri", "dor", "el", "fin", "gu")
_POSITIONS = ("Ministerin", "Sprecher", "Präsident", "Botschafterin", "Abgeordneter")
_CUES = ("sagte", "erklärte", "betonte", "warnte")
_TEXTS = (
    "Wir werden die Gespräche fortsetzen",
    "Das ist ein wichtiger Schritt für die Region",
    "Niemand hat ein Interesse an einer Eskalation",
    "Die Lage bleibt angespannt",
)


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


_Actor = tuple[str, str, EntityType]  # entity id, name, type


def _pool(rng: random.Random, n: int) -> list[_Actor]:
    kinds: tuple[EntityType, ...] = ("Person",) * 6 + ("Country", "Organization", "Location")
    pool = []
    for i in range(n):
        kind = rng.choice(kinds)
        name = _name(rng)
        pool.append((f"{name.lower().replace(' ', '_')}_{i}", name, kind))
    return pool


@dataclass
class _Draft:
    """An article being written sentence by sentence, with what extraction would find in it."""

    parts: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    entity_of: dict[Mention, str] = field(default_factory=dict)

    def add_sentence(self, body: str) -> int:
        """Append one sentence (and a space); its start offset."""
        start = sum(len(p) for p in self.parts)
        self.parts.append(body + " ")
        self.sentences.append(Sentence(start, start + len(body)))
        return start

    @property
    def sent(self) -> int:
        """Index of the last sentence added."""
        return len(self.sentences) - 1

    def mention(self, start: int, name: str, eid: str | None = None) -> Mention:
        """A person mention of ``name`` at ``start`` in the last sentence, resolved to ``eid``."""
        m = Mention(start, start + len(name), name, "PER", sent=self.sent)
        self.mentions.append(m)
        if eid is not None:
            self.entity_of[m] = eid
        return m

    def extraction(self, article: Article) -> Extraction:
        return Extraction(
            article,
            tuple(self.sentences),
            tuple(self.mentions),
            tuple(self.quotes),
            tuple(self.relations),
        )


def _quote_sentences(rng: random.Random, actors: list[_Actor], draft: _Draft) -> None:
    """2–5 sentences „…“, sagte X. with X's direct quote."""
    for _ in range(rng.randint(2, 5)):
        eid, name, _kind = rng.choice(actors)
        said = rng.choice(_TEXTS) + f" ({rng.randint(1, 10**6)})"
        cue = rng.choice(_CUES)
        body = f"„{said}“, {cue} {name}."
        start = draft.add_sentence(body)
        speaker = draft.mention(start + body.index(name), name, eid)
        draft.quotes.append(
            Quote(
                start + 1,
                start + 1 + len(said),
                said,
                "direct",
                speaker=speaker,
                cue=cue,
                sent=draft.sent,
                rule="synthetic",
                confidence=0.9,
            )
        )


def _relation_sentences(rng: random.Random, actors: list[_Actor], draft: _Draft) -> None:
    """2–5 sentences "X [nicht] predicate Y." with one relation each (some negated)."""
    for _ in range(rng.randint(2, 5)):
        (e1, n1, _), (e2, n2, _) = rng.sample(actors, 2) if len(actors) > 1 else (actors[0],) * 2
        if e1 == e2:
            continue
        pred = rng.choice(sorted(PREDICATES))
        negated = rng.random() < 0.1
        body = f"{n1} {'nicht ' if negated else ''}{pred} {n2}."
        start = draft.add_sentence(body)
        m1 = draft.mention(start, n1, e1)
        m2 = draft.mention(start + body.rindex(n2), n2, e2)
        draft.relations.append(
            Relation(
                m1,
                pred,
                m2,
                start,
                start + len(body),
                evidence=pred,
                negated=negated,
                sent=draft.sent,
                rule="synthetic",
                confidence=round(rng.uniform(0.4, 1.0), 2),
            )
        )


def synthetic_resolutions(
    n_articles: int, *, seed: int = 0, n_entities: int | None = None
) -> Iterator[Resolution]:
    """``n_articles`` resolved articles over a shared pool of entities (about 2 per article)."""
    rng = random.Random(seed)
    pool = _pool(rng, n_entities or max(20, n_articles * 2))
    weights = [1.0 / (i + 1) for i in range(len(pool))]
    for a in range(n_articles):
        actors = list({p[0]: p for p in rng.choices(pool, weights=weights, k=8)}.values())
        draft = _Draft()
        _quote_sentences(rng, actors, draft)
        _relation_sentences(rng, actors, draft)
        entities = tuple(
            Entity(
                eid,
                name,
                kind,
                aliases=(name.split()[-1],),
                positions=(rng.choice(_POSITIONS),) if kind == "Person" else (),
            )
            for eid, name, kind in actors
        )
        article = Article(
            id=f"synthetic-{a:06d}",
            lang="de",
            title=f"Artikel {a}",
            text="".join(draft.parts),
            source=f"synthetic/{a}.txt",
            published="2024-05-01",
            content_hash=f"{rng.getrandbits(256):064x}",
        )
        yield Resolution(draft.extraction(article), entities, draft.entity_of)


def _mention(text: str, name: str, label: str = "PER", sent: int = 0, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, label, sent=sent)


def example_resolutions() -> tuple[Resolution, Resolution]:
    """Two small hand-made articles about invented people, for tests and docs.

    Article ``nordland-1``: Anna Schmidt (minister) says something, meets Ben Okafor and does
    *not* criticise him. Article ``nordland-2`` calls her "A. Schmidt", quotes her indirectly
    and says Nordland supports Ben Okafor.

    Example:
        >>> [r.extraction.article.id for r in example_resolutions()]
        ['nordland-1', 'nordland-2']
    """
    return _example_meeting(), _example_support()


def _example_meeting() -> Resolution:
    """``nordland-1``: a meeting, a direct quote and a negated criticism."""
    t1 = (
        "Anna Schmidt traf am Montag Ben Okafor. "
        "„Wir bleiben im Gespräch“, sagte Schmidt. "
        "Schmidt kritisierte Okafor nicht."
    )
    s1 = (Sentence(0, 39), Sentence(40, 81), Sentence(82, 115))
    anna, ben = _mention(t1, "Anna Schmidt"), _mention(t1, "Ben Okafor")
    anna2 = _mention(t1, "Schmidt", sent=1, nth=1)
    anna3 = _mention(t1, "Schmidt", sent=2, nth=2)
    ben3 = _mention(t1, "Okafor", sent=2, nth=1)
    q1 = Quote(
        41,
        64,
        "Wir bleiben im Gespräch",
        "direct",
        speaker=anna2,
        cue="sagte",
        sent=1,
        rule="direct.colon",
        confidence=0.9,
    )
    r1 = Relation(
        anna, "meetsWith", ben, 0, 39, evidence="traf", sent=0, rule="verb.treffen", confidence=0.8
    )
    r2 = Relation(
        anna3,
        "criticizes",
        ben3,
        82,
        115,
        evidence="kritisierte",
        negated=True,
        sent=2,
        rule="verb.kritisieren",
        confidence=0.7,
    )
    art1 = Article(
        id="nordland-1",
        lang="de",
        title="Treffen in Nordland",
        text=t1,
        source="nordland-1.txt",
        published="2024-03-04",
        content_hash="a" * 64,
    )
    e_anna = Entity(
        "anna_schmidt",
        "Anna Schmidt",
        "Person",
        aliases=("Schmidt",),
        positions=("Außenministerin",),
    )
    e_ben = Entity("ben_okafor", "Ben Okafor", "Person", aliases=("Okafor",))
    return Resolution(
        Extraction(art1, s1, (anna, ben, anna2, anna3, ben3), (q1,), (r1, r2)),
        (e_anna, e_ben),
        {anna: e_anna.id, anna2: e_anna.id, anna3: e_anna.id, ben: e_ben.id, ben3: e_ben.id},
    )


def _example_support() -> Resolution:
    """``nordland-2``: a country's support, an indirect quote by a shortened name."""
    t2 = "Nordland unterstützt Ben Okafor. A. Schmidt sagte, man sei zuversichtlich."
    s2 = (Sentence(0, 32), Sentence(33, 75))
    nord, ben_b = _mention(t2, "Nordland", "LOC"), _mention(t2, "Ben Okafor")
    anna_b = _mention(t2, "A. Schmidt", sent=1)
    q2 = Quote(
        51,
        73,
        "man sei zuversichtlich",
        "indirect",
        speaker=anna_b,
        cue="sagte",
        type="indirect",
        sent=1,
        rule="indirect.konjunktiv",
        confidence=0.6,
    )
    r3 = Relation(
        nord,
        "supports",
        ben_b,
        0,
        32,
        evidence="unterstützt",
        sent=0,
        rule="verb.unterstützen",
        confidence=0.75,
    )
    art2 = Article(
        id="nordland-2",
        lang="de",
        title="Nordland und Okafor",
        text=t2,
        source="nordland-2.txt",
        content_hash="b" * 64,
    )
    e_anna_b = Entity("anna_schmidt", "A. Schmidt", "Person", aliases=("Anna Schmidt",))
    e_nord = Entity("nordland", "Nordland", "Country")
    return Resolution(
        Extraction(art2, s2, (nord, ben_b, anna_b), (q2,), (r3,)),
        (e_nord, Entity("ben_okafor", "Ben Okafor", "Person"), e_anna_b),
        {nord: "nordland", ben_b: "ben_okafor", anna_b: "anna_schmidt"},
    )


_PERSON: list[EntityType] = ["Person"]
_ORG: list[EntityType] = ["Organization"]
_ATTACHMENT_TYPES: list[EntityType] = [*_PERSON * 6, "Country", *_ORG * 2, "Location"]


def attachment_resolutions(n: int, per_article: int = 25, seed: int = 1) -> list[Resolution]:
    """About ``n`` entities in ``n / per_article`` articles, ~2 links per entity, some quotes.

    Links by preferential attachment (a few hubs, a long tail, like news); the graph the
    HTML view benchmark draws (``benchmarks/bench_html.py``). Entities are "Entity 0", …

    Example:
        >>> res = attachment_resolutions(100)
        >>> len(res), sum(len(r.extraction.relations) for r in res) > 50
        (4, True)
    """
    rng = random.Random(seed)
    preds = sorted(PREDICATES)
    entities = [
        Entity(
            f"e{i}",
            f"Entity {i}",
            _ATTACHMENT_TYPES[i % len(_ATTACHMENT_TYPES)],
            (f"E{i}",),
            ("Rolle",) if i % 7 == 0 else (),
        )
        for i in range(n)
    ]
    degree = [1] * n
    out: list[Resolution] = []
    for a in range(max(1, n // per_article)):
        fresh = list(range(a * per_article, min(n, (a + 1) * per_article)))
        hubs = rng.choices(range(n), weights=degree, k=5)
        members = list(dict.fromkeys(fresh + hubs))
        draft = _Draft()
        for k, i in enumerate(members):
            j = members[rng.randrange(len(members))]
            if j == i:
                continue
            _attach(draft, entities[i], entities[j], preds[(i + j) % len(preds)])
            degree[i] += 1
            degree[j] += 1
            if entities[i].type == "Person" and k % 3 == 0:
                _attachment_quote(draft, entities[i], f"Aussage {a}-{k}")
        article = Article(
            id=f"synthetic-{a}",
            lang="de",
            title=f"Artikel {a}",
            text="".join(draft.parts)[:-1],
            url=f"https://news.example.org/{a}",
        )
        entity_of = {m: f"e{int(m.text.split()[-1])}" for m in draft.mentions}
        used = set(entity_of.values())
        out.append(
            Resolution(
                draft.extraction(article),
                tuple(e for e in entities if e.id in used),
                entity_of,
            )
        )
    return out


def _attach(draft: _Draft, subject: Entity, obj: Entity, predicate: str) -> None:
    """One sentence "X trifft Y." carrying a ``predicate`` relation from X to Y."""
    start = draft.add_sentence(f"{subject.name} trifft {obj.name}.")
    end = draft.sentences[-1].end
    mi = draft.mention(start, subject.name)
    mj = draft.mention(start + len(subject.name) + len(" trifft "), obj.name)
    draft.relations.append(
        Relation(mi, predicate, mj, start, end, evidence="", sent=draft.sent, rule="synthetic")
    )


def _attachment_quote(draft: _Draft, speaker: Entity, said: str) -> None:
    """One sentence „said“, sagte X. with X's direct quote."""
    start = draft.add_sentence(f"„{said}“, sagte {speaker.name}.")
    end = draft.sentences[-1].end
    sp = draft.mention(end - len(speaker.name) - 1, speaker.name)
    draft.quotes.append(
        Quote(start + 1, start + 1 + len(said), said, "direct", sp, sent=draft.sent)
    )
