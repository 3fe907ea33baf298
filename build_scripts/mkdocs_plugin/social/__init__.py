"""Social link previews: the image LinkedIn, Slack and Teams show next to a shared page."""

from __future__ import annotations

from build_scripts.mkdocs_plugin.social.preview import (
    PREVIEW_SIZE,
    preview_file_name,
    render_preview,
)

__all__ = ["PREVIEW_SIZE", "preview_file_name", "render_preview"]
