"""Files the engine keeps between runs in the user's cache directory, to start commands faster.

Everything kept here can be rebuilt from the installed packages and the project's data files;
a missing, unreadable or stale file only costs the build. Names carry a hash of what the content
was built from, so a change makes a new file and ``keep`` removes the old ones of its kind.
"""

from __future__ import annotations

import hashlib
import os


def directory() -> str:
    """``$XDG_CACHE_HOME/clinch``, else ``~/.cache/clinch``."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "clinch")


def path(kind: str, *sources: bytes, suffix: str) -> str:
    """Where the ``kind`` of file built from ``sources`` is kept."""
    digest = hashlib.sha256(b"\0".join(sources)).hexdigest()[:32]
    return os.path.join(directory(), f"{kind}-{digest}{suffix}")


def package_stamp(package: str, file: str) -> bytes:
    """The size and time of one file of an installed package: it changes when the package does.
    Found without importing the package (``find_spec``), which is the point of caching."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the {package} package is not installed")
    stat = os.stat(os.path.join(spec.submodule_search_locations[0], file))
    return f"{package}:{file}:{stat.st_size}:{stat.st_mtime_ns}".encode()


def keep(target: str, content: bytes) -> None:
    """Write ``content`` to ``target`` whole or not at all, and remove older files of its kind
    (same name up to the hash). Best effort: a read-only home only makes the next start slower."""
    folder, name = os.path.split(target)
    kind = name.rsplit("-", 1)[0] + "-"
    try:
        os.makedirs(folder, exist_ok=True)
        partial = f"{target}.{os.getpid()}.tmp"
        with open(partial, "wb") as fh:
            fh.write(content)
        os.replace(partial, target)  # a concurrent reader never sees half a file
        for other in os.listdir(folder):
            if other.startswith(kind) and other != name and not other.endswith(".tmp"):
                os.remove(os.path.join(folder, other))
    except OSError:
        pass


def read(target: str) -> bytes | None:
    try:
        with open(target, "rb") as fh:
            return fh.read()
    except OSError:
        return None
