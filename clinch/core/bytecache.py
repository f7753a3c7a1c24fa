"""A least-recently-used cache bounded by the bytes it holds, for functions called with user text.

``functools.lru_cache(maxsize=65536)`` counts entries: keyed on text, it keeps 65,536
texts of any length, and a server fed long texts grows until it is killed.
``lru_bytes(max_bytes)`` counts what it holds instead: each entry costs the approximate
size of its arguments and its result (``size_of``), and the least recently used entries
are dropped while the total is over ``max_bytes``. A single entry bigger than an eighth
of the budget is computed and returned but not kept, so one huge call cannot empty the
cache of everyday ones.

    @lru_bytes(4 << 20)
    def read(text: str, day: date) -> Reading: ...

Positional, hashable arguments only (as with ``lru_cache``, an unhashable one raises
``TypeError``). Safe to call from many threads: a value may be computed twice by two
threads at once, never stored twice nor counted wrong.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict, namedtuple
from dataclasses import fields, is_dataclass
from functools import update_wrapper

_DEPTH = 8  # deeper than any value cached here; guards against cycles and odd objects


# collections' namedtuple rather than typing.NamedTuple: importing typing would cost every
# ``clinch when`` a few milliseconds, for this one class.
CacheInfo = namedtuple("CacheInfo", "hits misses entries bytes max_bytes")


def size_of(obj, _seen: set[int] | None = None, _depth: int = 0) -> int:
    """About how many bytes ``obj`` holds: ``sys.getsizeof`` summed over what it contains
    (tuples, lists, sets, dicts, dataclasses, ``__slots__``), each object counted once."""
    seen = set() if _seen is None else _seen
    if id(obj) in seen or _depth > _DEPTH:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, (str, bytes, int, float, bool)) or obj is None:
        return size
    deeper = _depth + 1
    if isinstance(obj, dict):
        return size + sum(size_of(k, seen, deeper) + size_of(v, seen, deeper) for k, v in obj.items())
    if isinstance(obj, (tuple, list, set, frozenset)):
        return size + sum(size_of(item, seen, deeper) for item in obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        return size + sum(size_of(getattr(obj, f.name, None), seen, deeper) for f in fields(obj))
    return size  # dates, zones and the like: small, or shared by every entry


def _bytes_lru(func, max_bytes: int):
    # A closure, not a class: a cache hit is most calls, and local names make it twice as fast.
    entries: OrderedDict = OrderedDict()  # args -> (result, size)
    get, to_end = entries.get, entries.move_to_end
    largest = max_bytes // 8
    lock = threading.Lock()
    stats = [0, 0, 0]  # hits, misses, bytes held

    def cached(*args):
        entry = get(args)
        if entry is not None:
            try:
                to_end(args)
            except KeyError:  # dropped by another thread meanwhile: the result is still good
                pass
            stats[0] += 1
            return entry[0]
        result = func(*args)
        size = size_of(args) + size_of(result) + 100  # 100: the entry's own bookkeeping
        with lock:
            stats[1] += 1
            if size <= largest and args not in entries:
                entries[args] = (result, size)
                stats[2] += size
                while stats[2] > max_bytes:
                    _, (_, dropped) = entries.popitem(last=False)
                    stats[2] -= dropped
        return result

    def cache_info() -> CacheInfo:
        return CacheInfo(stats[0], stats[1], len(entries), stats[2], max_bytes)

    def cache_clear() -> None:
        with lock:
            entries.clear()
            stats[:] = [0, 0, 0]

    cached.cache_info, cached.cache_clear = cache_info, cache_clear
    return update_wrapper(cached, func)


def lru_bytes(max_bytes: int):
    """Decorator: cache the function's results, holding at most about ``max_bytes`` (see the module doc)."""
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive")

    def decorate(func):
        return _bytes_lru(func, max_bytes)

    return decorate
