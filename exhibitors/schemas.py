"""API shapes: explicit fields only; the organizers-only contact never appears here."""

from __future__ import annotations

from ninja import Schema


class CategoryOut(Schema):
    slug: str
    name: str


class StandRef(Schema):
    code: str
    hall: str
    hall_name: str


class SocialLinkOut(Schema):
    network: str
    url: str


class SessionRef(Schema):
    public_id: str
    title: str
    starts_at: str
    ends_at: str
    space: str


class ActivityOut(Schema):
    title: str
    description: str
    session: SessionRef | None


class ExhibitorOut(Schema):
    slug: str
    name: str
    description: str
    website: str
    social_links: list[SocialLinkOut]
    categories: list[str]
    stand: StandRef | None
    logo_url: str | None
    url: str


class ExhibitorDetailOut(ExhibitorOut):
    activities: list[ActivityOut]


class StandOut(Schema):
    code: str
    hall: str
    x: float
    y: float
    width: float
    depth: float
    site_x: float
    site_y: float
    power: str
    step_free: bool
    turning_space: bool
    low_counter: bool
    accessibility_notes: str
    exhibitor: str | None


class HallOut(Schema):
    slug: str
    name: str
    plan_x: int
    plan_y: int
    plan_width: int
    plan_height: int
    step_free: bool
    stands: list[StandOut]
