"""Business cards in, people out: the pure card reader (no Django), used by the web pages and ``clinch cards``.

``read_photo(data, region="DE")`` returns the cards on one photo; see ``reader``.
The reader (OpenCV, onnxruntime) is imported on first use, so a process that
never reads a card does not pay for it.
"""

from clinch.cards.photo import PhotoError

__all__ = ["Card", "NoCardError", "PhotoError", "Reading", "read_photo"]


def __getattr__(name: str):
    if name in ("Card", "NoCardError", "Reading", "read_photo"):
        from clinch.cards import reader

        return getattr(reader, name)
    raise AttributeError(f"module 'clinch.cards' has no attribute {name!r}")
