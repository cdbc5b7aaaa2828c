"""The gate scanner web app: its page, its web app manifest and its service worker.

The page is a static shell (all state lives on the device: the token, the edition's public key and revocation
list, the offline queue), so it is served the same to everyone and can be cached by the service worker. Each
language has its own scope (/fr/scan/, /nl/scan/, /en/scan/): the worker at /<lang>/scan/sw.js caches that
language's page and the assets it needs, so the scanner opens with no network once it has been opened.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.service_workers import existing, fingerprint, worker_response

from .services import DEVICE_SEARCH_MIN_LENGTH

# Everything the page loads, precached by the service worker. ES modules import each other by relative,
# unhashed names, so those are cached under both their hashed and their plain URL.
SCANNER_MODULES = [
    "js/scanner/main.js",
    "js/scanner/context.js",
    "js/scanner/sync.js",
    "js/scanner/scanning.js",
    "js/scanner/screens.js",
    "js/scanner/selftest.js",
    "js/scanner/pairing.js",
    "js/scanner/api.js",
    "js/scanner/store.js",
    "js/scanner/verify.js",
    "js/scanner/camera.js",
    "js/scanner/feedback.js",
    "js/scanner/ui.js",
]
SCANNER_ASSETS = [
    "css/site.css",
    "css/scan.css",
    "img/scanner-icon.svg",
    "img/scanner-icon-192.png",
    "img/scanner-icon-512.png",
]
# Browser builds copied from node_modules by `make install` (git-ignored); optional at run time: the page
# uses BarcodeDetector and WebCrypto Ed25519 when the browser has them.
VENDOR_ASSETS = ["vendor/jsQR.js", "vendor/noble-ed25519.js"]
SCANNER_WORKER = "js/scanner/sw.js"


def assets_fingerprint() -> str:
    """Changes whenever a scanner file changes, so that devices pick up the new version."""
    return fingerprint(SCANNER_WORKER, [*SCANNER_MODULES, *SCANNER_ASSETS, *VENDOR_ASSETS])


def scanner_strings() -> dict[str, str]:
    """Every sentence the scanner's JavaScript shows, in the page's language."""
    return _verdict_strings() | _action_strings() | _typed_and_rehearsal_strings() | _self_test_strings()


def _verdict_strings() -> dict[str, str]:
    """The status bar and the verdict of a scan."""
    return {
        "online": gettext("Online"),
        "offline": gettext("Offline"),
        "neverSynced": gettext("Not synced yet"),
        "lastSync": gettext("Last sync {time}"),
        "waitingNone": gettext("No scans waiting"),
        "waitingOne": gettext("1 scan waiting to upload"),
        "waitingMany": gettext("{count} scans waiting to upload"),
        "admitted": gettext("Admitted"),
        "exitRecorded": gettext("Exit recorded"),
        "alreadyIn": gettext("Already checked in"),
        "rejected": gettext("Rejected"),
        "headcountOne": gettext("1 person"),
        "headcountMany": gettext("{count} people"),
        "firstCheckin": gettext("First check-in {time} at {gate}"),
        "firstCheckinHere": gettext("First check-in {time} on this device"),
        "reason.invalid": gettext("Not a valid ticket: the code is forged, altered or unreadable."),
        "reason.wrong_day": gettext("This ticket is for another day."),
        "reason.cancelled": gettext("This ticket has been cancelled."),
        "reason.wrong_edition": gettext("This ticket is for another edition of the fair."),
        "reason.not_found": gettext("This ticket is unknown."),
        "reason.not_inside": gettext("This ticket is not checked in, so it cannot leave."),
        "reason.wrong_gate": gettext(
            "This ticket is not admitted at this gate: send the person to the right entrance."
        ),
        "reason.unknown": gettext("Refused by the server."),
        "validOn": gettext("Valid on {day}."),
        "checkedOffline": gettext("Checked on this device (offline)"),
        "kind.visitor": pgettext("ticket kind", "Visitor"),
        "kind.school_group": pgettext("ticket kind", "School group"),
        "kind.exhibitor_staff": pgettext("ticket kind", "Exhibitor staff"),
        "kind.walk_in": pgettext("ticket kind", "Walk-in"),
        "unnamed": gettext("Ticket {id}"),
    }


def _action_strings() -> dict[str, str]:
    """Undo, pairing, the camera, search and groups, and what can go wrong with them."""
    return {
        "undone": gettext("Last scan undone"),
        "undoTooLate": gettext("Too late to undo: more than 15 minutes have passed."),
        "undoFailed": gettext("The last scan could not be undone."),
        "undoNeedsNetwork": gettext("Undoing this scan needs a network connection."),
        "nothingToUndo": gettext("Nothing to undo"),
        "undoLaterScan": gettext("This ticket was scanned again since: undo the latest scan first."),
        "pairFailed": gettext(
            "This pairing code is not valid or has already been used. Ask an organizer for a new one."
        ),
        "tooManyTries": gettext("Too many tries. Wait a minute and try again."),
        "pairCodeMissing": gettext("Enter the pairing code shown in the back office."),
        "pairNeedsNetwork": gettext("Pairing needs a network connection. Connect and try again."),
        "paired": gettext("Paired: {device} at {gate}"),
        "unpaired": gettext("This device is no longer authorized. Pair it again."),
        "unpairConfirm": gettext("Unpair this device? Scans waiting to upload stay on it."),
        "cameraStop": gettext("Stop the camera"),
        "cameraUnavailable": gettext("The camera cannot be used here: type or search instead."),
        "cameraDenied": gettext(
            "Camera access was refused. Allow it in the browser settings, or type the code."
        ),
        "searchEmpty": gettext("No ticket matches “{query}”."),
        "searchTooShort": gettext("Type at least {count} characters.").format(count=DEVICE_SEARCH_MIN_LENGTH),
        "searchNeedsNetwork": gettext("Search needs a network connection."),
        "searchFailed": gettext("The search did not answer. Try again."),
        "searchCount": gettext("{count} tickets found"),
        "searchCountOne": gettext("1 ticket found"),
        "admitThis": gettext("Admit"),
        "statusInside": gettext("Inside"),
        "statusCancelled": gettext("Cancelled"),
        "notToday": gettext("Not valid today"),
        "registeredBy": gettext("registered by {name}"),
        "admitTogether": gettext("Admit the {count} selected together"),
        "groupAdmitted": gettext("{count} admitted together"),
        "groupFailed": gettext("The group could not be admitted. Scan each ticket."),
        "groupNeedsNetwork": gettext("Admitting a group needs a network connection: scan each ticket."),
        "noConfig": gettext("The ticket key is not on this device yet: connect once to download it."),
        "syncConflicts": gettext("{count} tickets were also admitted at another gate while offline."),
        "notSecure": gettext("This browser cannot check signatures offline."),
        "unexpected": gettext("Something went wrong. Scan again."),
    }


def _typed_and_rehearsal_strings() -> dict[str, str]:
    """Typed ticket numbers and rehearsal tickets."""
    return {
        "typedUnknown": gettext(
            "No ticket has this number. Check it against the ticket, or search by the person's name."
        ),
        "typedNeedsNetworkTitle": gettext("Network needed"),
        "typedNeedsNetwork": gettext(
            "A typed ticket number can only be checked online. Scan the QR code instead, "
            "or queue the number: it will be checked when the network is back."
        ),
        "typedQueued": gettext("Number queued: it will be checked when the network is back."),
        "rehearsal": gettext("Rehearsal ticket: not counted"),
        "reason.rehearsal_closed": gettext("This rehearsal is over: its tickets no longer open the gates."),
    }


def _self_test_strings() -> dict[str, str]:
    """The gate self-test: each check's name, its state in words, and what to do when it is not green."""
    return {
        "selftest.running": gettext("Checking…"),
        "selftest.allGood": gettext("All checks passed: this gate is ready."),
        "selftest.someToDo": gettext("{passed} of {total} checks passed: see what to do below."),
        "selftest.status.ok": gettext("ready"),
        "selftest.status.warn": gettext("to check"),
        "selftest.status.fail": gettext("to fix"),
        "selftest.camera": gettext("Camera"),
        "selftest.cameraOk": gettext("A camera is there. Tap “Scan with the camera” to use it."),
        "selftest.cameraNone": gettext(
            "No camera found: use a handheld scanner, or type the ticket numbers."
        ),
        "selftest.cameraDenied": gettext(
            "Camera access is refused: allow it in the browser's site settings."
        ),
        "selftest.network": gettext("Network and server"),
        "selftest.networkOk": gettext("The server answered in {ms} ms."),
        "selftest.networkSlow": gettext(
            "The server answered in {ms} ms: slow. Move closer to the Wi-Fi or switch to mobile data."
        ),
        "selftest.networkDown": gettext(
            "The server does not answer: connect to the Wi-Fi or mobile data. Scans still work offline."
        ),
        "selftest.clock": gettext("Clock"),
        "selftest.clockOk": gettext("The device's clock is right (within {seconds} s of the server's)."),
        "selftest.clockOff": gettext(
            "The device's clock is {seconds} s off: set date and time to automatic in the device's settings."
        ),
        "selftest.clockUnknown": gettext("Cannot compare the clock without the network."),
        "selftest.keys": gettext("Ticket keys and cancelled tickets"),
        "selftest.keysOk": gettext("{keys} signing key(s) and {revoked} cancelled ticket(s) loaded."),
        "selftest.keysMissing": gettext(
            "The ticket keys are not on this device: connect to the network once."
        ),
        "selftest.rehearsalOpen": gettext("A rehearsal is open: rehearsal tickets are admitted."),
        "selftest.offline": gettext("Works offline"),
        "selftest.offlineOk": gettext("The page and its files are saved on this device."),
        "selftest.offlineNotReady": gettext(
            "The page is not saved for offline use yet: reload it once while online, then test again."
        ),
        "selftest.offlineUnsupported": gettext(
            "This browser cannot save the page for offline use: use another."
        ),
        "selftest.queue": gettext("Scans waiting"),
        "selftest.queueEmpty": gettext("No scan waiting to upload."),
        "selftest.queueWaiting": gettext(
            "{count} scans wait to upload: stay within network reach until they are sent."
        ),
        "selftest.queueUnreadable": gettext("This device's storage cannot be read: reload the page."),
    }


@require_GET
def scan_page(request: HttpRequest) -> HttpResponse:
    language = get_language()
    context = {
        "strings": scanner_strings(),
        "scanner_config": {
            "language": language,
            "api": "/api/v1/",
            "serviceWorker": reverse("checkin:scan-service-worker"),
            "scope": reverse("checkin:scan"),
            "vendor": {path: static(path) for path in existing(VENDOR_ASSETS)},
            "version": assets_fingerprint(),
        },
    }
    return render(request, "checkin/scan.html", context)


@require_GET
def scan_manifest(request: HttpRequest) -> JsonResponse:
    scope = reverse("checkin:scan")
    manifest = {
        "name": gettext("Printemps Numérique gate scanner"),
        "short_name": gettext("Scanner"),
        "description": gettext("Check tickets in at the gates of Printemps Numérique, even offline."),
        "lang": get_language(),
        "id": scope,
        "start_url": scope,
        "scope": scope,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#073d2f",
        "icons": [
            {"src": static("img/scanner-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("img/scanner-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/scanner-icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/scanner-icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
@cache_control(no_cache=True, max_age=0)
def scan_service_worker(request: HttpRequest) -> HttpResponse:
    """The worker script, with this deployment's asset list and version written in front of it."""
    scope = reverse("checkin:scan")
    precache = [scope, reverse("checkin:scan-manifest")]
    for path in existing([*SCANNER_MODULES, *SCANNER_ASSETS, *VENDOR_ASSETS]):
        precache.append(static(path))
        plain = settings.STATIC_URL + path
        if path.endswith(".js") and plain not in precache:
            precache.append(plain)
    version = f"{assets_fingerprint()}-{get_language()}"
    constants = {"VERSION": version, "SCOPE": scope, "PRECACHE": precache}
    return worker_response(worker=SCANNER_WORKER, constants=constants, scope=scope)
