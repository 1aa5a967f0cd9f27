"""Keep the working directory off the import path, here and in child processes.

`python -m tui.cli` and every multiprocessing child (`python -c ...`) put the
directory aiwire was started in at the front of sys.path, so a `bisect.py`
lying there would replace the standard library's and run inside aiwire.
The installed package never needs that entry: an editable install or a wheel
is found through site-packages.

Imports only what the interpreter has loaded before any user code runs, so
calling it first thing cannot itself pick up a planted module.
"""

from __future__ import annotations

import os
import sys

__all__ = ["protect_import_path", "without_working_directory"]

# Where the packages live: the checkout, or site-packages for a wheel.
PACKAGES_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _real(path: str) -> str:
    return os.path.normcase(os.path.realpath(path or os.curdir))


def without_working_directory(paths: list[str], *, cwd: str, keep: str | None) -> list[str]:
    """`paths` without "" and the entries naming `cwd`, unless `cwd` is `keep`."""
    here = _real(cwd)
    if keep is not None and _real(keep) == here:
        return list(paths)
    # A relative entry is looked up from the working directory at each import.
    return [path for path in paths if path and _real(os.path.join(cwd, path)) != here]


def protect_import_path() -> None:
    """Drop the working directory from this process's path and from its children's.

    Started from the checkout itself, nothing changes: that directory holds
    aiwire's own code, and an uninstalled checkout is found only through it.
    """
    try:
        cwd = os.getcwd()
    except OSError:  # the directory was removed: "" then names nothing
        cwd = os.sep + "nonexistent-working-directory"
    if _real(cwd) == _real(PACKAGES_ROOT):
        return
    sys.path[:] = without_working_directory(sys.path, cwd=cwd, keep=None)
    # Inherited by every Python process started from here (multiprocessing's
    # workers and fork server, the served dashboards): none prepends cwd.
    os.environ["PYTHONSAFEPATH"] = "1"
