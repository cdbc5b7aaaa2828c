"""The signed code a QR ticket carries, verifiable offline by any scanner holding the public key.

Layout (big-endian), 18 bytes then a 64-byte Ed25519 signature, base32 without padding (132 characters,
all in the QR alphanumeric set, so the code fits a version 7 QR at error correction M):

    version (1) | ticket id (10) | edition (2) | days mask (2) | kind (1) | headcount (2) | signature (64)

Bit i of the days mask means "valid on the edition's first day + i days"; a rehearsal ticket's code sets
REHEARSAL_FLAG in the kind byte and carries its rehearsal's tag in place of the days mask.

The path of one code, from signing to scanning:

1. Issuing. `tickets.services` (`register`, `issue_ticket`) stores a Ticket with a random `public_id`
   (`new_ticket_id`: the 10 id bytes in base32). The code itself is never stored.
2. Signing. `Ticket.signed_code()` packs the id, edition, days mask (`Ticket.days_mask`), kind
   (`enums.KIND_CODES`) and headcount into a `TicketPayload` and calls `encode`, which signs with
   `signing_key()` (TICKET_SIGNING_KEY; in development only, derived from SECRET_KEY when unset): every
   server signs alike.
3. Printing. The templates draw the code as a QR (`tickets_tags.ticket_qr` in pages, `ticket_qr_data_uri`
   in the PDF that `tickets.documents` renders, through `tickets.qr`), with the ticket id beside it.
4. Scanning. The scanner page (static/js/scanner) reads the QR text, or staff type or search the id.
5. Online check. The scanner posts the text to POST /api/v1/checkins; `tickets.checkin.services.check_in`
   runs `decode` (length, alphabet, canonical spelling, signature, version: anything else is "invalid"),
   finds the ticket by its id and refuses, in order, not_found, wrong_edition, cancelled, wrong_day,
   wrong_gate (then not_inside for an exit), from the database as it is now.
6. Offline check. Without network, `offlineVerdict` in static/js/scanner/verify.js does the same with what
   GET /api/v1/checkins/config gave it: `public_keys()` to verify the signature (WebCrypto, else
   @noble/ed25519; the current key, then each fallback), the edition id, the first day for the days
   mask, the gate's admitted kinds, and the revocation list (public ids of cancelled tickets, so a ticket
   cancelled after printing is refused offline too). The scan is queued and sent to
   POST /api/v1/checkins/sync, where `check_in` decides again.

Rotating the key: the new seed becomes TICKET_SIGNING_KEY and the old one joins TICKET_SIGNING_KEY_FALLBACKS
(comma-separated). New codes are signed with the new key; `decode` and the offline scanner accept a code that
any listed key signed, so tickets already printed for a fair stay valid. A code does not say which key signed
it (the layout has no room), so each key is tried in turn; there are only ever a few.

A change to this layout changes the scanner's verifier with it: keep `VERSION`, the byte layout and the
kind codes in step with verify.js.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

VERSION = 1
TICKET_ID_BYTES = 10
_BODY = struct.Struct(">B10sHHBH")
SIGNATURE_BYTES = 64
CODE_LENGTH = len(base64.b32encode(bytes(_BODY.size + SIGNATURE_BYTES)).rstrip(b"="))


# A rehearsal ticket (tickets.models.Rehearsal) sets the kind byte's high bit, and its days mask holds the
# rehearsal's tag (its id modulo REHEARSAL_TAGS): valid on any day while that rehearsal is open, which the
# scanner learns from GET /api/v1/checkins/config ("rehearsal": {"tag"}). Mirrored in verify.js.
REHEARSAL_FLAG = 0x80
REHEARSAL_TAGS = 1 << 16


class InvalidCode(ValueError):
    """The text is not a code we signed: malformed, altered or forged."""


@dataclass(frozen=True)
class TicketPayload:
    ticket_id: bytes
    edition_id: int
    days_mask: int
    kind: int
    headcount: int

    def valid_on_offset(self, offset: int) -> bool:
        return 0 <= offset < 16 and bool(self.days_mask & (1 << offset))

    @property
    def rehearsal(self) -> bool:
        return bool(self.kind & REHEARSAL_FLAG)

    @property
    def ticket_id_text(self) -> str:
        return ticket_id_to_text(self.ticket_id)


def ticket_id_to_text(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii")


def ticket_id_from_text(text: str) -> bytes:
    return base64.b32decode(text.upper())


# What people mistype for a base32 letter when copying a ticket number (0, 1 and 8 are not in the alphabet:
# they can only mean O, I and B).
_TYPED_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
TICKET_NUMBER_LENGTH = len(base64.b32encode(bytes(TICKET_ID_BYTES)))
# A typed number may have lost or gained a few characters: still a number, answered "unknown", never "forged".
TYPED_LENGTHS = range(TICKET_NUMBER_LENGTH - 4, TICKET_NUMBER_LENGTH + 5)


def typed_ticket_id(text: str) -> str | None:
    """The ticket id a person typed (the number printed under the QR, "VFLY BY7T EVGY 6SLA"), spaces, dashes
    and case ignored; None when the text is not shaped like a ticket number (a whole signed code, garbage).
    Kept in step with typedTicketId in static/js/scanner/verify.js (tests/checkin/verdict_vectors.json)."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    if len(cleaned) not in TYPED_LENGTHS or not cleaned.isascii() or not cleaned.isalnum():
        return None
    return cleaned.translate(_TYPED_LOOKALIKES)


def new_ticket_id() -> str:
    """80 random bits, base32: 16 characters, never sequential, never guessable."""
    return ticket_id_to_text(os.urandom(TICKET_ID_BYTES))


def _seed(text: str) -> bytes:
    seed = base64.b64decode(text.strip(), validate=True)
    if len(seed) != 32:
        raise ValueError("an Ed25519 seed is 32 bytes")
    return seed


@cache
def _keyring(
    key_text: str, fallbacks: tuple[str, ...], secret_key: str
) -> tuple[Ed25519PrivateKey, tuple[Ed25519PublicKey, ...]]:
    """The signing key and every verification key, built once per configuration: every scan uses them."""
    if key_text:
        current = _seed(key_text)
    else:
        # Development only (settings refuse to start without the key when DEBUG is off): from SECRET_KEY.
        current = hashlib.sha256(b"printemps-ticket-signing:" + secret_key.encode()).digest()
    seeds = dict.fromkeys([current, *(_seed(text) for text in fallbacks)])
    private = {seed: Ed25519PrivateKey.from_private_bytes(seed) for seed in seeds}
    return private[current], tuple(key.public_key() for key in private.values())


def _configured() -> tuple[Ed25519PrivateKey, tuple[Ed25519PublicKey, ...]]:
    return _keyring(
        settings.TICKET_SIGNING_KEY, tuple(settings.TICKET_SIGNING_KEY_FALLBACKS), settings.SECRET_KEY
    )


def signing_key() -> Ed25519PrivateKey:
    return _configured()[0]


def verification_keys() -> tuple[Ed25519PublicKey, ...]:
    """The current public key first, then the fallbacks' (TICKET_SIGNING_KEY_FALLBACKS), each once."""
    return _configured()[1]


def public_key() -> Ed25519PublicKey:
    return verification_keys()[0]


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 8 hex digits of its SHA-256."""
    return hashlib.sha256(_raw(key)).hexdigest()[:8]


def public_key_base64() -> str:
    """The current raw 32-byte public key, base64, for scanners that verify offline."""
    return base64.b64encode(_raw(public_key())).decode("ascii")


def public_keys() -> list[dict[str, str]]:
    """Every key a code may be signed with, current first: [{"id", "key" (raw, base64)}]."""
    return [
        {"id": key_id(key), "key": base64.b64encode(_raw(key)).decode("ascii")} for key in verification_keys()
    ]


def _verifies(signature: bytes, body: bytes) -> bool:
    for key in verification_keys():
        try:
            key.verify(signature, body)
        except InvalidSignature:
            continue
        return True
    return False


def encode(payload: TicketPayload) -> str:
    body = _BODY.pack(
        VERSION, payload.ticket_id, payload.edition_id, payload.days_mask, payload.kind, payload.headcount
    )
    signed = body + signing_key().sign(body)
    return base64.b32encode(signed).decode("ascii").rstrip("=")


def decode(text: str) -> TicketPayload:
    """Verify and unpack a scanned code; raise InvalidCode for anything we did not sign."""
    cleaned = "".join(text.split()).upper()
    if len(cleaned) != CODE_LENGTH:
        raise InvalidCode("length")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError as error:
        raise InvalidCode("alphabet") from error
    if base64.b32encode(raw).decode("ascii").rstrip("=") != cleaned:
        # The last character carries 4 padding bits: only the canonical spelling of a code is accepted.
        raise InvalidCode("not canonical")
    body, signature = raw[: _BODY.size], raw[_BODY.size :]
    if not _verifies(signature, body):
        raise InvalidCode("signature")
    version, ticket_id, edition_id, days_mask, kind, headcount = _BODY.unpack(body)
    if version != VERSION:
        raise InvalidCode("version")
    return TicketPayload(ticket_id, edition_id, days_mask, kind, headcount)
