"""The browser side of the benchmark: Debian's Chromium, fresh profiles, and the page scripts.

Every visit opens a fresh Chromium profile (disk cache, code cache, service workers: a new
reader's) with the same flags the browser tests use. The scripts that watch a page live as
``.js`` files in ``bench/js/`` (read once, at import), so they can be read and edited as
JavaScript; a script's settings replace its ``__CONFIG__`` placeholder as JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import BrowserContext, Playwright

CHROMIUM: Final = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: Flags for running as root in a sandbox with no network but loopback: without the
#: background-networking ones Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS: Final = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_CONFIG_PLACEHOLDER: Final = "__CONFIG__"


def _read_script(path: Path) -> str:
    # Without its leading comment: Playwright decides whether a string is a function by how it
    # starts, and a comment there would make it an expression.
    lines = path.read_text(encoding="utf-8").strip().splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "\n".join(lines)


_SCRIPTS: Final = {
    path.stem: _read_script(path) for path in sorted(Path(__file__).with_name("js").glob("*.js"))
}


def script(name: str, config: object = None) -> str:
    """Return ``bench/js/<name>.js``, its ``__CONFIG__`` replaced by ``config`` as JSON."""
    text = _SCRIPTS[name]
    if config is None:
        return text
    if _CONFIG_PLACEHOLDER not in text:
        msg = f"bench/js/{name}.js takes no config"
        raise ValueError(msg)
    return text.replace(_CONFIG_PLACEHOLDER, json.dumps(config, ensure_ascii=False))


@contextlib.contextmanager
def fresh_profile(playwright: Playwright, scratch: Path, name: str) -> Iterator[BrowserContext]:
    """Open a fresh browser profile (disk cache, code cache, service workers: a reader's)."""
    user_data = Path(tempfile.mkdtemp(prefix=f"profile-{name}-", dir=scratch))
    context = playwright.chromium.launch_persistent_context(
        user_data,
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        locale="nb-NO",
        viewport={"width": 1280, "height": 800},
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(user_data, ignore_errors=True)
