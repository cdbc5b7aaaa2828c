"""Camera scanning: Chromium's fake camera films a printed ticket's QR code; the page decodes it (with the
browser's BarcodeDetector where it has one, else with jsQR served by the app) and admits the ticket."""

import io
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from tickets.checkin.enums import Result
from tickets.checkin.models import CheckIn
from tickets.qr import qr_png

from .conftest import CHROMIUM, Scanner, chromium, pairing_code, ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JSQR = Path(settings.BASE_DIR) / "static" / "vendor" / "jsQR.js"


def write_y4m(path: Path, image: Image.Image, frames: int = 10) -> None:
    """A raw YUV 4:2:0 video of one still picture, the format Chromium's fake camera reads."""
    width, height = image.size
    ycbcr = image.convert("YCbCr")
    y, cb, cr = ycbcr.split()
    half = (width // 2, height // 2)
    frame = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as handle:
        handle.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            handle.write(b"FRAME\n" + frame)


@pytest.fixture
def camera_browser():
    """Chromium whose camera films the given video file."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: scanner browser tests skipped")
    if not JSQR.exists():
        pytest.skip("static/vendor/jsQR.js missing: run `make install` (npm ci) for the camera test")
    with ExitStack() as stack:

        def launch(video: Path):
            camera = (
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            )
            return stack.enter_context(chromium(camera))

        yield launch


def test_camera_reads_the_qr_code_and_admits(gates, live_server, camera_browser, tmp_path):
    _device, code = pairing_code(gates.main, "Phone 1")
    amelie = ticket(gates.today, "Amélie Dupont")
    picture = Image.new("RGB", (640, 480), "white")
    qr = Image.open(io.BytesIO(qr_png(amelie.signed_code(), box_size=6))).convert("RGB")
    picture.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    video = tmp_path / "ticket.y4m"
    write_y4m(video, picture)
    browser = camera_browser(video)
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-BE")
    context.grant_permissions(["camera"])
    context.set_default_timeout(15_000)
    scanner = Scanner(context, live_server.url, "fr")
    scanner.open()
    scanner.pair(code)

    scanner.page.click("[data-screen-name=scanning] [data-camera-toggle]")
    scanner.page.wait_for_selector("[data-result][data-verdict=admitted]")

    assert scanner.page.inner_text("[data-result-name]") == "Amélie Dupont"
    assert (
        scanner.page.get_attribute("[data-screen-name=scanning] [data-camera-toggle]", "aria-pressed")
        == "true"
    )
    assert list(CheckIn.objects.values_list("ticket__holder_name", "result")) == [
        ("Amélie Dupont", Result.ADMITTED)
    ]
    context.close()
