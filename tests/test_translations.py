"""Every visible string exists in French, Dutch and English (Brussels language laws)."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
TEMPLATES = LOCALE.parent / "templates"


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_every_string_translated(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert missing == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_placeholders_survive_translation(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    broken = []
    for entry in po.translated_entries():
        for placeholder in ("%(", "{"):
            names = (
                sorted(part.split(")")[0] for part in entry.msgid.split("%(")[1:])
                if placeholder == "%("
                else sorted(part.split("}")[0] for part in entry.msgid.split("{")[1:])
            )
            translated = entry.msgstr or entry.msgstr_plural.get(0, "")
            for name in names:
                token = f"%({name})" if placeholder == "%(" else f"{{{name}}}"
                if token not in translated:
                    broken.append((entry.msgid, token))
    assert broken == []


# A letter or digit right before a colon, except URL schemes ("https:") and times or ratios
# ("10:00", "4,5:1").
_TIGHT_COLON = re.compile(r"(?<![\d,])(?<!https)(?<!http)(?<!mailto)(?<!tel)[^\W_]:(?!\d)(?!//)")


def test_french_puts_a_no_break_space_before_colons():
    po = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    tight = [
        text
        for entry in po.translated_entries()
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if _TIGHT_COLON.search(text.replace("%(label)s", "label"))
    ]
    assert tight == []


def test_templates_put_label_colons_inside_the_translation():
    """`{% translate "Phone" %}:` glues the colon in every language; French wants a no-break space."""
    glued = re.compile(r"""\{% translate "[^"]*" %\}:|_\("[^"]*"\) \}\}:""")
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "mail" not in path.parts and glued.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_french_footer_labels_have_a_no_break_space_before_the_colon(client):
    html = client.get("/fr/").content.decode()
    assert "Téléphone\u00a0:" in html
    assert "Adresse postale\u00a0:" in html
    assert "Phone:" in client.get("/en/").content.decode()
