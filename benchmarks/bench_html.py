"""HTML view benchmark: generation time and time-to-drawn in headless Chromium.

For 100, 1,000 and 10,000 entities it builds a synthetic store (hand-made resolutions mapped
with ``to_quads``, as ``build`` does; preferential attachment, so a few hubs and a long tail,
like news), then measures

- ``generate``: ``build_page`` (read the store, analytics, render) in seconds;
- ``drawn``: from navigation start to the first frame drawn after the layout settled
  (``graphView.drawnAt``, read from the page), in Debian's chromium via Playwright;
- the same for the unpruned page (``max_nodes=0``) where the default prunes.

Run: ``.venv/bin/python benchmarks/bench_html.py [--sizes 100,1000,10000] [--write]``;
``--write`` replaces the "## HTML view" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from graphbuild.config import Settings
from graphbuild.export.html import build_page
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.types import (
    PREDICATES,
    Article,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Quote,
    Relation,
    Resolution,
    Sentence,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from report import write_section  # noqa: E402  (benchmarks/report.py: one section per benchmark)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TYPES: list[EntityType] = ["Person"] * 6 + ["Country"] + ["Organization"] * 2 + ["Location"]


def synthetic_resolutions(n: int, per_article: int = 25, seed: int = 1) -> list[Resolution]:
    """About ``n`` entities in ``n / per_article`` articles, ~2 links per entity, some quotes."""
    rng = random.Random(seed)
    preds = sorted(PREDICATES)
    entities = [
        Entity(
            f"e{i}",
            f"Entity {i}",
            TYPES[i % len(TYPES)],
            (f"E{i}",),
            ("Rolle",) if i % 7 == 0 else (),
        )
        for i in range(n)
    ]
    degree = [1] * n
    out: list[Resolution] = []
    for a in range(max(1, n // per_article)):
        fresh = list(range(a * per_article, min(n, (a + 1) * per_article)))
        hubs = rng.choices(range(n), weights=degree, k=5)
        members = list(dict.fromkeys(fresh + hubs))
        parts: list[str] = []
        sentences: list[Sentence] = []
        mentions: dict[int, Mention] = {}
        relations: list[Relation] = []
        quotes: list[Quote] = []
        pos = 0

        def add(text: str, parts: list[str] = parts) -> tuple[int, int]:
            nonlocal pos
            start = pos
            parts.append(text)
            pos += len(text) + 1
            return start, start + len(text)

        for k, i in enumerate(members):
            j = members[rng.randrange(len(members))]
            if j == i:
                continue
            s, e = add(f"{entities[i].name} trifft {entities[j].name}.")
            sent = len(sentences)
            sentences.append(Sentence(s, e))
            mi = Mention(s, s + len(entities[i].name), entities[i].name, "PER", sent=sent)
            oj_start = s + len(entities[i].name) + len(" trifft ")
            mj = Mention(
                oj_start, oj_start + len(entities[j].name), entities[j].name, "PER", sent=sent
            )
            mentions[id(mi)], mentions[id(mj)] = mi, mj
            relations.append(
                Relation(
                    mi,
                    preds[(i + j) % len(preds)],
                    mj,
                    s,
                    e,
                    evidence="",
                    sent=sent,
                    rule="synthetic",
                )
            )
            degree[i] += 1
            degree[j] += 1
            if entities[i].type == "Person" and k % 3 == 0:
                qs, qe = add(f"„Aussage {a}-{k}“, sagte {entities[i].name}.")
                qsent = len(sentences)
                sentences.append(Sentence(qs, qe))
                sp = Mention(
                    qe - len(entities[i].name) - 1, qe - 1, entities[i].name, "PER", sent=qsent
                )
                mentions[id(sp)] = sp
                quotes.append(
                    Quote(
                        qs + 1,
                        qs + 1 + len(f"Aussage {a}-{k}"),
                        f"Aussage {a}-{k}",
                        "direct",
                        sp,
                        sent=qsent,
                    )
                )
        text = " ".join(parts)
        article = Article(
            id=f"synthetic-{a}",
            lang="de",
            title=f"Artikel {a}",
            text=text,
            url=f"https://news.example.org/{a}",
        )
        ms = tuple(mentions.values())
        entity_of = {m: f"e{int(m.text.split()[-1])}" for m in ms}
        used = set(entity_of.values())
        out.append(
            Resolution(
                Extraction(article, tuple(sentences), ms, tuple(quotes), tuple(relations)),
                tuple(e for e in entities if e.id in used),
                entity_of,
            )
        )
    return out


def synthetic_store(n: int) -> Store:
    store = Store.open(None)
    for res in synthetic_resolutions(n):
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return store


def time_to_drawn(path: Path, timeout_s: float = 120.0) -> tuple[float, int, int]:
    """Seconds from navigation start to the first frame after layout; nodes and edges shown."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.resolve().as_uri())
        # Poll with evaluate: wait_for_function evaluates strings, which the page's CSP forbids.
        deadline = time.monotonic() + timeout_s
        while not page.evaluate("!!(window.graphView && window.graphView.drawnAt !== null)"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path}: not drawn within {timeout_s} s")
            page.wait_for_timeout(20)
        drawn_ms, nodes, edges = page.evaluate(
            "[graphView.drawnAt, graphView.nodeView.length, graphView.edgeView.length]"
        )
        browser.close()
    return drawn_ms / 1000.0, nodes, edges


def run(sizes: list[int], repeat: int = 2) -> list[dict[str, object]]:
    """Best of ``repeat`` runs per size and variant (the machine is shared; minima are stable)."""
    rows: list[dict[str, object]] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-html-"))
    for n in sizes:
        store = synthetic_store(n)
        variants = [("default", None)]
        if n > Settings().html_max_nodes:
            variants.append(("unpruned", 0))
        for name, max_nodes in variants:
            gens, draws = [], []
            for _ in range(repeat):
                t0 = time.perf_counter()
                page = build_page(store, max_nodes=max_nodes)
                gens.append(time.perf_counter() - t0)
                path = tmp / f"view-{n}-{name}.html"
                path.write_text(page.html, encoding="utf-8")
                drawn, nodes, edges = time_to_drawn(path)
                draws.append(drawn)
            gen, drawn = min(gens), min(draws)
            row = {
                "entities": page.total_nodes,
                "variant": name,
                "shown": nodes,
                "links": edges,
                "size_mb": round(len(page.html.encode()) / 1e6, 2),
                "generate_s": round(gen, 2),
                "drawn_s": round(drawn, 2),
                "load": round(os.getloadavg()[0], 1),
            }
            print(row, flush=True)
            rows.append(row)
    return rows


def markdown(rows: list[dict[str, object]], repeat: int = 2) -> str:
    lines = [
        "## HTML view",
        "",
        "`benchmarks/bench_html.py`: synthetic graphs (preferential attachment, ~2 links per "
        "entity, quotes for a third of the people); *generate* = `build_page` (read store, "
        "analytics, render), *drawn* = navigation start → first frame after the layout settled "
        "in headless Debian chromium (Playwright), physics then off. *default* prunes to "
        f"`html_max_nodes` = {Settings().html_max_nodes} most important entities and says so "
        "on the page; *unpruned* is `max_nodes=0`. Target: 10,000-node page drawn in < 5 s.",
        "",
        f"Machine: {platform.machine()}, 2 cores, Python {platform.python_version()}, "
        f"measured {time.strftime('%Y-%m-%d')}; best of {repeat} runs. The machine was shared "
        "with other jobs (1-minute load average in the last column; 2 is a full machine), so "
        "times are upper bounds.",
        "",
        "| entities | variant | shown nodes | shown links | page MB | generate s | drawn s "
        "| load avg |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['entities']:,} | {r['variant']} | {r['shown']:,} | {r['links']:,} | "
            f"{r['size_mb']} | {r['generate_s']} | {r['drawn_s']} | {r['load']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--repeat", type=int, default=2, help="runs per case; the best counts")
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args()
    rows = run([int(s) for s in args.sizes.split(",")], args.repeat)
    text = markdown(rows, args.repeat)
    print(text)
    if args.write:
        write_section(ROOT / "docs" / "benchmarks.md", "## HTML view", text)


if __name__ == "__main__":
    main()
