"""Field types shared by the API schemas of several apps."""

import datetime as dt
from typing import Annotated

from pydantic import WithJsonSchema

# A wall-clock time in Europe/Brussels ("10:00:00"), without a UTC offset. JSON Schema's "time" format means
# an RFC 3339 full-time, which requires the offset, so the answers did not match their own schema (found by
# tests/api/test_openapi.py); RFC 3339 calls a time without offset a "partial-time".
LocalTime = Annotated[
    dt.time,
    WithJsonSchema(
        {"type": "string", "format": "partial-time", "description": "Local time in Brussels, HH:MM:SS."}
    ),
]
