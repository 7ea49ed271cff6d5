"""The graph view in a real browser: offline, counts, details, search, filters, XSS, size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from browser.conftest import ARTIFACTS, Visit
from browser.stores import (
    XSS_NAME,
    crowd_resolutions,
    sample_resolutions,
    store_of,
    xss_resolutions,
)
from graphbuild.export.html import write_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(
        store_of(sample_resolutions()), tmp_path_factory.mktemp("view") / "graph.html"
    )


def click_node(v: Visit, label: str) -> None:
    """Click the node drawn for ``label`` at its position on the canvas."""
    pos = v.js(
        "(label => { const n = graphView.data.nodes.find(n => n.label === label);"
        " return graphView.network.canvasToDOM(graphView.network.getPosition(n.id)); })"
        f"({label!r})"
    )
    box = v.page.locator("#network").bounding_box()
    v.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def test_html_browser_loads_offline_without_errors(
    visit: Callable[..., Visit], sample_html: Path
) -> None:
    v = visit(sample_html)
    assert v.console == [] or all(t not in {"error", "pageerror"} for t, _ in v.console), v.console
    assert v.requests, "no request recorded at all"
    assert all(r.startswith(("file:", "data:")) for r in v.requests), v.requests
    # The rendered network holds every entity and link.
    assert v.js("graphView.nodes.length") == 7
    assert v.js("graphView.edges.get({filter: e => e.kind === 'link'}).length") == 7
    assert v.js("graphView.network.body.nodeIndices.length") == 7
    assert v.js("graphView.network.body.edgeIndices.length") == 7
    arrows = v.js("graphView.edges.get().map(e => [e.label, e.arrows])")
    assert ["meets with", ""] in arrows and ["criticizes", "to"] in arrows
    assert v.page.locator("#type-filters label").count() == 5  # legend: the 5 types present
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "graph-view.png"))


def test_html_browser_click_shows_details(visit: Callable[..., Visit], sample_html: Path) -> None:
    v = visit(sample_html)
    click_node(v, "Anna Berg")
    details = v.page.locator("#details")
    details.wait_for(state="visible", timeout=3000)
    assert details.locator("h2").inner_text() == "Anna Berg"
    text = details.inner_text()
    assert "Außenministerin" in text and "Berg" in text
    assert "Wir sind nah an einer Einigung" in text and "Es gibt Fortschritte" in text
    assert "Treffen in Genf" in text  # article title...
    assert details.locator("a[href='https://news.example.org/one']").count() >= 1  # ...and link
    assert "criticizes" in text and "Ostbank" in text
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "graph-view-details.png"))


def test_html_browser_search_finds_by_alias(visit: Callable[..., Visit], sample_html: Path) -> None:
    v = visit(sample_html)
    v.page.fill("#search", "webe")
    results = v.page.locator("#search-results li")
    assert results.first.inner_text().startswith("Jonas Weber")
    v.page.keyboard.press("Enter")
    v.page.locator("#details").wait_for(state="visible", timeout=3000)
    assert v.page.locator("#details h2").inner_text() == "Jonas Weber"
    selected = v.js("graphView.network.getSelectedNodes()")
    assert selected == [v.js("graphView.data.nodes.find(n => n.label === 'Jonas Weber').id")]
    v.page.fill("#search", "zzz")
    assert v.page.locator("#search-results li").first.inner_text() == "no match"


def test_html_browser_filters(visit: Callable[..., Visit], sample_html: Path) -> None:
    v = visit(sample_html)
    v.page.locator("#type-filters input[value='Person']").uncheck()
    assert v.js("graphView.nodeView.length") == 5
    assert v.js("graphView.edgeView.length") == 1  # only Freedonia–Sylvania remains
    v.page.locator("#type-filters input[value='Person']").check()
    v.page.locator("#predicate-filters input[value='affiliation']").uncheck()
    assert v.js("graphView.edgeView.length") == 5
    v.page.select_option("#article-filter", label="Gipfel von Genf beginnt")
    assert v.js("graphView.nodeView.length") == 3  # Anna, Jonas, the summit
    v.page.check("#show-quotes")
    assert v.js("graphView.nodeView.get().filter(n => n.kind === 'quote').length") == 2


def test_html_browser_hostile_names_run_nothing(
    visit: Callable[..., Visit], tmp_path: Path
) -> None:
    path = write_html(store_of(xss_resolutions()), tmp_path / "xss.html")
    # Without the CSP too: escaping alone must hold.
    for bypass in (False, True):
        v = visit(path, bypass_csp=bypass)
        click_node(v, XSS_NAME)
        v.page.locator("#details").wait_for(state="visible", timeout=3000)
        v.page.fill("#search", "img")
        v.page.check("#show-quotes")
        v.page.wait_for_timeout(300)
        assert v.dialogs == []
        assert v.page.locator("#details h2").inner_text() == XSS_NAME
        assert v.js("document.querySelectorAll('img, svg').length") == 0
        assert v.js("[...document.querySelectorAll('a')].filter(a => a.href).length") == 0
        assert v.js("document.title") == "graphbuild"
        assert all(r.startswith(("file:", "data:")) for r in v.requests), v.requests


def test_html_browser_large_view_settles(visit: Callable[..., Visit], tmp_path: Path) -> None:
    path = write_html(store_of(crowd_resolutions(400)), tmp_path / "big.html", max_nodes=300)
    v = visit(path)
    assert v.js("graphView.nodeView.length") == 300
    notice = v.page.locator("#notice").inner_text()
    assert "Drawn: 300 of 400" in notice and "100 linked beyond the limit of 300" in notice
    assert v.js("graphView.network.physics.physicsEnabled") is False
    # It still responds: search and focus work.
    v.page.fill("#search", "Member 0")
    v.page.keyboard.press("Enter")
    assert v.page.locator("#details h2").inner_text() == "Member 0"


def test_html_browser_ego_view_opens_on_focus(visit: Callable[..., Visit], tmp_path: Path) -> None:
    store = store_of(sample_resolutions())
    v = visit(write_html(store, tmp_path / "ego.html", focus="Weber", depth=1))
    assert v.js("graphView.nodeView.length") == 4  # Jonas, Anna, Sylvania, the summit
    assert v.page.locator("#details h2").inner_text() == "Jonas Weber"
    assert v.js("graphView.network.getSelectedNodes().length") == 1
