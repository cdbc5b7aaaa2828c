"""The personal agenda cookie: the visitor's starred sessions, signed so that nobody can slip in ids,
and the token of their saved agenda once they asked for a calendar link."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "pn_agenda"
SALT = "events.agenda"
MAX_SESSIONS = 200
MAX_AGE = 60 * 60 * 24 * 400


@dataclass
class StarredSessions:
    session_ids: list[str] = field(default_factory=list)
    token: str = ""

    def __contains__(self, public_id: str) -> bool:
        return public_id in self.session_ids

    def toggle(self, public_id: str) -> bool:
        """Star or unstar; True when the session is now starred."""
        if public_id in self.session_ids:
            self.session_ids.remove(public_id)
            return False
        self.session_ids = [*self.session_ids, public_id][-MAX_SESSIONS:]
        return True


def read(request: HttpRequest) -> StarredSessions:
    raw = request.get_signed_cookie(COOKIE, default=None, salt=SALT)
    if not raw:
        return StarredSessions()
    try:
        data = json.loads(raw)
        ids = [str(i)[:10] for i in data.get("s", []) if isinstance(i, str)][:MAX_SESSIONS]
        token = str(data.get("t", ""))[:20]
    except (ValueError, AttributeError, TypeError):
        return StarredSessions()
    return StarredSessions(session_ids=ids, token=token)


def write(response: HttpResponse, starred: StarredSessions) -> HttpResponse:
    payload = json.dumps({"s": starred.session_ids, "t": starred.token}, separators=(",", ":"))
    response.set_signed_cookie(
        COOKIE,
        payload,
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
