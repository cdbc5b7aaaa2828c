"""Every visible string exists in French, Dutch and English (Brussels language laws)."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


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
