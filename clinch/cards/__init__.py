"""Business cards in, people out: the pure card reader (no Django), used by the web pages and ``clinch cards``.

``read_photo(data, region="DE")`` returns the cards on one photo; see ``reader``.
"""

from clinch.cards.photo import PhotoError
from clinch.cards.reader import Card, NoCardError, Reading, read_photo

__all__ = ["Card", "NoCardError", "PhotoError", "Reading", "read_photo"]
