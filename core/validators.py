"""Validators every app's forms and services share.

`validate_person_name` refuses a name that carries a web address or an e-mail address. Names travel in the
organizers' mails (the confirmation greets the visitor by name), so a "name" such as "Call … or visit
https://…" would turn the organizers' sender into a spammer's or a phisher's: a name has no link in it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NAME_WITH_LINK_MESSAGE = _("Enter a name without a web address or an email address.")

# A scheme ("https://", "mailto:"), "www.", an "@" between characters, or a host name ending in a common
# top-level domain ("example.com", "bit.ly/x"). Initials ("J.R. Smith", "A.-M. Dupont") do not match.
_LINK = re.compile(
    r"[a-z][a-z0-9+.-]*://"
    r"|\b(?:mailto|www)[:.]"
    r"|\S@\S"
    r"|\b[a-z0-9-]{2,}(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|be|brussels|eu|fr|nl|de|lu|uk|io|co|ly|me"
    r"|xyz|top|site|online|app|link|click|shop|store|live|ru|cn|tk|gl|gg)\b",
    re.IGNORECASE,
)


def name_has_link(value: str) -> bool:
    """Whether a person's or a class's name carries a web address or an e-mail address."""
    return bool(_LINK.search(value or ""))


def validate_person_name(value: str) -> None:
    """The form validator: a name with a web or an e-mail address is refused with a message saying so."""
    if name_has_link(value):
        raise ValidationError(NAME_WITH_LINK_MESSAGE, code="name_with_link")
