"""Relations between actors: who meets, negotiates, speaks with, criticises, … whom.

Relations are read as frames: a word that states a relation and which parts of the
sentence fill its two roles, kept as rows of data in ``lexicons/*.tsv``. One module per
kind of evidence, each a generator over the parsed article:

* ``offices``: a title naming a country or organisation → ``represents`` ("US-Präsident X",
  "Gouverneur von Virginia", "Brandenburgs Ministerpräsident"); role nouns ("Spectors
  Verteidiger X" → supports);
* ``verbal``: verb frames (``interaction_verbs``: lemma, particle, reflexive, predicate,
  subject and object dependents), active, passive, attributive and in relative clauses;
  awards;
* ``meetings``: taking part in a named event (``attends``), an office held at one, both
  sides of a match placed in one, and the participants of talks that are no named event
  meeting pairwise;
* ``verdicts``: criticism or backing in what a verb says of someone ("bezeichnete Y als
  Verstoß", "fordert den Rücktritt von Y", "weist die Vorwürfe von Y zurück");
* ``accusations``: an accusation as its clause's subject ("Die Vorwürfe richten sich gegen
  A und B"), the accuser from the noun or the sentence before;
* ``letters``: the signers of a critical letter criticise its addressee;
* ``aid``: aid received ("X erhielt Hilfe von Y"), used ("mit Unterstützung von Y") or given
  to a dative ("X sagte Y Hilfe zu");
* ``relief``: helpers or aid goods sent to a place ("X schickte Helfer nach Y");
* ``sides``: a side taken ("X kämpft an der Seite von Y");
* ``mandates``: an order in an adverbial ("im Auftrag der UN", "auf Befehl von X");
* ``mediation``: the mediator of "Vermittlung zwischen A und B" negotiates with A and B;
* ``nominal``: noun frames (``interaction_nouns``: "Kritik der X an Y", "Krieg zwischen A und
  B", "die Bombardierung Zchinwalis");
* ``victims``: attacks a crime report states without the attacker (victim lists, agentless
  passives), given to the group the article accuses of its crimes.

``context`` holds what they share (token → mention, subjects and objects from the parse,
office holders, modality); ``frames`` loads the frame lexicons.

Every relation records its modality and negation from cue words in ``modality.<lang>.tsv``
found on the trigger, its governing verb and their dependents (or in a small window when
there is no parse): "mögliches Treffen" → possible, "kündigte … an" → planned, "keine
Gespräche" → negated. A question heading makes its facts possible. Headings do produce
relations (the shared gold annotates relations stated in sub-headings), with lower
confidence; they never produce quotes.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("de"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> from graphbuild.extract.mentions import mentions, sentences
    >>> doc = nlp("Es gab Verhandlungen zwischen Polen und Litauen.")
    >>> sents = list(sentences(doc)); ms = list(mentions(doc, sents))
    >>> [(r.subject.text, r.predicate, r.object.text) for r in relations(doc, ms, sents)]
    [('Polen', 'negotiatesWith', 'Litauen')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from graphbuild.extract.relations.accusations import accusation_relations
from graphbuild.extract.relations.aid import aid_relations
from graphbuild.extract.relations.context import Context
from graphbuild.extract.relations.frames import NounFrame, VerbFrame, noun_frames, verb_frames
from graphbuild.extract.relations.letters import letter_relations
from graphbuild.extract.relations.mandates import mandate_relations
from graphbuild.extract.relations.mediation import mediation_relations
from graphbuild.extract.relations.meetings import attends, delegates, encounters
from graphbuild.extract.relations.nominal import noun_relations
from graphbuild.extract.relations.offices import represents, roles
from graphbuild.extract.relations.relief import relief_relations
from graphbuild.extract.relations.sides import side_relations
from graphbuild.extract.relations.verbal import awards, verb_relations
from graphbuild.extract.relations.verdicts import verdict_relations
from graphbuild.extract.relations.victims import unattributed_attacks
from graphbuild.types import Mention, Relation, Sentence


def relations(
    doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]
) -> Iterator[Relation]:
    """Every relation of an article (see the module docstring for the sources)."""
    if not sents:
        return
    ctx = Context(doc, mentions, sents)
    yield from represents(ctx)
    yield from roles(ctx)
    yield from verb_relations(ctx)
    yield from attends(ctx)
    yield from delegates(ctx)
    yield from encounters(ctx)
    yield from awards(ctx)
    yield from noun_relations(ctx)
    yield from unattributed_attacks(ctx)
    yield from verdict_relations(ctx)
    yield from accusation_relations(ctx)
    yield from mediation_relations(ctx)
    yield from letter_relations(ctx)
    yield from aid_relations(ctx)
    yield from relief_relations(ctx)
    yield from side_relations(ctx)
    yield from mandate_relations(ctx)


__all__ = ["NounFrame", "VerbFrame", "noun_frames", "relations", "verb_frames"]
