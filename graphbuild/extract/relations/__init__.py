"""Relations between actors: who meets, negotiates, speaks with, criticises, … whom.

Facts come from four general sources, never from sentence templates:

* **titles** → ``represents``: a title that names a country or organisation ("US-Präsident",
  "dem russischen Präsidenten", "NATO-Generalsekretär", "Iranian Foreign Minister",
  "Vorsitzender der Carnegie Foundation") makes its holder represent it.
* **verbs** from ``interaction_verbs.<lang>.tsv`` with their dependency frame: subject
  (``nsubj``, inherited from the governing verb for infinitive clauses) and counterpart
  (object, a prepositional object such as "mit X"/"with X"/"an X", or the subject of a
  dass-clause). German particle verbs are matched with their separated particle (the
  parse's ``compound:prt``/``svp`` dependent: "wies … an" → anweisen). A relative pronoun
  as counterpart stands for the noun the relative clause modifies ("Konferenz, an der …
  teilnehmen").
* **nouns** from ``interaction_nouns.<lang>.tsv`` (compounds included: "Rohstoff-Deal"):
  "zwischen X, Y und Z"/"between X and Y" relates every pair; "N mit X"/"N with X",
  "Hilfe für X", "Angriffe gegen X" relate X to the agent — a compound prefix ("US-Hilfe"),
  the subject of the verb governing the noun, or else the nearest actor before it in the
  sentence. "X and Y held talks" relates the coordinated subjects.
* **events**: a person doing something "auf/an/bei/at" an event attends it.

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

from graphbuild.extract.relations.context import Context
from graphbuild.extract.relations.frames import NounFrame, VerbFrame, noun_frames, verb_frames
from graphbuild.extract.relations.meetings import attends, delegates
from graphbuild.extract.relations.nominal import noun_relations
from graphbuild.extract.relations.offices import represents, roles
from graphbuild.extract.relations.verbal import awards, verb_relations
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
    yield from awards(ctx)
    yield from noun_relations(ctx)


__all__ = ["NounFrame", "VerbFrame", "noun_frames", "relations", "verb_frames"]
