"""Playwright on Debian's chromium: one browser per session, pages that record what happens.

Never ``playwright install``: the system chromium is used (scripts/test.sh installs it).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("GRAPHBUILD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
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
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


@dataclass
class Visit:
    """A loaded page and everything it did: console messages, requests, dialogs."""

    page: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def wait_drawn(self, timeout_s: float = 30.0) -> None:
        """Poll until the view has drawn its first frame after layout.

        ``page.wait_for_function`` evaluates a string, which the page's CSP forbids.
        """
        deadline = time.monotonic() + timeout_s
        while not self.page.evaluate("!!(window.graphView && window.graphView.drawnAt !== null)"):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"graph not drawn within {timeout_s} s; console: {self.console}"
                )
            self.page.wait_for_timeout(25)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}; apt-get install chromium (scripts/test.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    """``visit(path, bypass_csp=False, width=1400, height=850)`` opens a file in a fresh
    context (a phone with ``width=390, height=844``) and records events."""
    contexts: list[Any] = []

    def open_page(
        path: Path, bypass_csp: bool = False, width: int = 1400, height: int = 850
    ) -> Visit:
        ctx = browser.new_context(
            viewport={"width": width, "height": height}, bypass_csp=bypass_csp
        )
        contexts.append(ctx)
        page = ctx.new_page()
        v = Visit(page)
        page.on("console", lambda m: v.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: v.console.append(("pageerror", str(e))))
        page.on("request", lambda r: v.requests.append(r.url))
        page.on("dialog", lambda d: (v.dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        v.wait_drawn()
        return v

    yield open_page
    for ctx in contexts:
        ctx.close()
