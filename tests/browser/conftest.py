"""Playwright driving Debian's Chromium against the built site on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

# Chromium's flags for a sandbox with only loopback, the same as the benchmarks'.
from bench.browser import CHROMIUM_ARGS

if TYPE_CHECKING:
    from collections.abc import Iterator

PHONE_VIEWPORT = {"width": 360, "height": 740}
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}


def chromium_path() -> str:
    """Return Debian's Chromium; `make test` installs it with apt-get when it is missing."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(path):
        pytest.fail(f"Chromium not found at {path}; `make test` installs it with apt-get.")
    return path


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Start Playwright once per session."""
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Launch headless Chromium once per session."""
    chromium = playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@dataclass
class PageWatch:
    """What a page did that a reader would never want: console errors, off-site requests."""

    console_errors: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def open_page(
    browser: Browser,
    *,
    abort_offsite: bool = True,
    **context_options: Any,  # noqa: ANN401 - Playwright's own options
) -> tuple[Page, PageWatch]:
    """Open a fresh context and page that records console errors and off-site requests.

    ``context_options`` go to Playwright's ``new_context``: a viewport, JavaScript off, a
    colour scheme. Off-site requests are recorded and aborted, so a test never depends on
    the network. With ``abort_offsite=False`` they are only recorded: Playwright's request
    interception holds up a worker started after the page has loaded (seen with Chromium
    156: its module loads, its own requests never go out), which tests of starting Python
    on a reader's intent need.
    """
    context = browser.new_context(locale="nb-NO", **context_options)
    page = context.new_page()
    watch = PageWatch()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.console_errors.append(message.text)

    def on_request(request: Request) -> None:
        if not _is_local(request.url):
            watch.offsite_requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    context.on("request", on_request)
    if abort_offsite:
        context.route(
            lambda url: not _is_local(url),
            lambda route: route.abort(),
        )
    return page, watch


@pytest.fixture
def desktop(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    """A desktop-sized page; fails the test if it logged errors or left 127.0.0.1."""
    page, watch = open_page(browser, viewport=DESKTOP_VIEWPORT)
    yield page, watch
    page.context.close()
    assert watch.console_errors == []
    assert watch.offsite_requests == []


@pytest.fixture
def phone(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    """A phone-sized page; fails the test if it logged errors or left 127.0.0.1."""
    page, watch = open_page(browser, viewport=PHONE_VIEWPORT)
    yield page, watch
    page.context.close()
    assert watch.console_errors == []
    assert watch.offsite_requests == []
