"""Signals other apps listen to without tickets knowing them (the apps above import tickets, never back)."""

from django.dispatch import Signal

# Sent by tickets.privacy.anonymize_edition inside its transaction, with `edition` and `now`: an app that
# holds personal data of the edition (proposals, speakers) erases it too, and may add to `counts`.
edition_anonymized = Signal()

# Sent by tickets.privacy.erase_registration inside its transaction, with `registration` (erased already) and
# `email` (the address it had): an app that recorded something of that person erases it too.
registration_erased = Signal()
