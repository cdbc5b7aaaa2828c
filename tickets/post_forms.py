"""The desk's postal address fields: asked only when the tickets go by post, and kept only then."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Channel

# Form field name -> (PostalAddress field, label, required, max length, autocomplete off: someone else's)
POSTAL_FIELDS = {
    "post_street": ("street", _("Street"), True, 120),
    "post_number": ("number", _("House number"), True, 12),
    "post_box": ("box", _("Box (optional)"), False, 12),
    "post_postal_code": ("postal_code", _("Postal code"), True, 10),
    "post_commune": ("commune", _("Municipality"), True, 80),
    "post_country": ("country", _("Country (leave empty for Belgium)"), False, 60),
}
MISSING = {
    "post_street": _("Enter the street to post the tickets to."),
    "post_number": _("Enter the house number."),
    "post_postal_code": _("Enter the postal code, like 1000."),
    "post_commune": _("Enter the municipality, like Bruxelles."),
}


def add_postal_fields(form: forms.Form) -> None:
    for name, (_field, label, _required, max_length) in POSTAL_FIELDS.items():
        form.fields[name] = forms.CharField(
            label=label,
            required=False,  # required only by post: see clean_postal_address
            max_length=max_length,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )


def clean_postal_address(form: forms.Form, data: dict) -> None:
    """By post: every part of the address but the box and country is needed, and data["address"] holds it.
    Any other channel: the address is dropped, never stored."""
    if data.get("channel") != Channel.POST:
        data["address"] = None
        return
    address = {}
    for name, (field, _label, required, _max) in POSTAL_FIELDS.items():
        value = " ".join((data.get(name) or "").split())
        if required and not value:
            form.add_error(name, MISSING[name])
        address[field] = value
    data["address"] = address
    if not data.get("postal_code") and address["postal_code"]:
        data["postal_code"] = address["postal_code"]  # the statistics' postal code, as on the envelope
