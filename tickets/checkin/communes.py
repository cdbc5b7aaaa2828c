"""The 19 communes of the Brussels-Capital Region by postal code (1000–1210), in French and Dutch.

Some communes have several postal codes (the City of Brussels: 1000, 1020 Laeken, 1120 Neder-Over-Heembeek,
1130 Haren); the other codes between 1000 and 1212 belong to institutions and count as "Brussels (other)".
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# postal code: (commune in French, commune in Dutch)
COMMUNES: dict[str, tuple[str, str]] = {
    "1000": ("Bruxelles", "Brussel"),
    "1020": ("Bruxelles (Laeken)", "Brussel (Laken)"),
    "1030": ("Schaerbeek", "Schaarbeek"),
    "1040": ("Etterbeek", "Etterbeek"),
    "1050": ("Ixelles", "Elsene"),
    "1060": ("Saint-Gilles", "Sint-Gillis"),
    "1070": ("Anderlecht", "Anderlecht"),
    "1080": ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
    "1081": ("Koekelberg", "Koekelberg"),
    "1082": ("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    "1083": ("Ganshoren", "Ganshoren"),
    "1090": ("Jette", "Jette"),
    "1120": ("Bruxelles (Neder-Over-Heembeek)", "Brussel (Neder-Over-Heembeek)"),
    "1130": ("Bruxelles (Haren)", "Brussel (Haren)"),
    "1140": ("Evere", "Evere"),
    "1150": ("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
    "1160": ("Auderghem", "Oudergem"),
    "1170": ("Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    "1180": ("Uccle", "Ukkel"),
    "1190": ("Forest", "Vorst"),
    "1200": ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    "1210": ("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
}

OTHER_BRUSSELS = "brussels-other"
OUTSIDE = "outside"
UNKNOWN = "unknown"


def commune_key(postal_code: str) -> str:
    code = "".join(postal_code.split())
    if code in COMMUNES:
        return code
    if code.isdigit() and len(code) == 4 and 1000 <= int(code) <= 1212:
        return OTHER_BRUSSELS
    if not code:
        return UNKNOWN
    return OUTSIDE


def commune_label(key: str, language: str | None = None) -> str:
    """'1050 Ixelles' in French, '1050 Elsene' in Dutch, both names in English."""
    if key in COMMUNES:
        french, dutch = COMMUNES[key]
        lang = (language or get_language() or "fr")[:2]
        if lang == "nl":
            name = dutch
        elif lang == "fr" or french == dutch:
            name = french
        else:
            name = f"{french} / {dutch}"
        return f"{key} {name}"
    labels = {
        OTHER_BRUSSELS: _("Brussels, other postal code"),
        OUTSIDE: _("Outside the Brussels Region"),
        UNKNOWN: _("Not given"),
    }
    return str(labels[key])
