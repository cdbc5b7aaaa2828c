"""Logos: only real raster images, within size limits, decoded, re-encoded as WebP and resized.

Re-encoding drops anything that is not pixels (metadata, scripts hidden in the file, trailing data), so
what we serve is an image we made ourselves.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

from .exceptions import LogoNotAnImage, LogoRefused, LogoTooLarge, LogoTooManyPixels, LogoTooSmall

ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
ACCEPT_ATTRIBUTE = "image/png,image/jpeg,image/webp,image/gif"
MIN_SIDE = 64
OUTPUT_BOX = 512
MAX_PIXELS = 25_000_000


def max_bytes() -> int:
    return getattr(settings, "EXHIBITORS_LOGO_MAX_BYTES", 2 * 1024 * 1024)


@dataclass(frozen=True)
class ProcessedLogo:
    image: bytes
    content_type: str
    width: int
    height: int
    digest: str


def not_an_image() -> LogoNotAnImage:
    return LogoNotAnImage(
        gettext("This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF file.")
    )


def read_within_limit(upload: UploadedFile) -> bytes:
    """The upload's bytes; LogoTooLarge as soon as it is known to exceed the limit, never reading more."""
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise LogoTooLarge(
            gettext("The file is too large ({size}). Upload a logo of at most {limit}.").format(
                size=filesizeformat(upload.size), limit=filesizeformat(limit)
            )
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise LogoTooLarge(
            gettext("The file is too large. Upload a logo of at most {limit}.").format(
                limit=filesizeformat(limit)
            )
        )
    return data


def process_logo(upload: UploadedFile) -> ProcessedLogo:
    from PIL import Image, ImageOps, UnidentifiedImageError  # slow to import: only where needed

    data = read_within_limit(upload)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise not_an_image()
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise LogoTooManyPixels(
                    gettext(
                        "The image is too large ({width} × {height} pixels). "
                        "Upload one of at most 5000 × 5000."
                    ).format(width=width, height=height)
                )
            if min(width, height) < MIN_SIDE:
                raise LogoTooSmall(
                    gettext(
                        "The image is too small ({width} × {height} pixels). "
                        "Upload one at least {min} pixels wide and high."
                    ).format(width=width, height=height, min=MIN_SIDE)
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            image.load()
            image = ImageOps.exif_transpose(image)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            image = image.convert("RGBA" if has_alpha else "RGB")
            image.thumbnail((OUTPUT_BOX, OUTPUT_BOX), Image.Resampling.LANCZOS)
            output = io.BytesIO()
            image.save(output, format="WEBP", quality=88, method=4)
    except LogoRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise not_an_image() from None
    encoded = output.getvalue()
    return ProcessedLogo(
        image=encoded,
        content_type="image/webp",
        width=image.width,
        height=image.height,
        digest=hashlib.sha256(encoded).hexdigest()[:16],
    )
