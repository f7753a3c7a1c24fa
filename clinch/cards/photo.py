"""Photo bytes in, a bounded RGB picture out: the checks every uploaded card photo goes through.

What a phone or a scanner gives: JPEG, PNG, WebP, and HEIC/HEIF (an iPhone's default,
decoded by pillow-heif, whose wheel carries libheif). PDF and anything that is not a
picture are refused with a message that says what to do instead. The
file size and the pixel count are limited before the picture is decoded, so a
decompression bomb costs nothing; the picture is then turned upright from its
EXIF orientation, its metadata (EXIF, GPS location included) is dropped, and it
is shrunk so that the work after it is bounded.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera's default
WORK_SIDE = 2000  # the longest side the reader works on
KEEP_SIDE = 1000  # the longest side of a card photo kept with a contact
READABLE_FORMATS = {"JPEG", "PNG", "WEBP", "MPO", "BMP", "TIFF", "GIF", "HEIF"}
# ISO base media brands of HEIC/HEIF stills (an iPhone writes "heic"; "mif1" is the generic one).
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1")


class PhotoError(ValueError):
    """A photo Clinch cannot read; the message says why and what to do, in the user's words."""


def _sniff(data: bytes) -> str | None:
    """The kind of a file Pillow does not read, from its first bytes."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heic"
    return None


def _read_heif() -> None:
    """Teach Pillow HEIC/HEIF, on the first such photo only: most photos are JPEG, and the
    decoder is not worth importing for them."""
    import pillow_heif

    pillow_heif.register_heif_opener()


def open_photo(data: bytes) -> Image.Image:
    """``data`` as an upright RGB picture without metadata, its longest side at most ``WORK_SIDE``.

    Raises ``PhotoError`` for an empty, huge, PDF, broken or non-image file.
    """
    if not data:
        raise PhotoError("The file is empty: take the photo again or choose another one.")
    if len(data) > MAX_BYTES:
        raise PhotoError(
            f"The photo is {len(data) / 1024 / 1024:.1f} MB; Clinch reads photos up to {MAX_BYTES // 1024 // 1024} MB. "
            "Take it again at a lower resolution or send a smaller copy."
        )
    kind = _sniff(data)
    if kind == "pdf":
        raise PhotoError("This is a PDF, not a photo. Take a photo of the card (JPEG or PNG) instead.")
    if kind == "heic":
        _read_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in READABLE_FORMATS:
                raise PhotoError(f"Clinch reads JPEG, PNG, WebP and HEIC photos; this is {image.format}.")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoError(
                    f"The photo is {width}×{height} pixels; Clinch reads photos up to "
                    f"{MAX_PIXELS // 1_000_000} megapixels. Take it again at a lower resolution."
                )
            image.draft("RGB", (WORK_SIDE, WORK_SIDE))  # JPEG: decode at a reduced size, much faster
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
    except PhotoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        if kind == "heic":
            raise PhotoError("The HEIC photo is damaged or cut short. Take it again.") from None
        raise PhotoError("This file is not a photo Clinch can read. Take a photo of the card (JPEG, PNG or HEIC).") from None
    except (OSError, ValueError, SyntaxError):
        raise PhotoError("The photo is damaged or cut short. Take it again.") from None
    if min(image.size) < 60:
        raise PhotoError("The picture is too small to read a card from. Take a closer photo.")
    return shrink(image, WORK_SIDE)


def shrink(image: Image.Image, side: int) -> Image.Image:
    """``image`` scaled down (never up) so its longest side is at most ``side``; a new picture without metadata."""
    scale = side / max(image.size)
    if scale < 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def to_jpeg(image: Image.Image, *, side: int = KEEP_SIDE, quality: int = 85) -> bytes:
    """``image`` as JPEG bytes with no EXIF or other metadata, longest side at most ``side``."""
    out = io.BytesIO()
    shrink(image, side).save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
