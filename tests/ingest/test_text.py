"""Plain text and Markdown → Article; language detection and the unsupported-language skip."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_samples import DE_TEXT, EN_TEXT, FR_TEXT

from graphbuild.errors import InputError
from graphbuild.ingest import article_from_text, detect_language, read_articles
from graphbuild.ingest.text import make_article, markdown_to_text
from graphbuild.types import Article, Failure


@pytest.mark.parametrize("text, lang", [(DE_TEXT, "de"), (EN_TEXT, "en"), (FR_TEXT, "fr")])
def test_language_detect(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_text_article_fields(tmp_path: Path) -> None:
    f = tmp_path / "genf.txt"
    f.write_text(DE_TEXT, encoding="utf-8")
    [a] = read_articles([f])
    assert isinstance(a, Article)
    assert (a.id, a.lang, a.title, a.source) == ("genf", "de", "Neue Gespräche in Genf", str(f))
    assert a.text == DE_TEXT.strip() and len(a.content_hash) == 64


def test_text_unsupported_language_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FR_TEXT, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN_TEXT, encoding="utf-8")
    items = list(read_articles([tmp_path]))
    [fail] = [i for i in items if isinstance(i, Failure)]
    assert "'fr' is not supported" in fail.reason and "--lang" in fail.reason
    assert [i.id for i in items if isinstance(i, Article)] == ["en"]


def test_text_lang_override(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FR_TEXT, encoding="utf-8")
    [a] = read_articles([tmp_path], lang="de")
    assert isinstance(a, Article) and a.lang == "de"


def test_text_content_hash_ignores_cosmetic_differences() -> None:
    a = article_from_text(DE_TEXT, "a.txt")
    b = article_from_text(DE_TEXT.replace("\n", "\r\n").replace(" Genf", "\u00a0Genf"), "b.txt")
    c = article_from_text(DE_TEXT.replace("Montag", "Dienstag"), "c.txt")
    assert a.content_hash == b.content_hash != c.content_hash


def test_text_too_long_is_refused() -> None:
    with pytest.raises(InputError, match="over the limit"):
        make_article(EN_TEXT * 10, "big.txt", max_chars=100)


def test_markdown_strips_markup_keeps_prose_and_front_matter(tmp_path: Path) -> None:
    md = (
        "---\ntitle: Gespräche in Genf\ndate: 2024-03-05\nauthor: Eva Beispiel\n---\n"
        "# Gespräche in Genf\n\n"
        "Die **Außenministerin** hat am _Montag_ in [Genf](https://example.org/genf) neue "
        "Gespräche angekündigt. ![Foto](bild.jpg)\n\n"
        "- Der Sprecher der Regierung erklärte, man sei zuversichtlich.\n\n"
        "```\ncode = 1\n```\n"
    )
    text, meta = markdown_to_text(md)
    assert text.splitlines()[0] == "Gespräche in Genf"
    assert "Die Außenministerin hat am Montag in Genf neue Gespräche angekündigt." in text
    assert not any(ch in text for ch in "*#[]()`!") and "code = 1" not in text
    assert meta == {"title": "Gespräche in Genf", "date": "2024-03-05", "author": "Eva Beispiel"}
    f = tmp_path / "genf.md"
    f.write_text(md, encoding="utf-8")
    [a] = read_articles([f])
    assert isinstance(a, Article)
    assert (a.title, a.published, a.author, a.lang) == (
        "Gespräche in Genf",
        "2024-03-05",
        "Eva Beispiel",
        "de",
    )
