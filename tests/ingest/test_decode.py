"""Encodings, cleaning and the raw→clean offset map."""

from __future__ import annotations

import contextlib
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graphbuild.errors import InputError
from graphbuild.ingest.decode import INVISIBLE, clean, decode, decode_bytes

GERMAN = "„Grüße aus Köln“, sagte die Ministerin – über Straßen & Brücken."


@pytest.mark.parametrize(
    "data",
    [
        GERMAN.encode("utf-8"),
        b"\xef\xbb\xbf" + GERMAN.encode("utf-8"),
        GERMAN.encode("cp1252"),
        GERMAN.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16-bom"],
)
def test_decode_detects_encoding(data: bytes) -> None:
    assert decode(data, "x.txt") == GERMAN


def test_decode_latin1_without_cp1252_specials() -> None:
    text = "Die Bürger in Genève wählten am Sonntag. Straße, Öl, Ärger, Übel."
    assert decode(text.encode("latin-1"), "x.txt") == text


def test_decode_honours_declared_charset_and_ignores_a_wrong_one() -> None:
    data = "Grüße".encode("cp1252")
    assert decode(data, "x", declared="cp1252") == "Grüße"
    assert decode("Grüße".encode(), "x", declared="ascii") == "Grüße"


@pytest.mark.parametrize(
    "data, reason", [(b"", "empty"), (b"  \n\t ", "empty"), (b"PK\x03\x04\x00\x00", "binary")]
)
def test_decode_refuses_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as exc:
        decode(data, "bad.txt")
    assert exc.value.source == "bad.txt"


@settings(deadline=None)
@given(st.binary(max_size=300))
def test_decode_any_bytes_gives_text_or_input_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(decode(data, "fuzz"), str)


def test_clean_removes_invisibles_and_unifies_spaces_and_lines() -> None:
    raw = "Bundes\u00adregierung\u200b sagte:\u00a0„Ja.“\r\nZweite\u2028Zeile\tEnde"
    c = clean(raw)
    assert c.text == "Bundesregierung sagte: „Ja.“\nZweite\nZeile Ende"


def test_clean_composes_nfc_and_maps_offsets_back() -> None:
    raw = "Mu\u0308ller\u200b trifft Jose\u0301."  # decomposed ü and é, a zero-width space
    c = clean(raw)
    assert c.text == "Müller trifft José."
    start = c.text.index("trifft")
    assert raw[c.to_raw(start) : c.to_raw(start + len("trifft"))] == "trifft"
    # the composed ü points at its base letter, the end maps to the raw end
    assert raw[c.to_raw(1)] == "u" and c.to_raw(len(c.text)) == len(raw)


@settings(deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@example("a\u0344b")  # NFC expands U+0344 into two combining marks (found by hypothesis)
def test_clean_properties(raw: str) -> None:
    c = clean(raw)
    assert unicodedata.is_normalized("NFC", c.text)
    assert not set(c.text) & INVISIBLE and "\r" not in c.text
    offsets = [c.to_raw(i) for i in range(len(c.text) + 1)]
    assert offsets == sorted(offsets) and offsets[-1] == len(raw)
    for i, ch in enumerate(c.text):
        src = raw[c.to_raw(i)]
        # the raw characters this one comes from: up to the next character's different offset
        # (every character a cluster composes into maps to the cluster's start, also when NFC
        # expands one raw character into several, e.g. U+0344 into U+0308 U+0301)
        upto = next((o for o in offsets[i + 1 :] if o > c.to_raw(i)), len(raw))
        # an unchanged character maps to itself; only spaces, line ends and compositions change
        assert (
            ch == src
            or ch in " \n"
            or unicodedata.normalize("NFD", ch)[0] == src[0]
            or ch in unicodedata.normalize("NFC", raw[c.to_raw(i) : upto])
        )


@pytest.mark.parametrize(
    "data, declared, expected",
    [
        (GERMAN.encode("utf-8"), None, ("utf-8", False)),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), None, ("utf-8-sig", False)),
        (GERMAN.encode("cp1252"), "cp1252", ("cp1252", False)),
        (GERMAN.encode("cp1252"), None, ("cp1252", True)),
    ],
    ids=["utf-8", "utf-8-bom", "declared", "guessed"],
)
def test_decode_bytes_says_which_codec_and_whether_guessed(
    data: bytes, declared: str | None, expected: tuple[str, bool]
) -> None:
    decoded = decode_bytes(data, "x.txt", declared)
    assert decoded.text == GERMAN
    assert (decoded.encoding, decoded.guessed) == expected
