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
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from graphbuild.analytics import (
    EXACT_BETWEENNESS_MAX,
    Analytics,
    Snapshot,
    analyse,
    community_layout,
    find_article,
    find_entity,
    node_size,
    prune,
    quick_importance,
    read_snapshot,
    select,
)
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
def node_styles() -> dict[str, NodeStyle]:
    """Entity type → style, read from ``assets/node_styles.tsv`` (data, not code)."""
    styles: dict[str, NodeStyle] = {}
    text = (ASSETS / "node_styles.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, shape, color, label = line.split("\t")
        styles[typ] = NodeStyle(typ, shape, color, label)
    return styles


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
    """A rendered view: the HTML and what it shows (for the CLI's one-line summary)."""

    html: str
    nodes: int
    edges: int
    quotes: int
    total_nodes: int
    notice: str | None = None


def _payload(
    view: Snapshot,
    stats: Analytics,
    *,
    title: str,
    notice: str | None,
    total: int,
    positions: dict[str, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    styles = node_styles()
    article_index = {iri: i for i, iri in enumerate(sorted(view.articles))}
    articles = [
        {
            "id": view.articles[iri].id,
            "title": view.articles[iri].title,
            "url": _safe_url(view.articles[iri].url),
            "date": view.articles[iri].date,
        }
        for iri in sorted(view.articles)
    ]
    node_index = {iri: i for i, iri in enumerate(view.entities)}
    top = max(stats.importance.values(), default=0.0)
    quotes_of: dict[str, list[int]] = defaultdict(list)
    quotes = []
    for qi, q in enumerate(view.quotes):
        if q.speaker is not None:
            quotes_of[q.speaker].append(qi)
        quotes.append(
            {
                "text": q.text,
                "kind": q.kind,
                "speaker": node_index.get(q.speaker) if q.speaker else None,
                "cue": q.cue,
                "sentence": q.sentence,
                "articles": [article_index[a] for a in q.articles if a in article_index],
                "addressee": node_index.get(q.addressee) if q.addressee else None,
            }
        )
    nodes = []
    for iri, e in view.entities.items():
        style = styles.get(e.type, styles["Thing"])
        importance = stats.importance.get(iri, 0.0)
        nodes.append(
            {
                "id": node_index[iri],
                "iri": iri,
                "label": e.label,
                "type": style.type,
                "value": round(node_size(importance, top), 2),
                "importance": round(importance, 2),
                "aliases": list(e.aliases),
                "positions": list(e.positions),
                "articles": [article_index[a] for a in e.articles if a in article_index],
                "community": stats.community_of.get(iri, 0),
                "degree": stats.degree.get(iri, 0),
                "betweenness": round(stats.betweenness.get(iri, 0.0), 4),
                "quotes": quotes_of.get(iri, []),
            }
        )
        if positions is not None and iri in positions:
            nodes[-1]["x"], nodes[-1]["y"] = positions[iri]
    pair_count: dict[frozenset[str], int] = defaultdict(int)
    edges = []
    for i, lk in enumerate(view.links):
        pair = frozenset((lk.subject, lk.object))
        k = pair_count[pair]
        pair_count[pair] += 1
        edges.append(
            {
                "id": i,
                "from": node_index[lk.subject],
                "to": node_index[lk.object],
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
    type_counts: dict[str, int] = defaultdict(int)
    for n in nodes:
        type_counts[str(n["type"])] += 1
    pred_counts: dict[str, int] = defaultdict(int)
    directed: dict[str, bool] = {}
    for ed in edges:
        pred_counts[str(ed["predicate"])] += 1
        directed[str(ed["predicate"])] = bool(ed["directed"])
    return {
        "title": title,
        "notice": notice,
        "total": total,
        "large": len(nodes) > LARGE_GRAPH,
        "layout": "precomputed" if positions is not None else "physics",
        "types": [
            {
                "name": s.type,
                "label": s.label,
                "shape": s.shape,
                "color": s.color,
                "count": type_counts.get(s.type, 0),
            }
            for s in styles.values()
        ],
        "predicates": [
            {
                "name": p,
                "label": _predicate_label(p),
                "directed": directed[p],
                "count": pred_counts[p],
            }
            for p in sorted(pred_counts)
        ],
        "articles": articles,
        "nodes": nodes,
        "edges": edges,
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
) -> Page:
    """Read the store, apply the filters, prune by importance, render the page.

    ``max_nodes`` defaults to ``Settings.html_max_nodes``; 0 shows everything. Raises
    QueryError for an unknown focus name, article, type or predicate.
    """
    limit = Settings().html_max_nodes if max_nodes is None else max_nodes
    full = read_snapshot(store)
    view = select(
        full, focus=focus, depth=depth, article=article, types=types, predicates=predicates
    )
    total = len(view.entities)
    notice = None
    if 0 < limit < total:
        # Prune on the linear-time importance first; betweenness and Louvain then run on
        # what is shown (they are what makes 10,000 nodes slow).
        keep = [find_entity(full, focus).iri] if focus else []
        view = prune(view, quick_importance(view), limit, keep=keep)
        notice = (
            f"Showing the {len(view.entities):,} most important of {total:,} entities "
            "(importance = articles + quotes + links). Narrow the view with "
            "--focus, --article or --types, or raise html_max_nodes to see more."
        )
    shown = len(view.entities)
    stats = analyse(view, pivots=_view_pivots(shown))
    positions = community_layout(view, stats.communities) if shown > PRECOMPUTED_LAYOUT else None
    heading = title or _title(full, focus=focus, depth=depth, article=article)
    data = _payload(view, stats, title=heading, notice=notice, total=total, positions=positions)
    if focus:
        # The page opens with the focus entity selected and its details panel open.
        focus_iri = find_entity(full, focus).iri
        data["focus"] = next((n["id"] for n in data["nodes"] if n["iri"] == focus_iri), None)
    return Page(
        html=_render(data, heading),
        nodes=len(view.entities),
        edges=len(view.links),
        quotes=len(view.quotes),
        total_nodes=total,
        notice=notice,
    )


def _title(snapshot: Snapshot, *, focus: str | None, depth: int, article: str | None) -> str:
    parts = ["graphbuild"]
    if focus:
        parts.append(f"around {find_entity(snapshot, focus).label} (depth {depth})")
    if article:
        parts.append(f"article: {find_article(snapshot, article).title}")
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
