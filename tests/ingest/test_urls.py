"""http(s) URLs and RSS/Atom feeds, served by a local http.server on 127.0.0.1."""

from __future__ import annotations

from ingest_samples import DE_TEXT, EN_TEXT, LocalSite, page

from graphbuild.ingest import IngestOptions, read_articles
from graphbuild.ingest.urls import canonical_url
from graphbuild.types import Article, Failure


def test_urls_page_is_fetched_and_identified_by_url(site: LocalSite) -> None:
    url = site.add(
        "/politik/genf.html?utm_medium=x", page(*DE_TEXT.split("\n", 1), author="Eva Beispiel")
    )
    [a] = read_articles([url])
    assert isinstance(a, Article)
    host = url.split("//")[1].split("/")[0]
    assert a.id == f"{host}/politik/genf.html" and a.url == canonical_url(url)
    assert (a.title, a.author, a.lang) == ("Neue Gespräche in Genf", "Eva Beispiel", "de")


def test_urls_http_error_and_unreachable_host_are_failures(site: LocalSite) -> None:
    items = list(
        read_articles(
            [site.url("/gone.html"), "http://127.0.0.1:9/closed"],
            options=IngestOptions(timeout_s=2),
        )
    )
    assert [type(i) for i in items] == [Failure, Failure]
    assert "HTTP 404" in items[0].reason  # type: ignore[union-attr]
    assert items[1].source == "http://127.0.0.1:9/closed"


def test_urls_text_and_json_by_media_type(site: LocalSite) -> None:
    t = site.add("/plain", EN_TEXT.encode("latin-1"), "text/plain; charset=latin-1")
    j = site.add("/api/items", f'[{{"text": "{DE_TEXT.splitlines()[1]}", "id": "k"}}]',
                 "application/json")  # fmt: skip
    items = list(read_articles([t, j]))
    assert [(i.lang, i.id) for i in items if isinstance(i, Article)] == [
        ("en", canonical_url(t).split("//")[1]),
        ("de", "k"),
    ]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Die Beispielzeitung</title><link>{base}/</link>
<item><title>Neue Gespräche</title><link>{base}/a1.html</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><author>eva@example.org (Eva)</author></item>
<item><title>Talks resume</title><link>{base}/deleted.html</link>
<content:encoded><![CDATA[<p>{en}</p>]]></content:encoded></item>
<item><title>Gone</title><link>{base}/gone.html</link><description>short</description></item>
</channel></rss>"""


def test_feeds_rss_items_fetched_with_fallback_to_feed_content(site: LocalSite) -> None:
    site.add("/a1.html", page(*DE_TEXT.split("\n", 1)))
    en = " ".join([EN_TEXT.replace("\n", " ")] * 2)
    url = site.add(
        "/feed.rss", RSS.format(base=site.base, en=en), "application/rss+xml; charset=utf-8"
    )
    items = list(read_articles([url]))
    assert [type(i) for i in items] == [Article, Article, Failure]
    fetched, from_feed, gone = items
    assert isinstance(fetched, Article) and isinstance(from_feed, Article)
    assert fetched.url == site.url("/a1.html") and fetched.lang == "de"
    assert fetched.publisher == "Die Beispielzeitung"  # the page has no site name: the feed's
    assert from_feed.lang == "en" and "ceasefire" in from_feed.text
    assert from_feed.title == "Talks resume"
    assert isinstance(gone, Failure) and gone.source == site.url("/gone.html")
    assert "404" in gone.reason
    assert {"/feed.rss", "/a1.html", "/deleted.html", "/gone.html"} <= set(site.hits)


def test_feeds_atom_file(tmp_path: object, site: LocalSite) -> None:
    site.add("/b.html", page(*EN_TEXT.split("\n", 1)))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Wire</title><entry><title>Talks</title><link href='{site.base}/b.html'/>"
        "<updated>2024-03-05T10:00:00Z</updated><id>urn:x:1</id></entry></feed>"
    )
    from pathlib import Path

    f = Path(str(tmp_path)) / "wire.atom"
    f.write_text(atom, encoding="utf-8")
    [a] = read_articles([f])
    assert isinstance(a, Article)
    assert (a.lang, a.published, a.url) == ("en", "2024-03-05T10:00:00Z", site.url("/b.html"))
