"""Opening a link: in a browser where there is one, else copied to the clipboard."""

from __future__ import annotations

import os
import webbrowser

from textual.app import App


def browser_available() -> bool:
    """A browser can be opened only with a display, not in a bare SSH session."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def open_link(app: App[object], url: str) -> None:
    if browser_available():
        webbrowser.open(url, new=2)
        app.notify(url, title="Opened in the browser", timeout=4, markup=False)
        return
    app.copy_to_clipboard(url)
    app.notify(
        f"No browser here (SSH session?). Copied instead: {url}",
        title="Link copied (OSC 52)",
        timeout=6,
        markup=False,
    )
