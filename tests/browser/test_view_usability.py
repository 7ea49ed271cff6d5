"""The graph view in chromium: filters keep the layout, the panel leaves the node visible,
phones get a drawer, long titles are cut, quotation marks follow the language, and a
1,000-article corpus draws a graph rather than a grid of unlinked dots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import ARTIFACTS, Visit
from browser.stores import (
    LONG_TITLE,
    bilingual_resolutions,
    news_resolutions,
    sample_resolutions,
    store_of,
)
from graphbuild.export.html import build_page, write_html

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(store_of(sample_resolutions()), tmp_path_factory.mktemp("u") / "g.html")


@pytest.fixture(scope="module")
def bilingual_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(store_of(bilingual_resolutions()), tmp_path_factory.mktemp("b") / "b.html")


def node_id(v: Visit, label: str) -> int:
    return int(v.js(f"graphView.data.nodes.find(n => n.label === {label!r}).id"))


def node_on_page(v: Visit, label: str) -> dict[str, float]:
    """Where the node is drawn, in page coordinates."""
    pos = v.js(f"graphView.network.canvasToDOM(graphView.network.getPosition({node_id(v, label)}))")
    box = v.page.locator("#network").bounding_box()
    return {"x": box["x"] + pos["x"], "y": box["y"] + pos["y"]}


def inside(point: dict[str, float], box: dict[str, float]) -> bool:
    return (
        box["x"] <= point["x"] <= box["x"] + box["width"]
        and box["y"] <= point["y"] <= box["y"] + box["height"]
    )


def positions(v: Visit) -> dict[str, Any]:
    return v.js("graphView.network.getPositions()")  # type: ignore[no-any-return]


def test_view_hiding_a_type_and_showing_it_again_keeps_positions(
    visit: Callable[..., Visit], sample_html: Path
) -> None:
    v = visit(sample_html)
    before = positions(v)
    for filter_ in ("#type-filters input[value='Person']", "#type-filters input[value='Event']"):
        v.page.locator(filter_).uncheck()
        v.page.locator(filter_).check()
    v.page.select_option("#article-filter", label="Gipfel von Genf beginnt")
    v.page.select_option("#article-filter", value="")
    after = positions(v)
    assert after.keys() == before.keys() and len(after) == 7
    for k, p in before.items():
        assert abs(after[k]["x"] - p["x"]) < 1 and abs(after[k]["y"] - p["y"]) < 1, k


def _click_where_the_panel_opens(v: Visit, label: str, x: float, y: float) -> None:
    """Pan so ``label`` is drawn at page (x, y), where the panel will open, and click it."""
    at = node_on_page(v, label)
    scale = v.js("graphView.network.getScale()")
    v.js(
        "(([dx, dy]) => { const c = graphView.network.getViewPosition();"
        " graphView.network.moveTo({position: {x: c.x + dx, y: c.y + dy}}); })"
        f"([{(at['x'] - x) / scale}, {(at['y'] - y) / scale}])"
    )
    at = node_on_page(v, label)
    assert abs(at["x"] - x) < 2 and abs(at["y"] - y) < 2
    v.page.mouse.click(at["x"], at["y"])
    v.page.locator("#details").wait_for(state="visible", timeout=3000)
    v.page.wait_for_timeout(700)  # the pan is animated (300 ms)


@pytest.mark.parametrize("phone", [False, True])
def test_view_details_panel_does_not_cover_the_clicked_node(
    visit: Callable[..., Visit], sample_html: Path, phone: bool
) -> None:
    v = visit(sample_html, **(PHONE if phone else {}))
    # Where the panel opens: the right side on a desktop, the bottom sheet on a phone.
    x, y = (195.0, 740.0) if phone else (1300.0, 425.0)
    _click_where_the_panel_opens(v, "Ostbank", x, y)
    assert v.page.locator("#details h2").inner_text() == "Ostbank"
    panel = v.page.locator("#details").bounding_box()
    assert not inside(node_on_page(v, "Ostbank"), panel)
    assert inside({"x": x, "y": y}, panel)  # the panel is where the node was


def test_view_phone_width_keeps_the_graph_usable(
    visit: Callable[..., Visit], sample_html: Path
) -> None:
    v = visit(sample_html, **PHONE)
    stage = v.page.locator("#network").bounding_box()
    assert stage["width"] >= 0.95 * PHONE["width"] and stage["height"] >= 0.95 * PHONE["height"]
    assert not v.page.locator("#sidebar").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "graph-view-phone.png"))
    v.page.click("#side-toggle")
    side = v.page.locator("#sidebar").bounding_box()
    assert v.page.locator("#sidebar").is_visible() and side["width"] <= 0.9 * PHONE["width"]
    v.page.fill("#search", "webe")
    v.page.keyboard.press("Enter")
    v.page.locator("#details").wait_for(state="visible", timeout=3000)
    assert not v.page.locator("#sidebar").is_visible()  # the drawer closed on choosing
    assert v.page.locator("#details h2").inner_text() == "Jonas Weber"
    sheet = v.page.locator("#details").bounding_box()
    assert sheet["y"] > 0.4 * PHONE["height"]  # a sheet at the bottom, not a full page
    v.page.wait_for_timeout(500)
    assert not inside(node_on_page(v, "Jonas Weber"), sheet)
    v.page.screenshot(path=str(ARTIFACTS / "graph-view-phone-details.png"))


def test_view_long_titles_are_cut_with_the_full_text_at_hand(
    visit: Callable[..., Visit], bilingual_html: Path
) -> None:
    v = visit(bilingual_html)
    option = v.page.locator("#article-filter option", has_text="The talks")
    assert len(option.inner_text()) <= 80 and option.inner_text().endswith("…")
    assert option.get_attribute("title") == LONG_TITLE
    v.js(f"graphView.focusNode({node_id(v, 'Anna Berg')})")
    ref = v.page.locator("#details a[href='https://news.example.org/en']").first
    assert len(ref.inner_text()) <= 90 and ref.get_attribute("title") == LONG_TITLE
    v.page.locator("#details button.more").first.click()
    assert LONG_TITLE in v.page.locator("#details").inner_text()


def test_view_cue_words_get_the_quotation_marks_of_their_language(
    visit: Callable[..., Visit], bilingual_html: Path
) -> None:
    v = visit(bilingual_html)
    v.js(f"graphView.focusNode({node_id(v, 'Anna Berg')})")
    english = v.page.locator("#details").inner_text()
    assert "cue “said”" in english and "„said“" not in english
    v.js(f"graphView.focusNode({node_id(v, 'Jonas Weber')})")
    assert "cue „sagte“" in v.page.locator("#details").inner_text()


# A corpus shaped like 1,000 news articles: ~4,300 entities, ~280 links.
@pytest.fixture(scope="module")
def corpus_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = build_page(store_of(news_resolutions(1000)))
    path = tmp_path_factory.mktemp("corpus") / "corpus.html"
    path.write_text(page.html, encoding="utf-8")
    return path


LINKED_SHARE = """(() => {
  const body = graphView.network.body, linked = new Set();
  body.edgeIndices.forEach(id => { linked.add(body.edges[id].fromId); linked.add(body.edges[id].toId); });
  return [body.nodeIndices.length, body.nodeIndices.filter(id => linked.has(id)).length];
})()"""


def test_view_corpus_of_1000_articles_draws_a_connected_graph(
    visit: Callable[..., Visit], corpus_html: Path
) -> None:
    v = visit(corpus_html)
    drawn, linked = v.js(LINKED_SHARE)
    total = v.js("graphView.data.nodes.length")
    assert total > 3000 and drawn >= 100
    assert linked >= 0.9 * drawn, f"{linked} of {drawn} drawn nodes have a link"
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "graph-view-corpus.png"))
    # The page says what it left out, and the numbers add up.
    left = v.js("graphView.data.left_out")
    notice = v.page.locator("#notice").inner_text()
    assert f"Drawn: {drawn:,} of {total:,}" in notice
    assert f"{left['unlinked']:,} without a link" in notice
    assert drawn + left["unlinked"] + left["beyond_limit"] == total
    assert v.page.locator("#left-out-count").inner_text() == f"{total - drawn:,}"
    # An entity named in one article only is in the list, found by its filter...
    once = v.js("graphView.data.nodes.find(n => !n.drawn && n.articles.length === 1).label")
    v.page.fill("#left-out-search", once.lower())
    v.page.locator("#left-out-list li", has_text=once).first.click()
    assert v.page.locator("#details h2").inner_text() == once
    assert "not drawn (no link)" in v.page.locator("#details").inner_text()
    # ...and by the main search, marked as not drawn.
    v.page.fill("#search", once)
    assert "not drawn" in v.page.locator("#search-results li").first.inner_text()
    # Colouring by community recolours the drawn nodes and adds none.
    v.page.check("#color-community")
    assert v.js("graphView.nodes.length") == drawn
    # Co-mentions are a faint layer, off by default.
    links = v.js("graphView.edgeView.length")
    v.page.check("#co-mentions")
    assert v.js("graphView.edgeView.length") > links
    v.page.uncheck("#co-mentions")
    assert v.js("graphView.edgeView.length") == links


def test_view_corpus_on_a_phone(visit: Callable[..., Visit], corpus_html: Path) -> None:
    v = visit(corpus_html, **PHONE)
    drawn, linked = v.js(LINKED_SHARE)
    assert linked >= 0.9 * drawn
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "graph-view-corpus-phone.png"))
