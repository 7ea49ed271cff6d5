"""Speaker resolution: every quote's speaker → an entity of the article, in one pass.

Extraction finds the speaker *phrase* of a quote (the cue's subject, the source of "laut X",
", so X") or none. This pass links it to an entity, quote by quote in text order, with one
ranking; the first step that gives an entity wins:

1. **the mention's own entity** when it is a name (a place or country inside a longer phrase
   is where the speaker is from: "Angaben der Staatsanwaltschaft Krefeld");
2. **a person named inside the phrase**, one in apposition first ("Der Vorsitzende des
   Verbands, Max Muster");
3. **the mention's entity from coreference** (a title or pronoun :mod:`.coref` linked);
4. **any other name inside the phrase** (the issuer in "Angaben der Polizei");
5. by the head noun (``speaker_nouns.<lang>.tsv``):

   * a **name** no cluster holds → the entity sharing its last word, else a new one;
   * a **pronoun** → the previous quote's speaker when it ends at most two sentences before,
     also across a paragraph break ("…, sagte er"), with no other subject in between and no
     gender contradicting; else the salient antecedent (:func:`coref.pronoun_antecedent`)
     among persons and organisations of the pronoun's gender; a lone demonstrative → the
     last person named;
   * a **person role noun**, definite ("der Präsident", "der 58-Jährige") → the holder of
     that position, else the previous quote's speaker when a person; indefinite or plural
     ("ein Sprecher", "Experten vor Ort") → an **unnamed source**;
   * a **document** ("einem Positionspapier des Ministeriums", "seiner Darstellung") → its
     issuer: the genitive or *von* phrase after it, or the owner a possessive names;
   * an **institution** noun (an authority, a medium, a body: "die Bochumer Polizei", "der
     Sender") → the organisation of the article with that head noun, else a new
     **Organization** named by the phrase without its article, affiliated with the place or
     country it names;
   * an **abstract** noun (by its suffix: "die Argumentation", "die Führung") → the issuer
     its genitive or *von* phrase names, else no entity: it is never made a node;
   * a **source** circle ("Regierungskreise", "aus Militärkreisen") → the issuer its
     genitive names, else an **unnamed source**;
   * any other noun ("die Opposition", "die Bewegung") → the issuer its genitive names,
     else an organisation as above;

   A name the mention extractor did not find is no name when the lexicon knows its head
   as a source, document or institution noun the tagger called a proper noun
   ("Militärkreisen"; a role noun may be a surname: "Richter"): it is resolved as that
   noun; nor when it is one word opening its
   sentence, capitalised by its position alone ("Besorgt äußerte sich …"): unless a name
   of the article ends in it, it makes no entity;
6. **no speaker phrase**: a fragment inside a report takes the report's speaker; else the
   previous quote's speaker when it ends at most one sentence before (two for indirect
   speech going on; a quotation may open the next paragraph) with no other subject in
   between; else the subject of the quote's own sentence or of the one before it in the
   same paragraph (salience).

Unnamed sources are entities of type ``UnnamedSource`` whose id contains the article id, so
they are never merged across articles (``gb:UnnamedSource`` in the graph).

Example:
    >>> from graphbuild.types import Article, Extraction, Mention, Quote, Sentence
    >>> text = "Die Bochumer Polizei teilte mit, der Mann sei geflohen."
    >>> m = Mention(13, 20, "Polizei", "PER", kind="role")
    >>> q = Quote(33, 54, text[33:54], "indirect", speaker=m, speaker_phrase=(0, 20))
    >>> ext = Extraction(Article("a", "de", "", text), (Sentence(0, 55),), (), (q,), ())
    >>> quotes, ents, of = resolve_speakers(ext, [], {})
    >>> [(e.name, e.type) for e in ents]
    [('Bochumer Polizei', 'Organization')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from graphbuild.resolve.coref import gender_of, pronoun_antecedent
from graphbuild.resolve.countries import country_of
from graphbuild.resolve.entities import entity_id
from graphbuild.types import Entity, EntityType, Extraction, Mention, Quote

__all__ = ["resolve_speakers"]

_HERE = Path(__file__).resolve().parent
_ENDINGS = ("innen", "in", "en", "n", "s", "e", "er", "")
_ARTICLES = frozenset({"ein", "eine", "einer", "eines", "einem", "einen", "a", "an"})
_INDEFINITE = _ARTICLES | {"kein", "keine", "einige", "mehrere", "viele", "andere", "zwei"}
_INDEFINITE |= {"drei", "some", "several", "many", "other"}
_DETERMINERS = _ARTICLES | {"der", "die", "das", "des", "dem", "den", "the", "this", "these"}
_DETERMINERS |= {"dieser", "diese", "dieses", "diesem", "diesen", "welcher", "welche"}
_LINK = r"(?:des|der|von der|von dem|vom|von|of the|of)"  # what joins a noun to its genitive
_GENITIVE_LINK = re.compile(rf"^\s*(?:,\s*)?{_LINK}\s+", re.I)
_NOUN_THEN_LINK = re.compile(rf"\b[A-ZÄÖÜ][\w\-]*\s+{_LINK}\s+")
_WORD = re.compile(r"\w[\w\-'’.]*")
_NO_ONE = frozenset({"man", "es", "one", "it"})
_WINDOW = 2  # sentences a pronoun or a continuation reaches back to the previous speaker


@cache
def _nouns(lang: str) -> tuple[tuple[str, str], ...]:
    """(noun, kind) rows of ``speaker_nouns.<lang>.tsv``."""
    path = _HERE / f"speaker_nouns.{lang}.tsv"
    if not path.is_file():
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("noun\t"):
            continue
        noun, kind = [*line.split("\t"), ""][:2]
        rows.append((noun.strip().casefold(), kind.strip()))
    return tuple(rows)


@cache
def noun_kind(word: str, lang: str) -> str:
    """ "person", "document", "organisation" or "" for a head noun, also as a compound's end
    or with an ending ("Regierungssprecherin" → person, "Korrespondentenberichten" →
    document); the longest listed noun wins ("Berater" is a person, not a "Rat")."""
    low = word.casefold().rsplit("-", 1)[-1]
    best = (0, "")
    for ending in _ENDINGS:
        if not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        for noun, kind in _nouns(lang):
            if stem.endswith(noun) and len(noun) > best[0]:
                best = (len(noun), kind)
    return best[1]


def _gender(m: Mention) -> str:
    found = re.search(r"Gender=(Masc|Fem)(?:\||$)", m.morph)
    return found.group(1) if found else ""


def _agrees(pronoun: Mention, antecedent: Mention) -> bool:
    """No contradiction between the pronoun's gender and what the antecedent's morphology
    says (names often carry none)."""
    want, have = gender_of(pronoun), _gender(antecedent)
    return not (want and have and want != have)


def _head(m: Mention, lang: str = "de") -> str:
    """The head noun of a role or title mention. German: its first capitalised word
    ("hochrangiger russischer Politiker", "Sekretär des Verbands"), passing over an
    inflected adjective opening a sentence ("Hochrangige Politiker"). English: the last word
    before "of" ("senior U.S. officials", "head of the agency")."""
    words = m.text.split() or [m.text]
    if lang != "de":
        before_of = words[: words.index("of")] if "of" in words else words
        return before_of[-1] if before_of else m.text
    capital = [i for i, w in enumerate(words) if w[:1].isupper()]
    if not capital:
        return words[-1]
    first = capital[0]
    if capital[:2] == [0, 1] and words[0].endswith(("e", "en", "er", "es", "em")):
        first = 1  # an adjective right before its noun
    return words[first]


def _same_role(position: str, head: str) -> bool:
    """Whether a position ("US-Präsident", "Außenministerin") is the role a head noun names
    ("Präsidenten", "Minister"): the position ends in the head's stem, endings aside."""
    word = position.casefold().rsplit("-", 1)[-1].split()[-1] if position.strip() else ""
    stems = {head[: len(head) - len(e)] for e in _ENDINGS if head.endswith(e)}
    return bool(word) and any(len(st) >= 4 and word.endswith(st) for st in stems)


def _named(name: str) -> bool:
    """Whether a string can be a name: it has a capital letter or a digit ("Merkel",
    "von der Leyen", "3sat"), unlike a misread function word, a mark or a compound's first
    part ("zu", ".", "Such-")."""
    named = any(c.isupper() or c.isdigit() for c in name)
    return named and any(c.isalpha() for c in name) and not name.endswith("-")


def _description(words: Sequence[str]) -> str:
    """A phrase as a name: its words without a leading article or determiner."""
    out = list(words)
    while out and out[0].casefold() in _DETERMINERS:
        out.pop(0)
    return " ".join(out)


def _folded(name: str) -> set[str]:
    return {w.casefold().rstrip("'’s") for w in re.split(r"[\s\-–/,()]+", name) if len(w) > 1}


@dataclass(frozen=True, slots=True)
class _Said:
    """The speaker of a quote already resolved: entity, mention and phrase."""

    entity: str
    mention: Mention
    phrase: tuple[int, int] | None
    quote: Quote


class _Speakers:
    """The state of one pass: entities so far and the last quote with a speaker."""

    def __init__(
        self, ext: Extraction, entities: Sequence[Entity], entity_of: Mapping[Mention, str]
    ) -> None:
        self.ext = ext
        self.text = ext.article.text
        self.lang = ext.article.lang
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self.entity_of: dict[Mention, str] = dict(entity_of)
        self.last: _Said | None = None
        self.said_spans = [s for q in ext.quotes for s in (q.spans or ((q.start, q.end),))]

    # -- small helpers
    def sent_of(self, char: int) -> int:
        for i, s in enumerate(self.ext.sentences):
            if s.start <= char < s.end:
                return i
        return max(0, len(self.ext.sentences) - 1)

    def same_paragraph(self, a: int, b: int) -> bool:
        return "\n" not in self.text[min(a, b) : max(a, b)]

    def persons(self) -> list[Mention]:
        return [
            m
            for m, eid in self.entity_of.items()
            if eid in self.entities and self.entities[eid].type == "Person"
        ]

    def organisations(self) -> list[Mention]:
        return [
            m
            for m, eid in self.entity_of.items()
            if eid in self.entities and self.entities[eid].type == "Organization"
        ]

    def add(self, name: str, type_: EntityType, affiliation: str | None = None) -> str:
        eid = entity_id(name)
        if type_ == "UnnamedSource":
            eid = entity_id(f"{self.ext.article.id} {name}")
        if eid not in self.entities:
            self.entities[eid] = Entity(eid, name, type_, affiliation=affiliation)
        return eid

    def recent(self, at: int, reach: int = _WINDOW, paragraphs: bool = False) -> _Said | None:
        """The previous quote's speaker when its quote (or its ", so X") ends at most
        ``reach`` sentences before ``at``, in the same paragraph unless ``paragraphs``, and no
        other person is named as a subject in between."""
        last = self.last
        if last is None:
            return None
        ends = [e for e in (last.quote.end, last.phrase[1] if last.phrase else 0) if e <= at]
        if not ends or not (paragraphs or self.same_paragraph(max(ends), at)):
            return None
        if self.sent_of(at) - self.sent_of(max(max(ends) - 1, 0)) > reach:
            return None
        if self.intervenes(max(ends), at, last.entity):
            return None
        return last

    def intervenes(self, start: int, end: int, speaker: str) -> bool:
        """Whether another entity is the subject of a clause between two positions, outside
        what is quoted or reported there (a subject inside reported speech is the report's)."""
        return any(
            start <= m.start < end
            and m.dep.startswith("nsubj")
            and not m.in_quote
            and not any(a <= m.start < b for a, b in self.said_spans)
            and self.entity_of.get(m, speaker) != speaker
            and self.entities.get(self.entity_of.get(m, ""), None) is not None
            and self.entities[self.entity_of[m]].type in {"Person", "Organization"}
            for m in self.ext.mentions
        )

    # -- step 2 and 3: names
    def name_inside(self, phrase: tuple[int, int], persons_only: bool = False) -> str | None:
        """The entity of a name inside the phrase, no place: a person's first, and a person
        in apposition (after a comma: "Der Doktorvater von X, Max Muster") before others."""
        inner = sorted(
            (
                m
                for m in self.ext.mentions
                if phrase[0] <= m.start
                and m.end <= phrase[1]
                and m.kind == "name"
                and m in self.entity_of
            ),
            key=lambda m: ("," not in self.text[phrase[0] : m.start], m.start),
        )
        ids = [
            self.entity_of[m]
            for m in inner
            if self.entity_of[m] in self.entities
            and self.entities[self.entity_of[m]].type not in {"Location", "Country", "Event"}
            and _named(self.entities[self.entity_of[m]].name)
        ]
        persons = [e for e in ids if self.entities[e].type == "Person"]
        chosen = persons or ([] if persons_only else ids)
        return chosen[0] if chosen else None

    def place_in_phrase(self, eid: str, words: Sequence[str]) -> bool:
        """A place or country named inside a longer phrase is where the speaker is from."""
        if self.entities[eid].type not in {"Location", "Country"}:
            return False
        name = _folded(self.entities[eid].name)
        return any(
            w[:1].isupper() and w.casefold().rstrip("'’s") not in name
            for w in words
            if w.casefold() not in _DETERMINERS
        )

    def head_beside(self, phrase: tuple[int, int], place: Mention) -> Mention | None:
        """The first capitalised word of a phrase outside a place name in it, as a role
        mention ("Angaben der Staatsanwaltschaft Krefeld", "des amerikanischen Senders")."""
        for w in _WORD.finditer(self.text, phrase[0], phrase[1]):
            word = w.group(0)
            if place.start <= w.start() and w.end() <= place.end:
                continue  # the place itself; a compound on it ("US-Notenbankchef") is a head
            if word[:1].isupper() and word.casefold() not in _DETERMINERS:
                return Mention(w.start(), w.end(), word, "ORG", kind="role", sent=place.sent)
        return None

    def name_match(self, words: Sequence[str]) -> str | None:
        capital = [w.casefold().rstrip("'’s") for w in words if w[:1].isupper()]
        capital = [
            w
            for w in capital
            if w not in _DETERMINERS and noun_kind(w, self.lang) not in {"person", "document"}
        ]
        if not capital:
            return None
        for e in self.entities.values():
            if e.type in {"Person", "Organization"} and capital[-1] in _folded(e.name):
                return e.id
        return None

    def not_a_name(self, m: Mention) -> bool:
        """Whether a speaker name the mention extractor did not find is no name: its head
        is a source, document or institution noun of the lexicon, or it is one word opening
        its sentence (its capital comes from its position)."""
        if m in self.ext.mentions:
            return False
        if noun_kind(m.text, self.lang) not in {"", "person"}:
            return True  # a role noun may be a surname ("Richter"), a source never
        opening = self.ext.sentences[self.sent_of(m.start)].start
        return " " not in m.text and not self.text[opening : m.start].strip(" „“\"'»«‚‘(\n")

    # -- step 4: head nouns
    def pronoun(self, m: Mention) -> str | None:
        if m.text.casefold() in _NO_ONE:
            return None
        # "…, sagte er" also after a paragraph break: news text goes on about the one quoted
        recent = self.recent(m.start, paragraphs=True)
        if recent is not None and _agrees(m, recent.mention):
            return recent.entity
        if "Number=Plur" in m.morph:
            return None
        # salience: a person, or an organisation whose noun has the pronoun's gender
        # ("Die Gewerkschaft … Sie bezeichnet …")
        want = gender_of(m)
        candidates = self.persons() + [
            o for o in self.organisations() if want and _gender(o) == want
        ]
        ante = pronoun_antecedent(
            replace(m, in_quote=False), candidates, {c: _gender(c) for c in candidates}
        )
        return self.entity_of.get(ante) if ante is not None else None

    def possessor(self, m: Mention, phrase: tuple[int, int]) -> Mention | None:
        """The possessive determiner before a noun ("seiner", "ihren") as a pronoun mention
        of the gender it marks (sein → masculine, ihr → feminine or plural)."""
        before = _WORD.findall(self.text[phrase[0] : m.start])
        word = before[-1] if before else ""
        stem = word.casefold()
        gender = "Masc" if stem.startswith("sein") else "Fem" if stem.startswith("ihr") else ""
        if not gender:
            return None
        at = self.text.rindex(word, phrase[0], m.start)
        morph = f"Gender={gender}|Poss=Yes"
        return Mention(at, at + len(word), word, "PRON", kind="pronoun", sent=m.sent, morph=morph)

    def demonstrative(self, m: Mention) -> str | None:
        """A demonstrative or relative pronoun ("dieser", "der") → the last person named
        before it in its sentence or the one before."""
        before = [
            p
            for p in self.persons()
            if p.start < m.start and m.sent - p.sent <= 1 and not p.in_quote
        ]
        return self.entity_of[max(before, key=lambda p: p.start)] if before else None

    def person_role(self, m: Mention, words: Sequence[str]) -> str:
        """A role noun: the person holding it, else an unnamed source."""
        if (words and words[0].casefold() in _INDEFINITE) or (
            m.text.endswith(("en", "er")) and ("Number=Plur" in m.morph)
        ):
            return self.add(_description(words), "UnnamedSource")
        head = _head(m, self.lang).casefold().rsplit("-", 1)[-1]
        holders = {
            e.id
            for e in self.entities.values()
            if e.type == "Person" and any(_same_role(p, head) for p in e.positions)
        }
        if holders:  # the holder named last before the role noun, else the first one
            seen = [
                (x.start < m.start, x.start if x.start < m.start else -x.start, eid)
                for x, eid in self.entity_of.items()
                if eid in holders
            ]
            return max(seen)[2] if seen else sorted(holders)[0]
        recent = self.recent(m.start)
        if recent is not None and self.entities[recent.entity].type == "Person":
            return recent.entity
        return self.add(_description(words), "UnnamedSource")

    def issuer(self, m: Mention, phrase: tuple[int, int]) -> str | None:
        """Whoever a noun's genitive or "von" phrase names ("Angaben der Polizei", "die
        Ansicht des Gerichts"); no one when it has none: a noun that is neither a role, a
        document nor an institution ("der Antrag", "beide Seiten") makes no entity."""
        rest = self.text[m.end : phrase[1]]
        link = _GENITIVE_LINK.match(rest)
        if link is None:
            return None
        start = m.end + link.end()
        inner = [x for x in self.ext.mentions if start <= x.start < phrase[1]]
        if inner:
            return self.link(inner[0], (start, phrase[1]))
        word = _WORD.search(self.text, start, phrase[1])
        if word is None:
            return None
        sub = Mention(word.start(), word.end(), word.group(0), "ORG", kind="role")
        return self.link(sub, (start, phrase[1]))

    def own_start(self, m: Mention, phrase: tuple[int, int]) -> int:
        """Where the noun phrase of ``m`` starts inside its speaker phrase: after the last
        noun and genitive link before it ("Angaben der | Tagesthemen")."""
        before = self.text[phrase[0] : m.start]
        links = list(_NOUN_THEN_LINK.finditer(before))
        return phrase[0] + links[-1].end() if links else phrase[0]

    def organisation(self, m: Mention, words: Sequence[str], place: str | None = None) -> str:
        """The organisation of the article with this head noun, else a new one named by the
        phrase, affiliated with the place or country the phrase names."""
        head = _head(m, self.lang).casefold()
        for e in reversed(list(self.entities.values())):
            if e.type == "Organization" and e.name.casefold().split()[-1:] == [head]:
                return e.id
        affiliation = place
        for w in words:
            country = country_of(w, self.lang)
            if country is not None and country.id in self.entities:
                affiliation = country.id
        return self.add(_description(words) or m.text, "Organization", affiliation)

    def link(self, m: Mention, phrase: tuple[int, int]) -> str | None:
        """Steps 1-4 for one speaker mention and its phrase."""
        words = _WORD.findall(self.text[phrase[0] : phrase[1]])
        own = self.entity_of.get(m)
        if own in self.entities and not _named(self.entities[own].name):
            own = None  # a misread word ("zu", "."), no name
        if own is not None and m.kind == "name" and not self.place_in_phrase(own, words):
            return own
        person = self.name_inside(phrase, persons_only=True)
        if person is not None:  # an apposition names the person the role noun stands for
            return person
        modifier = own is not None and (m.kind == "adjective" or self.place_in_phrase(own, words))
        if own is not None and not modifier:
            return own  # a title or pronoun resolved by coreference
        found = self.name_inside(phrase)
        if found is not None:
            return found
        place = None
        if own is not None:  # a place or an organisation the speaker belongs to ("Polizei
            # Bochum", "die SPD-Landtagsfraktion"): the noun beside it is the speaker
            head = self.head_beside(phrase, m)
            if head is None:
                return own
            m, place = head, own
        if m.kind == "pronoun":
            return self.pronoun(m)
        if m.text.casefold() in _DETERMINERS:  # "dieser", "der" standing alone
            return self.demonstrative(m)
        if m.kind == "name" and not _named(m.text):
            # a misread word ("zu") or a compound's first part ("Bau- und …ministerium"): the
            # phrase's noun speaks, if any
            head = self.head_beside(phrase, m)
            if head is None:
                return None
            m = head
        if m.kind == "name" and self.not_a_name(m):
            if noun_kind(m.text, self.lang) in {"", "person"}:
                return self.name_match(words)  # a capital by position ("Besorgt äußerte …")
            m = replace(m, kind="role")  # a noun the tagger called a name ("Militärkreisen")
        if m.kind == "name":
            return self.name_match(words) or self.add(
                m.text, "Person" if m.label == "PER" else "Organization"
            )
        kind = noun_kind(_head(m, self.lang), self.lang)
        words = _WORD.findall(self.text[self.own_start(m, phrase) : phrase[1]])
        if kind == "document":
            possessive = self.possessor(m, phrase)
            if possessive is not None:  # "seiner Darstellung zufolge", "nach ihren Angaben"
                return self.pronoun(possessive)
            return self.issuer(m, phrase)
        if kind == "person":
            return self.person_role(m, words)
        if kind == "organisation":
            return self.organisation(m, words, place)
        if kind == "abstract":
            return self.issuer(m, phrase)
        if kind == "source":
            issuer = self.issuer(m, phrase)
            return issuer or self.add(_description(words), "UnnamedSource")
        issuer = self.issuer(m, phrase)
        return issuer if issuer is not None else self.organisation(m, words, place)

    # -- step 5 and the pass
    def orphan(self, q: Quote, done: Sequence[Quote]) -> Quote:
        """A quote without a speaker phrase, by the ranking of step 5."""
        host = next(
            (
                p
                for p in reversed(done)
                if p.speaker is not None
                and p.kind == "indirect"
                and p.start <= q.start
                and q.end <= p.end
            ),
            None,
        )
        if host is not None:
            return replace(q, speaker=host.speaker, speaker_phrase=host.speaker_phrase)
        said = self.continued(q)
        if said is not None:
            return replace(q, speaker=said.mention, speaker_phrase=said.phrase)
        subject = self.subject(q)
        if subject is not None:
            return replace(q, speaker=subject, speaker_phrase=(subject.start, subject.end))
        return q

    def continued(self, q: Quote) -> _Said | None:
        """The previous quote's speaker, for a quotation or Konjunktiv sentence without a cue
        that follows it within a sentence (two for indirect speech going on; a quotation also
        at the start of the next paragraph), unless another speaker is named in between."""
        if q.cue is not None:
            return None
        # a quotation may open the next paragraph; reported speech goes on within one
        direct = q.kind == "direct"
        said = self.recent(q.start, reach=1 if direct else _WINDOW, paragraphs=direct)
        if said is None:
            return None
        return said

    def subject(self, q: Quote) -> Mention | None:
        """Salience: the subject of the quote's own sentence (outside the quote: "X nennt es
        „…“"), else of the sentence before it in the same paragraph ("X gab sich
        optimistisch. Man sei …")."""
        own = self.sent_of(q.start)
        for k in (own, own - 1):
            if k < 0 or (k < own and not self.same_paragraph(self.ext.sentences[k].end, q.start)):
                continue
            for m in self.ext.mentions:
                if (
                    m.sent == k
                    and m.dep.startswith("nsubj")
                    and not m.in_quote
                    and not any(s <= m.start < e for s, e in q.spans or ((q.start, q.end),))
                    and m.text.casefold() not in _NO_ONE
                    and (m in self.entity_of or m.kind == "pronoun")
                ):
                    return m
        return None

    def quote(self, q: Quote, done: Sequence[Quote]) -> Quote:
        if q.speaker is None:
            q = self.orphan(q, done)
        if q.speaker is None:
            return q
        phrase = q.speaker_phrase or (q.speaker.start, q.speaker.end)
        eid = self.link(q.speaker, phrase)
        if eid is not None:
            q = replace(q, speaker=self.attach(q.speaker, phrase, eid))
            self.last = _Said(eid, q.speaker, q.speaker_phrase, q)  # type: ignore[arg-type]
        if q.via is not None and q.via_phrase is not None and q.via not in self.entity_of:
            via = self.link(q.via, q.via_phrase)
            if via is not None:
                q = replace(q, via=self.attach(q.via, q.via_phrase, via))
        return q

    def attach(self, m: Mention, phrase: tuple[int, int], eid: str) -> Mention:
        """``m`` mapped to ``eid``; when ``m`` stands for another entity already (the place
        in "Angaben der Staatsanwaltschaft Krefeld"), a mention of the whole phrase instead."""
        if self.entity_of.get(m, eid) != eid:
            text = self.text[phrase[0] : phrase[1]]
            m = Mention(phrase[0], phrase[1], text, "ORG", kind="role", sent=m.sent)
        self.entity_of[m] = eid
        return m


def resolve_speakers(
    ext: Extraction, entities: Sequence[Entity], entity_of: Mapping[Mention, str]
) -> tuple[tuple[Quote, ...], list[Entity], dict[Mention, str]]:
    """Every quote's speaker linked to an entity (see the module docstring for the ranking).

    Returns the quotes (a speaker filled in by continuation), the entities (with the
    organisations and unnamed sources that speak) and the mention → entity map.
    """
    run = _Speakers(ext, entities, entity_of)
    done: list[Quote] = []
    for q in sorted(ext.quotes, key=lambda q: (q.start, q.end)):
        done.append(run.quote(q, done))
    # a relation's pronoun party resolves as a speaker pronoun does, by salience among the
    # persons and the organisations of its gender ("Die Gewerkschaft … Sie kritisierte X")
    run.last = None
    for r in ext.relations:
        for m in (r.subject, r.object):
            if m.kind == "pronoun" and m not in run.entity_of and (eid := run.pronoun(m)):
                run.entity_of[m] = eid
    return tuple(done), list(run.entities.values()), run.entity_of
