"""Playwright driving Debian's Chromium against the built site on 127.0.0.1.

Pages come from fixtures that watch them: whatever a test opens, a console error, an uncaught
exception or a request that leaves 127.0.0.1 fails it, checked once when it ends.

- ``desktop`` and ``phone`` are new pages in a warm context, one per size for the session:
  Python has started there once and left its memory snapshot and the service worker's
  copies, so a page starts Python in about a second instead of several. For every test
  that is not about a first visit; ``warm_page(viewport)`` gives either, for tests
  parametrised by size. Each test's pages close, and localStorage is cleared, when it ends.
- ``new_page`` opens a fresh context, as a first visit gets it: for tests of cold starts,
  caches, the service worker, offline use, broken downloads and the browser's storage, and
  for any context option (JavaScript off) or route a test needs. ``python_blocked=True``
  gives the page a worker that never starts Python, for tests of layout alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Route,
    ViewportSize,
    WebError,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

# Chromium's flags for a sandbox with only loopback, the same as the benchmarks'.
from bench.browser import CHROMIUM_ARGS
from tests.browser.helpers import calculator_pages, wait_until_calculators_ready

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.conftest import BuiltSite

PHONE_VIEWPORT = {"width": 360, "height": 740}
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
#: Granted in the warm contexts: share buttons copy their link.
CLIPBOARD = ["clipboard-read", "clipboard-write"]
#: The worker script, by the name the page asks for (the runtime folder rides in its query).
WORKER_SCRIPT = "**/calculator-worker.mjs*"
#: How long the warm-up waits for the memory snapshot and the service worker's copies.
WARM_UP_TIMEOUT_S = 30

# Whether the first visit has left what a repeat visit starts from: the memory snapshot in
# the site's cache and an active service worker.
_WARM = """async (siteUrl) => {
    const names = globalThis.calculatorNames;
    const folder = document.querySelector('meta[name="calculators-runtime"]')?.content;
    if (!names || !folder) return true;
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.active?.state !== "activated") return false;
    const cache = await caches.open(names.cache);
    return (await cache.match(new URL(folder + names.snapshot, siteUrl).href)) !== undefined;
}"""


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
    """What a test's pages did that a reader would never want.

    ``console_errors`` holds console errors and uncaught exceptions, ``uncaught`` the
    exceptions alone, ``offsite_requests`` every request that left 127.0.0.1. The fixture
    that opened the page fails the test on any of them, except console errors after
    :meth:`expect_console_errors`.
    """

    console_errors: list[str] = field(default_factory=list)
    uncaught: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)
    console_errors_expected: str = ""

    def expect_console_errors(self, why: str) -> None:
        """Let the browser log errors (a download broken on purpose); nothing may escape."""
        self.console_errors_expected = why

    def check(self) -> None:
        """Fail unless the pages stayed on 127.0.0.1, threw nothing and (unless expected)
        logged no error."""
        assert self.offsite_requests == []
        assert self.uncaught == []
        if not self.console_errors_expected:
            assert self.console_errors == []


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


class WatchedContext:
    """A browser context whose pages report to the watch of the test using it."""

    def __init__(self, context: BrowserContext, *, abort_offsite: bool = True) -> None:
        """Listen to every page of ``context``, now and later; abort off-site requests.

        With ``abort_offsite=False`` off-site requests are only recorded: Playwright's
        request interception holds up a worker started after the page has loaded (seen with
        Chromium 156: its module loads, its own requests never go out), which tests of
        starting Python on a reader's intent need.
        """
        self.context = context
        self.watch = PageWatch()
        context.on("console", self._on_console)
        context.on("weberror", self._on_error)
        context.on("request", self._on_request)
        if abort_offsite:
            context.route(lambda url: not _is_local(url), lambda route: route.abort())

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.watch.console_errors.append(message.text)

    def _on_error(self, error: WebError) -> None:
        self.watch.console_errors.append(str(error.error))
        self.watch.uncaught.append(str(error.error))

    def _on_request(self, request: Request) -> None:
        if not _is_local(request.url):
            self.watch.offsite_requests.append(request.url)

    def new_page(self) -> tuple[Page, PageWatch]:
        """A new page, watched by a new watch (the context's earlier pages are done)."""
        self.watch = PageWatch()
        return self.context.new_page(), self.watch


def _silent_worker(route: Route) -> None:
    """A worker script that loads and never answers: no Python, no download, nothing logged."""
    route.fulfill(status=200, content_type="text/javascript", body="")


class NewPage(Protocol):
    """The ``new_page`` fixture: opens a fresh context and its page."""

    def __call__(
        self,
        *,
        abort_offsite: bool = True,
        python_blocked: bool = False,
        **context_options: Any,  # noqa: ANN401 - Playwright's own options
    ) -> tuple[Page, PageWatch]:
        """Open a fresh, watched context and page; see the module's docstring."""
        ...


@pytest.fixture
def new_page(browser: Browser) -> Iterator[NewPage]:
    """Fresh contexts, as a first visit; closed and checked when the test ends."""
    opened: list[tuple[Page, PageWatch]] = []

    def open_fresh(
        *,
        abort_offsite: bool = True,
        python_blocked: bool = False,
        **context_options: Any,  # noqa: ANN401 - Playwright's own options
    ) -> tuple[Page, PageWatch]:
        watched = WatchedContext(
            browser.new_context(locale="nb-NO", **context_options), abort_offsite=abort_offsite
        )
        page, watch = watched.new_page()
        if python_blocked:
            page.context.route(WORKER_SCRIPT, _silent_worker)
        opened.append((page, watch))
        return page, watch

    yield open_fresh
    for page, _ in opened:
        page.context.close()
    for _, watch in opened:
        watch.check()


class WarmContext(WatchedContext):
    """A context where Python has started once, left its snapshot, and the service worker."""

    def __init__(
        self, browser: Browser, viewport: dict[str, int], site_url: str, path: str
    ) -> None:
        """Open the context and visit ``path`` (a calculator page) until the visit is kept."""
        size = ViewportSize(width=viewport["width"], height=viewport["height"])
        super().__init__(browser.new_context(locale="nb-NO", viewport=size, permissions=CLIPBOARD))
        page, watch = self.new_page()
        page.goto(site_url + path)
        wait_until_calculators_ready(page)
        deadline = time.monotonic() + WARM_UP_TIMEOUT_S
        # Only a head start: a test in this context works from a cold start too.
        while not page.evaluate(_WARM, site_url) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        self._close_pages()
        watch.check()

    def page_for_test(self) -> Iterator[tuple[Page, PageWatch]]:
        """A new page for one test; afterwards its pages close and its storage is cleared."""
        page, watch = self.new_page()
        yield page, watch
        self._close_pages()
        watch.check()

    def _close_pages(self) -> None:
        """Close every page, clearing localStorage first.

        Material keeps the palette there from a first visit on: the next test starts with
        the palette its own colour scheme gives, as a first visit would.
        """
        for opened in self.context.pages:
            # A page that is not the site's (about:blank) has no storage of ours.
            with contextlib.suppress(PlaywrightError):
                opened.evaluate("() => localStorage.clear()")
            opened.close()


def _warm_context(
    browser: Browser, built_site: BuiltSite, site_url: str, viewport: dict[str, int]
) -> Iterator[WarmContext]:
    path = next(iter(sorted(calculator_pages(built_site).values()))) + "/"
    warm = WarmContext(browser, viewport, site_url, path)
    yield warm
    warm.context.close()


@pytest.fixture(scope="session")
def warm_desktop(browser: Browser, built_site: BuiltSite, site_url: str) -> Iterator[WarmContext]:
    """The session's warm desktop-sized context."""
    yield from _warm_context(browser, built_site, site_url, DESKTOP_VIEWPORT)


@pytest.fixture(scope="session")
def warm_phone(browser: Browser, built_site: BuiltSite, site_url: str) -> Iterator[WarmContext]:
    """The session's warm phone-sized context."""
    yield from _warm_context(browser, built_site, site_url, PHONE_VIEWPORT)


@pytest.fixture
def desktop(warm_desktop: WarmContext) -> Iterator[tuple[Page, PageWatch]]:
    """A desktop-sized page in the warm context; fails the test on errors or leaving 127.0.0.1."""
    yield from warm_desktop.page_for_test()


@pytest.fixture
def phone(warm_phone: WarmContext) -> Iterator[tuple[Page, PageWatch]]:
    """A phone-sized page in the warm context; fails the test on errors or leaving 127.0.0.1."""
    yield from warm_phone.page_for_test()


@pytest.fixture
def warm_page(request: pytest.FixtureRequest) -> Iterator[WarmPage]:
    """For tests parametrised by size: ``warm_page(viewport)`` is ``desktop`` or ``phone``."""
    opened: list[Iterator[tuple[Page, PageWatch]]] = []

    def open_warm(viewport: dict[str, int]) -> tuple[Page, PageWatch]:
        assert viewport in (PHONE_VIEWPORT, DESKTOP_VIEWPORT), viewport
        name = "warm_phone" if viewport == PHONE_VIEWPORT else "warm_desktop"
        warm: WarmContext = request.getfixturevalue(name)
        pages = warm.page_for_test()
        opened.append(pages)
        return next(pages)

    yield open_warm
    for pages in opened:
        next(pages, None)  # the rest of page_for_test: close, clear, check


class WarmPage(Protocol):
    """The ``warm_page`` fixture: a page in the session's warm context of that size."""

    def __call__(self, viewport: dict[str, int]) -> tuple[Page, PageWatch]:
        """A page in the warm context of this size, checked when the test ends."""
        ...
