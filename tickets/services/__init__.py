"""The tickets services, one module per step, each importing only the ones above it in this list:

    capacity      the places of a day and an arrival window, the day lock, issuing and cancelling one ticket
    pending       online registrations waiting for their e-mail confirmation: one per address, its link
    registration  the days visitors may pick; registering a person and their companions (or holding
                  their places until the address is confirmed)
    waitlist      waiting for places on a full day; offering freed places in order; claiming an offer;
                  changing a day's capacity
    confirmation  the e-mail confirmed: the held places become tickets
    cancellation  cancelling a registration's tickets, releasing its days, offering the places
    managing      the manage page: companions, the secret link, mailing the tickets again, news consent;
                  moving a registration to another day (staff)
    reminders     the reminder mail before a visit
    post          tickets sent by post: the postal address, the letters to post, marked posted

Callers use the names below (`tickets.services.register`, `tickets.services.lock_day`, ...).
"""

from .cancellation import cancel_tickets
from .capacity import (
    cancel_ticket,
    capacity_guard_enabled,
    issue_ticket,
    lock_day,
    places_left,
    places_left_of_days,
    places_left_unclamped,
    take_places,
)
from .confirmation import confirm_registration
from .managing import (
    add_companion,
    move_to_day,
    people_in,
    regenerate_manage_link,
    remove_companion,
    resend_confirmation,
    send_manage_links,
    withdraw_news_consent,
)
from .pending import pending_for, send_confirm_link
from .post import mark_posted, posted, register_by_post, to_post
from .registration import (
    check_day_open,
    check_names,
    clean_name,
    existing_registration_for,
    public_days,
    register,
)
from .reminders import send_reminders
from .waitlist import (
    claim_offer,
    join_waiting_list,
    leave_waiting_list,
    offer_free_places,
    offer_freed_places,
    places_issued,
    position_in_line,
    process_waiting_list,
    set_day_capacity,
)

__all__ = [
    "add_companion",
    "cancel_ticket",
    "cancel_tickets",
    "capacity_guard_enabled",
    "check_day_open",
    "check_names",
    "claim_offer",
    "clean_name",
    "confirm_registration",
    "existing_registration_for",
    "issue_ticket",
    "join_waiting_list",
    "leave_waiting_list",
    "lock_day",
    "mark_posted",
    "move_to_day",
    "offer_free_places",
    "offer_freed_places",
    "pending_for",
    "people_in",
    "places_issued",
    "places_left",
    "places_left_of_days",
    "places_left_unclamped",
    "position_in_line",
    "posted",
    "process_waiting_list",
    "public_days",
    "regenerate_manage_link",
    "register",
    "register_by_post",
    "remove_companion",
    "resend_confirmation",
    "send_confirm_link",
    "send_manage_links",
    "send_reminders",
    "set_day_capacity",
    "take_places",
    "to_post",
    "withdraw_news_consent",
]
