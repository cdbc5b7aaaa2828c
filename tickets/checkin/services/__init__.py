"""Check-in services, in modules that import one way: devices <- lookup <- scanning, search <- desk.

- devices: pairing, bearer tokens, revocation, the offline kit a scanner downloads;
- lookup: the scan's one SELECT (the ticket, its companions, their presence) and its one INSERT;
- scanning: one scan (its verdict is tickets.checkin.verdict.decide), groups, undo, offline sync;
- search: finding tickets by name, at the desk and (narrower) from a scanner device;
- desk: walk-in visitors registered and admitted in one step;
- paper: the paper list of everyone expected, and the entries recorded from it.
"""

from .desk import admit_walk_ins, day_today
from .devices import (
    DEVICE_LOOKUP,
    PAIRING_CODE_LIFETIME,
    UNDO_WINDOW,
    authenticate_device,
    create_device,
    device_config,
    new_pairing_code_for,
    pair_device,
    report_queue,
    revoke_device,
    touch_device,
)
from .lookup import LOOKUP, Presence, presence_of, ticket_is_valid_on, with_presence
from .paper import ROWS_PER_PAGE, PaperList, admit_from_paper_list, normalize_number, paper_list
from .scanning import ScanOutcome, check_in, check_in_group, sync_offline_scans, undo_check_in
from .search import (
    DEVICE_SEARCH_MIN_LENGTH,
    DEVICE_SEARCHES_PER_MINUTE,
    SEARCH_LIMIT,
    search_tickets,
    search_tickets_for_device,
)

__all__ = [
    "DEVICE_LOOKUP",
    "DEVICE_SEARCHES_PER_MINUTE",
    "DEVICE_SEARCH_MIN_LENGTH",
    "LOOKUP",
    "PAIRING_CODE_LIFETIME",
    "ROWS_PER_PAGE",
    "SEARCH_LIMIT",
    "UNDO_WINDOW",
    "PaperList",
    "Presence",
    "ScanOutcome",
    "admit_from_paper_list",
    "admit_walk_ins",
    "authenticate_device",
    "check_in",
    "check_in_group",
    "create_device",
    "day_today",
    "device_config",
    "new_pairing_code_for",
    "normalize_number",
    "pair_device",
    "paper_list",
    "presence_of",
    "report_queue",
    "revoke_device",
    "search_tickets",
    "search_tickets_for_device",
    "sync_offline_scans",
    "ticket_is_valid_on",
    "touch_device",
    "undo_check_in",
    "with_presence",
]
