"""Text lines from a card picture: RapidOCR (PP-OCR models inside its wheel, run by onnxruntime).

Chosen by measurement (docs/benchmarks.md): on the generated card photos it
reads more fields exactly than Tesseract 5, which is kept here as the
comparison (``TesseractEngine``, used by the benchmark only). Nothing is
downloaded: the models ship inside the ``rapidocr`` wheel.

Each engine turns a picture into ``Line``s in the picture's own coordinates, the
card turned upright: a card photographed upside down or on its side is turned
(RapidOCR's line classifier tells upside-down text) so that top means top.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

import numpy as np

DET_SIDE = 960  # the text detector's input: enough for 7 pt print on a card filling the photo


@dataclass(frozen=True)
class Line:
    """One line of text as read, with its bounding box (left, top, right, bottom) in pixels."""

    text: str
    score: float
    box: tuple[float, float, float, float]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


class RapidEngine:
    """RapidOCR on one thread (the web app and the worker share two cores); the models load once, lazily.

    Safe to share between threads: a lock serialises reads (onnxruntime sessions
    are thread-safe, but one read at a time keeps memory and CPU bounded).
    """

    name = "rapidocr"

    def __init__(self, threads: int = 1):
        self._threads = threads
        self._engine = None
        self._lock = threading.Lock()

    def _load(self):
        if self._engine is None:
            from rapidocr import RapidOCR

            self._engine = RapidOCR(params={
                "Global.log_level": "error",
                "Global.max_side_len": 2000,
                "EngineConfig.onnxruntime.intra_op_num_threads": self._threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                "Det.limit_type": "max",
                "Det.limit_side_len": DET_SIDE,
            })
        return self._engine

    def read(self, image: np.ndarray) -> list[Line]:
        """The lines in ``image`` (RGB), upright; a sideways picture is turned and read again."""
        with self._lock:
            lines, flipped = self._read_once(image)
            if _sideways(lines):
                image = np.ascontiguousarray(np.rot90(image, -1))
                lines, flipped = self._read_once(image)
            if flipped:
                # Read again the right way up: lines cut from upside-down text are read worse.
                lines, _ = self._read_once(np.ascontiguousarray(image[::-1, ::-1]))
            return lines

    def _read_once(self, image: np.ndarray) -> tuple[list[Line], bool]:
        engine = self._load()
        bgr = np.ascontiguousarray(image[:, :, ::-1])
        prepared, record = engine.preprocess_img(bgr)
        det, cls, rec, _ = engine.run_ocr_steps(prepared, record)
        if det.boxes is None or rec.txts is None:
            return [], False
        ratio_h, ratio_w = record["preprocess"]["ratio_h"], record["preprocess"]["ratio_w"]
        pad = record.get("padding_1", {"top": 0, "left": 0})
        lines = []
        for points, text, score in zip(det.boxes, rec.txts, rec.scores):
            text = unicodedata.normalize("NFC", text).strip()
            if not text:
                continue
            xs = (np.asarray(points)[:, 0] - pad.get("left", 0)) / ratio_w
            ys = (np.asarray(points)[:, 1] - pad.get("top", 0)) / ratio_h
            lines.append(Line(text, float(score), (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))))
        labels = getattr(cls, "cls_res", None) or []
        upside_down = sum(float(s) for label, s in labels if str(label) == "180")
        upright = sum(float(s) for label, s in labels if str(label) != "180")
        return lines, upside_down > upright


def _sideways(lines: list[Line]) -> bool:
    """Most text boxes stand taller than wide: the card lies on its side."""
    long = [l for l in lines if len(l.text) >= 4]
    return len(long) >= 2 and sum(l.height > 1.5 * l.width for l in long) > len(long) / 2


class TesseractEngine:
    """Tesseract 5 through pytesseract: words grouped into its own lines. For the benchmark's comparison."""

    name = "tesseract"

    def read(self, image: np.ndarray) -> list[Line]:
        import pytesseract

        data = pytesseract.image_to_data(image, lang="eng", config="--psm 11", output_type=pytesseract.Output.DICT)
        groups: dict[tuple, list[int]] = {}
        for i, word in enumerate(data["text"]):
            if word.strip() and float(data["conf"][i]) >= 0:
                groups.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
        lines = []
        for indices in groups.values():
            left = min(data["left"][i] for i in indices)
            top = min(data["top"][i] for i in indices)
            right = max(data["left"][i] + data["width"][i] for i in indices)
            bottom = max(data["top"][i] + data["height"][i] for i in indices)
            text = " ".join(data["text"][i] for i in indices)
            score = sum(float(data["conf"][i]) for i in indices) / len(indices) / 100
            lines.append(Line(unicodedata.normalize("NFC", text), score, (left, top, right, bottom)))
        return sorted(lines, key=lambda l: (l.box[1], l.box[0]))
