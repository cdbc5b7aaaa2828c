"""A Pecha Kucha deck: exactly 20 slides, sent as 20 images or one PDF of 20 pages.

Everything is checked and converted (to WebP, at most 1920 × 1080) before anything is written, so a refused
upload changes nothing; the old deck is then replaced in one transaction. The PDF is rendered with pdfium
(pypdfium2), page by page, never trusting its own claims about size.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..enums import ProposalFormat, ProposalState
from ..exceptions import SlidesRefused
from ..models import PECHA_KUCHA_SLIDES, Proposal, Slide

FILE_MAX_BYTES = 20 * 1024 * 1024
SLIDE_BOX = (1920, 1080)
MIN_RATIO, MAX_RATIO = 1.3, 1.8  # landscape, from 4:3 (1.33) to 16:9 (1.78)
MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def can_upload(proposal: Proposal, at: dt.datetime | None = None) -> bool:
    due = proposal.call.slides_due_at
    return (
        proposal.format == ProposalFormat.PECHA_KUCHA
        and proposal.state == ProposalState.CONFIRMED
        and (due is None or (at or timezone.now()) < due)
    )


def _too_large(name: str) -> SlidesRefused:
    return SlidesRefused(
        _("“{name}” is larger than 20 MB: make the file smaller and send the slides again.").format(name=name)
    )


def _wrong_count(count: int, what: str) -> SlidesRefused:
    if what == "pdf":
        message = ngettext(
            "This PDF has {count} page: a Pecha Kucha has exactly 20 slides.",
            "This PDF has {count} pages: a Pecha Kucha has exactly 20 slides.",
            count,
        )
    else:
        message = ngettext(
            "You sent {count} image: a Pecha Kucha has exactly 20 slides.",
            "You sent {count} images: a Pecha Kucha has exactly 20 slides.",
            count,
        )
    return SlidesRefused(message.format(count=count) + " " + _("Nothing was changed."))


def _to_webp(image, position: int, name: str) -> ContentFile:
    from PIL import Image

    width, height = image.size
    ratio = width / height if height else 0
    if not MIN_RATIO <= ratio <= MAX_RATIO:
        raise SlidesRefused(
            _(
                "Slide {position} (“{name}”) is {width} × {height} pixels: slides must be landscape, "
                "16:9 or 4:3. Nothing was changed."
            ).format(position=position, name=name, width=width, height=height)
        )
    image = image.convert("RGB")
    image.thumbnail(SLIDE_BOX, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=85)
    return ContentFile(out.getvalue(), name=f"slide-{position:02d}.webp")


def _from_images(files: Sequence[UploadedFile]) -> list[ContentFile]:
    from PIL import Image, UnidentifiedImageError

    slides = []
    for position, upload in enumerate(sorted(files, key=lambda f: f.name or ""), start=1):
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format not in IMAGE_FORMATS or image.width * image.height > MAX_PIXELS:
                    raise UnidentifiedImageError
                image.load()
                slides.append(_to_webp(image, position, upload.name))
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
        ) as exc:
            raise SlidesRefused(
                _(
                    "“{name}” is not an image or a PDF we can read: send 20 JPEG, PNG or WebP images, "
                    "or one PDF. Nothing was changed."
                ).format(name=upload.name)
            ) from exc
    return slides


def _from_pdf(upload: UploadedFile) -> list[ContentFile]:
    import pypdfium2 as pdfium

    upload.seek(0)
    try:
        document = pdfium.PdfDocument(upload.read())
    except pdfium.PdfiumError as exc:
        raise SlidesRefused(
            _("“{name}” is not a PDF we can read. Nothing was changed.").format(name=upload.name)
        ) from exc
    try:
        if len(document) != PECHA_KUCHA_SLIDES:
            raise _wrong_count(len(document), "pdf")
        slides = []
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            scale = min(SLIDE_BOX[0] / width, SLIDE_BOX[1] / height) if width and height else 1
            image = page.render(scale=scale).to_pil()
            slides.append(_to_webp(image, index + 1, upload.name))
            page.close()
        return slides
    finally:
        document.close()


def _is_pdf(upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"%PDF-"


def prepare_slides(files: Sequence[UploadedFile]) -> list[ContentFile]:
    """Check and convert an upload into the 20 slides; SlidesRefused says what is wrong."""
    for upload in files:
        if upload.size and upload.size > FILE_MAX_BYTES:
            raise _too_large(upload.name)
    if len(files) == 1 and _is_pdf(files[0]):
        return _from_pdf(files[0])
    if any(_is_pdf(upload) for upload in files):
        raise SlidesRefused(_("Send either one PDF or 20 images, not both. Nothing was changed."))
    if len(files) != PECHA_KUCHA_SLIDES:
        raise _wrong_count(len(files), "images")
    return _from_images(files)


def upload_slides(*, proposal: Proposal, files: Sequence[UploadedFile], at: dt.datetime | None = None) -> int:
    """Replace a confirmed Pecha Kucha's deck with the 20 slides of `files`; returns 20."""
    at = at or timezone.now()
    if not can_upload(proposal, at):
        raise SlidesRefused(_("Slides can no longer be sent for this talk. Nothing was changed."))
    slides = prepare_slides(files)  # slow work first, outside the transaction
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        for old in Slide.objects.filter(proposal=locked):
            old.image.delete(save=False)
        Slide.objects.filter(proposal=locked).delete()
        for position, content in enumerate(slides, start=1):
            slide = Slide(proposal=locked, position=position, uploaded_at=at)
            slide.image.save(f"{locked.public_id}-{position:02d}.webp", content, save=False)
            slide.save()
    return len(slides)
