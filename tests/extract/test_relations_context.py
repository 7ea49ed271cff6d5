"""The relation Context's token scans read the token table; they must name the same tokens
as a scan over spaCy ``Token`` objects."""

from __future__ import annotations

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.relations.context import Context

ROWS = [
    ("Eva", "Eva", "PROPN", 2, "nsubj", "B-PER"),
    ("Lind", "Lind", "PROPN", 0, "flat", "I-PER"),
    ("forderte", "fordern", "VERB", 2, "ROOT", "O"),
    ("Hilfe", "Hilfe", "NOUN", 2, "obj", "O"),
]


def _context(doc) -> Context:  # type: ignore[no-untyped-def]
    sents = list(sentences(doc))
    return Context(doc, list(mentions(doc, sents)), sents)


def test_context_tokens_with_pos_names_the_tokens_of_those_parts_of_speech(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.rows("de", ROWS)
    ctx = _context(doc)
    for pos in ({"NOUN", "PROPN"}, {"VERB", "AUX"}, {"NOUN"}, set()):
        assert [t.i for t in ctx.tokens_with_pos(pos)] == [t.i for t in doc if t.pos_ in pos]


def test_context_tokens_where_tests_token_indices_in_order(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.rows("de", ROWS)
    ctx = _context(doc)
    got = ctx.tokens_where(lambda i: ctx.tokens.dep[i] in {"nsubj", "obj"})
    assert [t.text for t in got] == ["Eva", "Hilfe"]


def test_context_indexes_every_token_of_a_mention(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.rows("de", ROWS)
    ctx = _context(doc)
    assert [m.text for m in ctx.by_token[0]] == [m.text for m in ctx.by_token[1]] == ["Eva Lind"]
    assert 2 not in ctx.by_token
