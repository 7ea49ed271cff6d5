"""The interactive graph view: one self-contained HTML page that works offline.

The page is our own template (``assets/view.html``, ``view.css``, ``view.js``) with
vis-network's JavaScript and CSS inlined from the copy the ``pyvis`` package ships. We do not
render pyvis's own template: it loads Bootstrap and vis from CDNs, and ``Network.add_edge``
scans every edge on each call (10,000 links would take minutes). What pyvis gives us is the
vis-network build it was tested with.

Why the page is safe with hostile names, quotes, titles and URLs:

- all data travels as one JSON document in ``<script type="application/json">`` with ``<``,
  ``>``, ``&``, U+2028 and U+2029 escaped, so ``</script>`` in a quote cannot end the block;
- the page script writes user text only through ``textContent`` (tooltips are our own DOM, not
  vis-network's ``title``, which it would render as HTML); links get an ``href`` only for
  http(s) URLs;
- a Content-Security-Policy allows only the two inline scripts, by hash, and no network
  request at all (``default-src 'none'``), so even an injected ``onerror=`` cannot run.

Large graphs: above ``max_nodes`` (``Settings.html_max_nodes``) the view keeps the most
important entities (:func:`graphbuild.analytics.quick_importance`) and says so on the page.
Small views are laid out by vis-network's physics, which stops after stabilising; above
``PRECOMPUTED_LAYOUT`` nodes the positions come from
:func:`graphbuild.analytics.community_layout` and the browser only draws. docs/views.md has
the reasons and docs/benchmarks.md the timings.

Example:
    >>> from graphbuild.graph.store import Store
    >>> "<!DOCTYPE html>" in render_html(Store.open(None))
    True
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from graphbuild.analytics import (
    EXACT_BETWEENNESS_MAX,
    Analytics,
    Link,
    Snapshot,
    analyse,
    community_layout,
    find_article,
    find_entity,
    most_connected,
    node_size,
    prune,
    quick_importance,
    quote_links,
    read_snapshot,
    restrict,
    select,
)
from graphbuild.analytics import co_mentions as co_mention_pairs
from graphbuild.config import Settings
from graphbuild.files import atomic_write
from graphbuild.graph.store import Store

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_VERSION = "9.1.2"

# Above this many nodes the page draws cheaply: straight edges, no edge labels (hover or
# click), canvas labels only for the most important nodes, edges hidden while dragging.
LARGE_GRAPH = 800

# Above this many nodes the layout is computed in Python (community_layout) and the page
# starts with physics off: the browser only draws. Below it vis-network's physics lays out.
PRECOMPUTED_LAYOUT = 200

# Views of up to this many entities draw the unlinked ones too: one article's cast is worth
# seeing. In larger views unlinked entities would be a grid of dots hiding the graph, so they
# go to the page's "Not drawn" list instead.
UNLINKED_DRAWN_MAX = 50

# The co-mention layer carries at most this many edges per drawn entity, strongest first.
CO_MENTIONS_PER_NODE = 3

# Predicate of co-mention pairs when they count as connections (layout and communities only).
CO_MENTIONED = "coMentioned"

# Betweenness is skipped (all zero) above this many shown nodes: sampled betweenness on
# 10,000 nodes costs more than the rest of the page together. `graphbuild stats` still has it.
UNPRUNED_NO_BETWEENNESS = 3000


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How one entity type is drawn: vis-network shape, colour, legend label."""

    type: str
    shape: str
    color: str
    label: str


@lru_cache(maxsize=1)
def node_styles() -> Mapping[str, NodeStyle]:
    """Entity type → style, read from ``assets/node_styles.tsv`` (data, not code)."""
    styles: dict[str, NodeStyle] = {}
    text = (ASSETS / "node_styles.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, shape, color, label = line.split("\t")
        styles[typ] = NodeStyle(typ, shape, color, label)
    return MappingProxyType(styles)


@lru_cache(maxsize=1)
def quote_marks() -> Mapping[str, tuple[str, str]]:
    """Language → (opening, closing) quotation mark, from ``assets/quote_marks.tsv``.

    The key ``""`` holds the marks for a language not in the table.

    Example:
        >>> quote_marks()["de"]
        ('„', '“')
    """
    marks: dict[str, tuple[str, str]] = {}
    text = (ASSETS / "quote_marks.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, opening, closing = line.split("\t")
        marks["" if lang == "*" else lang] = (opening, closing)
    return MappingProxyType(marks)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and CSS, from the pyvis package (no network)."""
    lib = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, U+2028/9 left raw.

    Example:
        >>> script_json({"n": "</script>"})
        '{"n":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in _JSON_ESCAPES.items():
        text = text.replace(raw, esc)
    return text


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; ``javascript:`` and friends are dropped."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _predicate_label(predicate: str) -> str:
    """``negotiatesWith`` → ``negotiates with``."""
    out = "".join(" " + c.lower() if c.isupper() else c for c in predicate)
    return out.strip()


def _view_pivots(shown: int) -> int | None:
    """Betweenness sample for the view: exact when small, 64 pivots, none when huge.

    The view uses betweenness only for a share of node size, so a rougher estimate than
    ``graphbuild stats`` (128 pivots) is enough.
    """
    if shown > UNPRUNED_NO_BETWEENNESS:
        return 0
    return None if shown <= EXACT_BETWEENNESS_MAX else 64


@dataclass(frozen=True)
class Page:
    """A rendered view: the HTML and what it shows (for the CLI's one-line summary).

    ``nodes`` are the entities drawn; ``listed`` the ones only in the page's "Not drawn"
    list; ``total_nodes`` both together.
    """

    html: str
    nodes: int
    edges: int
    quotes: int
    total_nodes: int
    notice: str | None = None
    listed: int = 0


@dataclass(frozen=True)
class Selection:
    """What the page draws, what it lists instead, and the co-mention layer among the drawn.

    ``unlinked`` counts listed entities without any link, ``beyond_limit`` linked ones past
    ``limit`` (``max_nodes``); ``pruned_by_importance`` says the view drew unlinked entities
    too and cut by importance (small views, or ``unlinked=True``).
    """

    view: Snapshot
    drawn: frozenset[str]
    unlinked: int
    beyond_limit: int
    limit: int
    pruned_by_importance: bool
    co_mentions: tuple[tuple[str, str, int], ...] = ()
    co_mentions_connect: bool = False

    def notice(self) -> str | None:
        """The page's note on what was left out, or None when everything is drawn."""
        total, shown = len(self.view.entities), len(self.drawn)
        if shown == total:
            return None
        if self.pruned_by_importance:
            return (
                f"Showing the {shown:,} most important of {total:,} entities "
                "(importance = articles + quotes + links). Narrow the view with "
                "--focus, --article or --types, or raise html_max_nodes to see more."
            )
        left = []
        if self.unlinked:
            left.append(f"{self.unlinked:,} without a link")
        if self.beyond_limit:
            left.append(f"{self.beyond_limit:,} linked beyond the limit of {self.limit:,}")
        what = "relations, quotes to someone" + (
            ", co-mentions" if self.co_mentions_connect else ""
        )
        return (
            f"Drawn: {shown:,} of {total:,} entities, those with links ({what}), most "
            f"connected first. Not drawn: {' and '.join(left)}; they are in the list "
            "“Not drawn” and in search."
        )


def choose(
    view: Snapshot,
    *,
    limit: int,
    keep: Sequence[str] = (),
    co_mentions: bool = False,
    unlinked: bool | None = None,
) -> Selection:
    """Decide what to draw: the entities that connect, up to ``limit``; list the rest.

    Connections are the view's links (relations and quote links) and, with ``co_mentions``,
    pairs named together in at least two articles (one, for a one-article view). ``unlinked``
    None draws unlinked entities too only in views of at most ``UNLINKED_DRAWN_MAX`` entities.
    """
    pairs = co_mention_pairs(view) if co_mentions else []
    least = 1 if len(view.articles) <= 1 else 2
    edges = [(lk.subject, lk.object, float(lk.weight)) for lk in view.links]
    edges += [(a, b, float(n)) for a, b, n in pairs if n >= least]
    connected = {x for a, b, _ in edges if a != b for x in (a, b)}
    everything = len(view.entities) <= UNLINKED_DRAWN_MAX if unlinked is None else unlinked
    if everything:
        drawn = frozenset(prune(view, quick_importance(view), limit, keep=keep).entities)
    else:
        drawn = most_connected(view, edges, limit, keep=keep)
    listed = set(view.entities) - drawn
    layer = [
        (a, b, n)
        for a, b, n in (pairs or co_mention_pairs(restrict(view, drawn)))
        if a in drawn and b in drawn
    ]
    return Selection(
        view=view,
        drawn=drawn,
        unlinked=len(listed - connected),
        beyond_limit=len(listed & connected),
        limit=limit,
        pruned_by_importance=everything,
        co_mentions=tuple(layer[: CO_MENTIONS_PER_NODE * len(drawn)]),
        co_mentions_connect=co_mentions,
    )


def _layout_graph(sel: Selection) -> Snapshot:
    """The drawn snapshot the analytics and the layout see; co-mentions count when they connect."""
    drawn = restrict(sel.view, sel.drawn)
    if not sel.co_mentions_connect:
        return drawn
    co = tuple(Link(a, CO_MENTIONED, b, articles=()) for a, b, _ in sel.co_mentions)
    return replace(drawn, links=drawn.links + co)


def _node_payload(
    sel: Selection, stats: Analytics, order: list[str], article_index: dict[str, int]
) -> list[dict[str, Any]]:
    styles = node_styles()
    view = sel.view
    node_index = {iri: i for i, iri in enumerate(order)}
    quotes_of: dict[str, list[int]] = defaultdict(list)
    for qi, q in enumerate(view.quotes):
        if q.speaker is not None:
            quotes_of[q.speaker].append(qi)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for lk in view.links:
        neighbours[lk.subject].add(lk.object)
        neighbours[lk.object].add(lk.subject)
    base = quick_importance(view)
    top = max(stats.importance.values(), default=0.0)
    nodes = []
    for iri in order:
        e = view.entities[iri]
        drawn = iri in sel.drawn
        importance = stats.importance.get(iri, 0.0) if drawn else base.get(iri, 0.0)
        nodes.append(
            {
                "id": node_index[iri],
                "iri": iri,
                "label": e.label,
                "type": styles.get(e.type, styles["Thing"]).type,
                "drawn": drawn,
                "value": round(node_size(importance, top), 2) if drawn else 1.0,
                "importance": round(importance, 2),
                "aliases": list(e.aliases),
                "positions": list(e.positions),
                "articles": [article_index[a] for a in e.articles if a in article_index],
                "community": stats.community_of.get(iri, -1),
                "degree": stats.degree.get(iri) if drawn else len(neighbours[iri]),
                "betweenness": round(stats.betweenness.get(iri, 0.0), 4),
                "quotes": quotes_of.get(iri, []),
            }
        )
    return nodes


def _edge_payload(
    sel: Selection, node_index: dict[str, int], article_index: dict[str, int]
) -> list[dict[str, Any]]:
    pair_count: dict[frozenset[str], int] = defaultdict(int)
    edges = []
    for i, lk in enumerate(sel.view.links):
        pair = frozenset((lk.subject, lk.object))
        k = pair_count[pair]
        pair_count[pair] += 1
        edges.append(
            {
                "id": i,
                "from": node_index[lk.subject],
                "to": node_index[lk.object],
                "drawn": lk.subject in sel.drawn and lk.object in sel.drawn,
                "predicate": lk.predicate,
                "label": _predicate_label(lk.predicate),
                "directed": lk.directed,
                "weight": lk.weight,
                "parallel": k,
                "articles": [article_index[a] for a in lk.articles if a in article_index],
                "evidence": [
                    {
                        "article": article_index.get(ev.article) if ev.article else None,
                        "sentence": ev.sentence,
                    }
                    for ev in lk.evidence
                ],
            }
        )
    return edges


def _legend(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Types and predicates with their counts among the drawn nodes and edges."""
    type_counts = Counter(str(n["type"]) for n in nodes if n["drawn"])
    pred_counts = Counter(str(ed["predicate"]) for ed in edges if ed["drawn"])
    directed = {str(ed["predicate"]): bool(ed["directed"]) for ed in edges}
    return {
        "types": [
            {
                "name": s.type,
                "label": s.label,
                "shape": s.shape,
                "color": s.color,
                "count": type_counts.get(s.type, 0),
            }
            for s in node_styles().values()
        ],
        "predicates": [
            {"name": p, "label": _predicate_label(p), "directed": directed[p], "count": n}
            for p, n in sorted(pred_counts.items())
        ],
    }


def _payload(
    sel: Selection,
    stats: Analytics,
    *,
    title: str,
    positions: dict[str, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    view = sel.view
    article_index = {iri: i for i, iri in enumerate(sorted(view.articles))}
    articles = [
        {
            "id": view.articles[iri].id,
            "title": view.articles[iri].title,
            "url": _safe_url(view.articles[iri].url),
            "date": view.articles[iri].date,
            "lang": view.articles[iri].lang,
        }
        for iri in sorted(view.articles)
    ]
    # Drawn entities first, then the listed ones, most important first.
    base = quick_importance(view)
    order = [k for k in view.entities if k in sel.drawn]
    order += sorted(
        (k for k in view.entities if k not in sel.drawn),
        key=lambda k: (-base.get(k, 0.0), view.entities[k].label, k),
    )
    node_index = {iri: i for i, iri in enumerate(order)}
    nodes = _node_payload(sel, stats, order, article_index)
    if positions is not None:
        for n in nodes:
            if n["iri"] in positions:
                n["x"], n["y"] = positions[n["iri"]]
    edges = _edge_payload(sel, node_index, article_index)
    quotes = [
        {
            "text": q.text,
            "kind": q.kind,
            "speaker": node_index.get(q.speaker) if q.speaker else None,
            "cue": q.cue,
            "sentence": q.sentence,
            "articles": [article_index[a] for a in q.articles if a in article_index],
            "addressee": node_index.get(q.addressee) if q.addressee else None,
        }
        for q in view.quotes
    ]
    drawn = len(sel.drawn)
    return {
        "title": title,
        "notice": sel.notice(),
        "total": len(view.entities),
        "drawn": drawn,
        "left_out": {"unlinked": sel.unlinked, "beyond_limit": sel.beyond_limit},
        "large": drawn > LARGE_GRAPH,
        "layout": "precomputed" if positions is not None else "physics",
        **_legend(nodes, edges),
        "quote_marks": {lang: list(marks) for lang, marks in quote_marks().items()},
        "articles": articles,
        "nodes": nodes,
        "edges": edges,
        "co_mentions": [[node_index[a], node_index[b], n] for a, b, n in sel.co_mentions],
        "co_mentions_on": sel.co_mentions_connect,
        "quotes": quotes,
        "communities": len(stats.communities),
        "focus": None,
    }


def build_page(
    store: Store,
    *,
    focus: str | None = None,
    depth: int = 1,
    article: str | None = None,
    types: Sequence[str] | None = None,
    predicates: Sequence[str] | None = None,
    max_nodes: int | None = None,
    title: str | None = None,
    co_mentions: bool = False,
    unlinked: bool | None = None,
) -> Page:
    """Read the store, apply the filters, choose what to draw, render the page.

    ``max_nodes`` defaults to ``Settings.html_max_nodes``; 0 draws everything that connects.
    ``co_mentions`` lets entities named together in articles count as connected (the faint
    co-mention layer is then on); ``unlinked`` True draws unlinked entities too, False never,
    None only in small views (:func:`choose`). Raises QueryError for an unknown focus name,
    article, type or predicate.
    """
    limit = Settings().html_max_nodes if max_nodes is None else max_nodes
    full = read_snapshot(store)
    view = select(
        full, focus=focus, depth=depth, article=article, types=types, predicates=predicates
    )
    if not predicates:
        view = replace(view, links=view.links + quote_links(view))
    keep = [find_entity(full, focus).iri] if focus else []
    sel = choose(view, limit=limit, keep=keep, co_mentions=co_mentions, unlinked=unlinked)
    shown = len(sel.drawn)
    layout = _layout_graph(sel)
    stats = analyse(layout, pivots=_view_pivots(shown))
    positions = community_layout(layout, stats.communities) if shown > PRECOMPUTED_LAYOUT else None
    heading = title or _title(full, focus=focus, depth=depth, article=article)
    data = _payload(sel, stats, title=heading, positions=positions)
    if focus:
        # The page opens with the focus entity selected and its details panel open.
        data["focus"] = next((n["id"] for n in data["nodes"] if n["iri"] == keep[0]), None)
    return Page(
        html=_render(data, heading),
        nodes=shown,
        edges=sum(1 for e in data["edges"] if e["drawn"]),
        quotes=len(view.quotes),
        total_nodes=len(view.entities),
        notice=sel.notice(),
        listed=len(view.entities) - shown,
    )


TITLE_MAX = 80
"""Longest article title in the page heading; a first paragraph used as title is cut here."""


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis.

    Example:
        >>> shorten("Ein sehr langer erster Absatz ohne Titel", 20)
        'Ein sehr langer…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


def _title(snapshot: Snapshot, *, focus: str | None, depth: int, article: str | None) -> str:
    parts = ["graphbuild"]
    if focus:
        parts.append(f"around {find_entity(snapshot, focus).label} (depth {depth})")
    if article:
        parts.append(f"article: {shorten(find_article(snapshot, article).title)}")
    return " — ".join(parts)


def _render(data: dict[str, Any], title: str) -> str:
    vis_js, vis_css = _vis_assets()
    app_js = _asset("view.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    page = _asset("view.html")
    # Replace the markers in one pass, so a marker inside inserted content is never expanded.
    parts = {
        "@@CSP@@": html_lib.escape(csp, quote=True),
        "@@TITLE@@": html_lib.escape(title),
        "@@VIS_CSS@@": vis_css,
        "@@APP_CSS@@": _asset("view.css"),
        "@@VIS_JS@@": vis_js,
        "@@DATA@@": script_json(data),
        "@@APP_JS@@": app_js,
    }
    out: list[str] = []
    rest = page
    while True:
        idx = [(rest.find(m), m) for m in parts if rest.find(m) >= 0]
        if not idx:
            out.append(rest)
            break
        pos, marker = min(idx)
        out.append(rest[:pos])
        out.append(parts[marker])
        rest = rest[pos + len(marker) :]
    return "".join(out)


def render_html(store: Store, **filters: Any) -> str:
    """The page as a string (for the SPARQL server to serve); filters as :func:`build_page`."""
    return build_page(store, **filters).html


def write_html(store: Store, path: Path, **filters: Any) -> Path:
    """Write the view of ``store`` to ``path`` atomically; filters as :func:`build_page`.

    Example:
        >>> import tempfile
        >>> p = write_html(Store.open(None), Path(tempfile.mkdtemp()) / "graph.html")
        >>> p.name
        'graph.html'
    """
    page = build_page(store, **filters)
    with atomic_write(path) as fh:
        fh.write(page.html)
    return path
