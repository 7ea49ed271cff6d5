"""Sample texts, a page template and the local test site, shared by the ingest tests."""

from __future__ import annotations

from dataclasses import dataclass, field

DE_TEXT = (
    "Neue Gespräche in Genf\n"
    "Die Außenministerin hat am Montag in Genf neue Gespräche über einen Waffenstillstand "
    "angekündigt. „Wir werden so lange verhandeln, wie es nötig ist“, sagte sie vor "
    "Journalisten. Der Sprecher der Regierung erklärte, man sei zuversichtlich.\n"
)
EN_TEXT = (
    "Talks resume in Geneva\n"
    "The foreign minister announced new talks about a ceasefire in Geneva on Monday. "
    '"We will negotiate for as long as it takes," she told reporters. A government '
    "spokesman said they were confident that an agreement was possible.\n"
)
FR_TEXT = (
    "La ministre des Affaires étrangères a annoncé lundi à Genève de nouvelles discussions "
    "sur un cessez-le-feu. « Nous négocierons aussi longtemps qu’il le faudra », a-t-elle dit."
)


@dataclass
class LocalSite:
    """Pages served by the test server: path → (status, content type, body)."""

    base: str
    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200) -> str:  # fmt: skip
        self.pages[path] = (status, content_type, body.encode() if isinstance(body, str) else body)
        return self.url(path)


def page(title: str, body: str, *, author: str = "", date: str = "", site: str = "") -> str:
    """A news page with navigation and footer boilerplate around the article."""
    meta = ""
    if author:
        meta += f'<meta name="author" content="{author}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    if site:
        meta += f'<meta property="og:site_name" content="{site}">'
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        "<nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        "<footer>Impressum · Datenschutz · Kontakt</footer></body></html>"
    )
