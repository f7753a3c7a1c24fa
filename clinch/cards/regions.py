"""Where the cards are in a photo: card-shaped quadrilaterals, each cut out and seen straight on.

A card on a table is a bright or dark four-sided shape with a clear edge. The
photo is searched at a small size (fast) for closed outlines that are roughly
rectangular, of a card's proportions (1.3 to 2.3 wide for one high; business
cards are 1.55 to 1.75) and not too small; each is then warped from the full
photo to a flat rectangle, which also undoes skew and perspective. A photo
where no outline is found (a close-up, a card on a same-coloured table) is
read whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

FIND_SIDE = 640  # the size the outlines are searched at
MIN_AREA = 0.04  # of the photo
MAX_CARDS = 6


@dataclass(frozen=True)
class Region:
    """A card's four corners in the photo (top-left, top-right, bottom-right, bottom-left, in pixels)."""

    corners: tuple[tuple[float, float], ...]

    @property
    def centre(self) -> tuple[float, float]:
        xs, ys = zip(*self.corners)
        return sum(xs) / 4, sum(ys) / 4

    def contains(self, point: tuple[float, float]) -> bool:
        contour = np.array(self.corners, np.float32).reshape(-1, 1, 2)
        return cv2.pointPolygonTest(contour, point, False) >= 0


def find_cards(image: np.ndarray) -> list[Region]:
    """The card outlines in ``image`` (RGB array), largest first; empty when none is clear."""
    height, width = image.shape[:2]
    scale = FIND_SIDE / max(height, width)
    small = cv2.resize(image, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    candidates = []
    for mask in _masks(small, gray):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            quad = _quad(contour, small.shape[0] * small.shape[1])
            if quad is not None:
                candidates.append(quad / scale)
    candidates = [q for q in candidates if _stands_out(gray, q * scale)]
    regions = [_grow(q, width, height) for q in _distinct(candidates)[:MAX_CARDS]]
    return [Region(tuple(map(tuple, q.tolist()))) for q in regions]


def _masks(small: np.ndarray, gray: np.ndarray):
    """Foreground guesses: strong edges closed into outlines, and brightness splits (light card, dark table)."""
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    edges = cv2.Canny(blurred, 40, 120)
    kernel = np.ones((5, 5), np.uint8)
    closed = cv2.morphologyEx(cv2.dilate(edges, kernel), cv2.MORPH_CLOSE, kernel, iterations=2)
    yield _fill(closed)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel, iterations=3)
    yield cv2.morphologyEx(255 - bright, cv2.MORPH_CLOSE, kernel, iterations=3)


def _stands_out(gray: np.ndarray, quad: np.ndarray, margin: int = 12, contrast: float = 18.0) -> bool:
    """A card differs from the table around it: the mean brightness inside the outline and in a band
    just outside it are ``contrast`` apart (a light patch on an evenly lit table is no card)."""
    inside = np.zeros(gray.shape, np.uint8)
    cv2.fillPoly(inside, [quad.astype(np.int32)], 1)
    around = cv2.dilate(inside, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8)) - inside
    if not inside.any() or not around.any():
        return False
    return abs(float(gray[inside > 0].mean()) - float(gray[around > 0].mean())) >= contrast


def _fill(mask: np.ndarray) -> np.ndarray:
    """Outlines filled in, so a card's printed lines do not break it into pieces."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    return cv2.erode(filled, np.ones((3, 3), np.uint8), iterations=2)


def _quad(contour: np.ndarray, image_area: float) -> np.ndarray | None:
    area = cv2.contourArea(contour)
    if area < MIN_AREA * image_area or area > 0.97 * image_area:
        return None
    rect = cv2.minAreaRect(contour)
    (_, _), (w, h), _ = rect
    if not w or not h:
        return None
    ratio = max(w, h) / min(w, h)
    if not 1.25 <= ratio <= 2.4 or area < 0.82 * w * h:
        return None
    hull = cv2.convexHull(contour)
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    points = approx.reshape(-1, 2).astype(np.float32) if len(approx) == 4 else cv2.boxPoints(rect)
    return _order(points)


def _order(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ordered = points[np.argsort(angles)]  # from the left-most going clockwise in image coordinates
    start = np.argmin(ordered.sum(axis=1))
    return np.roll(ordered, -start, axis=0)


def _distinct(quads: list[np.ndarray]) -> list[np.ndarray]:
    """The candidates without near-duplicates or outlines inside a larger one, largest first."""
    quads = sorted(quads, key=lambda q: -cv2.contourArea(q))
    kept: list[np.ndarray] = []
    for quad in quads:
        centre = tuple(float(v) for v in quad.mean(axis=0))
        if any(cv2.pointPolygonTest(k.reshape(-1, 1, 2), centre, False) >= 0 for k in kept):
            continue
        kept.append(quad)
    return kept


def _grow(quad: np.ndarray, width: int, height: int, margin: float = 0.03) -> np.ndarray:
    """``quad`` a little larger (text printed to the edge stays in), and made card-shaped when it is too
    long for its height: a dark band on a dark table is cut off by the outline, so both long edges move out."""
    centre = quad.mean(axis=0)
    along = (quad[1] - quad[0] + quad[2] - quad[3]) / 2
    across = (quad[3] - quad[0] + quad[2] - quad[1]) / 2
    long_, short = (along, across) if np.linalg.norm(along) >= np.linalg.norm(across) else (across, along)
    u, v = long_ / np.linalg.norm(long_), short / np.linalg.norm(short)
    # The missing strip may be on either long edge: move both out by all of it.
    stretch = max(1.0, 2 * np.linalg.norm(long_) / np.linalg.norm(short) / 1.75 - 1)
    grown = []
    for corner in quad:
        d = corner - centre
        grown.append(centre + u * (d @ u) * (1 + margin) + v * (d @ v) * stretch * (1 + margin))
    grown = np.array(grown, np.float32)
    grown[:, 0] = grown[:, 0].clip(0, width - 1)
    grown[:, 1] = grown[:, 1].clip(0, height - 1)
    return grown


def covered(found: list[Region], shape) -> float:
    """The share of the photo the regions cover."""
    mask = np.zeros(shape[:2], np.uint8)
    for region in found:
        cv2.fillPoly(mask, [np.array(region.corners, np.int32)], 1)
    return float(mask.mean())


def masked(image: np.ndarray, found: list[Region]) -> np.ndarray:
    """``image`` with the found cards painted over in the photo's median colour, to look for the rest."""
    out = image.copy()
    colour = tuple(int(v) for v in np.median(image.reshape(-1, 3), axis=0))
    for region in found:
        cv2.fillPoly(out, [np.array(region.corners, np.int32)], colour)
    return out


def warp(image: np.ndarray, region: Region, *, long_side: int = 1400) -> np.ndarray:
    """The card in ``region`` cut out of ``image`` and flattened, landscape when its outline is."""
    corners = np.array(region.corners, np.float32)
    top = np.linalg.norm(corners[1] - corners[0])
    left = np.linalg.norm(corners[3] - corners[0])
    width, height = max(top, np.linalg.norm(corners[2] - corners[3])), max(left, np.linalg.norm(corners[2] - corners[1]))
    scale = min(1.0, long_side / max(width, height))
    width, height = max(1, round(width * scale)), max(1, round(height * scale))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
