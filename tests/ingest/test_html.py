"""HTML pages: main text without boilerplate, with title, date, author and site name."""

from __future__ import annotations

from pathlib import Path

from ingest_samples import DE_TEXT, page

from graphbuild.ingest import read_articles
from graphbuild.types import Article, Failure


def test_html_file_main_text_and_metadata(tmp_path: Path) -> None:
    title, body = DE_TEXT.split("\n", 1)
    html = page(title, body, author="Eva Beispiel", date="2024-03-05T10:00:00Z", site="Die Zeitung")
    f = tmp_path / "genf.html"
    f.write_bytes(html.encode("cp1252"))  # not UTF-8 on purpose: the charset is detected
    [a] = read_articles([f])
    assert isinstance(a, Article)
    assert (a.id, a.title, a.lang) == ("genf", title, "de")
    assert (a.published, a.author, a.publisher) == ("2024-03-05", "Eva Beispiel", "Die Zeitung")
    assert a.text.splitlines()[0] == title
    assert "Waffenstillstand" in a.text and "„Wir werden" in a.text
    assert "Impressum" not in a.text and "Startseite" not in a.text


def test_html_without_article_text_is_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>x</title></head><body><nav>Menü</nav></body></html>")
    [item] = read_articles([f])
    assert isinstance(item, Failure) and item.source == str(f)
