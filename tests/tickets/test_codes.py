import io

import pytest
import zxingcpp
from PIL import Image

from tests.factories import DayFactory, EditionFactory, TicketFactory
from tickets import codes
from tickets.models import Ticket
from tickets.qr import qr_png, qr_svg, qr_version

pytestmark = pytest.mark.django_db


def test_signed_code_round_trips():
    ticket = TicketFactory()
    payload = codes.decode(ticket.signed_code())
    assert payload.ticket_id_text == ticket.public_id
    assert (payload.edition_id, payload.days_mask, payload.kind, payload.headcount) == (
        ticket.edition_id,
        1,
        1,
        1,
    )
    assert payload.valid_on_offset(0)
    assert not payload.valid_on_offset(1)


def test_signed_code_is_base32_and_fits_qr_version_7_at_m():
    code = TicketFactory().signed_code()
    assert len(code) == codes.CODE_LENGTH == 132
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert qr_version(code) <= 7


def test_altered_code_rejected():
    code = TicketFactory().signed_code()
    altered = code[:40] + ("A" if code[40] != "A" else "B") + code[41:]
    with pytest.raises(codes.InvalidCode):
        codes.decode(altered)


@pytest.mark.parametrize("text", ["", "hello", "A" * 132, "0" * 132, "https://example.org/ticket/1"])
def test_garbage_rejected(text):
    with pytest.raises(codes.InvalidCode):
        codes.decode(text)


def test_code_signed_with_another_key_rejected():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    body = codes._BODY.pack(1, bytes(10), 1, 1, 1, 1)
    forged = codes.base64.b32encode(body + Ed25519PrivateKey.generate().sign(body)).decode().rstrip("=")
    with pytest.raises(codes.InvalidCode):
        codes.decode(forged)


def test_public_ids_are_random_not_sequential():
    ids = {codes.new_ticket_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 16 for i in ids)


def test_staff_badge_valid_on_every_day_of_the_edition():
    edition = EditionFactory()
    ticket = Ticket(edition=edition, day=None, kind="exhibitor_staff")
    assert ticket.days_mask() == 0b11


def test_qr_png_decodes_with_a_standard_reader():
    code = TicketFactory(day=DayFactory()).signed_code()
    image = Image.open(io.BytesIO(qr_png(code)))
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [code]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode


def test_qr_svg_has_accessible_name():
    svg = qr_svg("ABC234", title="Ticket for Ana")
    assert 'aria-label="Ticket for Ana"' in svg
    assert "<title>Ticket for Ana</title>" in svg


def test_last_character_changed_only_in_padding_bits_rejected():
    code = TicketFactory().signed_code()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    same_bits = alphabet[alphabet.index(code[-1]) ^ 1]  # flips a padding bit only
    with pytest.raises(codes.InvalidCode):
        codes.decode(code[:-1] + same_bits)
