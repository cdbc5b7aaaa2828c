"""A small crawler over the site's own pages with Django's test client: every page, form and htmx POST a
visitor can reach from the home page (and from the secret links the fixtures add)."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/api/", "/jsi18n/", "/i18n/")
SKIP_SUFFIXES = (".pdf", ".ics", ".json", ".csv", ".png", ".svg", ".webp", ".webmanifest", ".js", ".xml")


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.action} (from {self.page})"


class _PageParser(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(urljoin(self.url, attributes["href"]))
        for hx in ("hx-post", "hx-put", "hx-patch", "hx-delete"):
            if attributes.get(hx):
                self.forms.append(Form(self.url, urljoin(self.url, attributes[hx])))
        if tag == "form":
            if (attributes.get("method") or "get").lower() == "post":
                self._form = Form(self.url, urljoin(self.url, attributes.get("action") or self.url))
                self.forms.append(self._form)
            else:
                self._form = None
        elif self._form is not None and tag in ("input", "button") and attributes.get("name"):
            kind = (attributes.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                self._form.fields.setdefault(attributes["name"], attributes.get("value") or "on")
            elif kind != "file":
                self._form.fields[attributes["name"]] = attributes.get("value") or ""
        elif self._form is not None and tag == "select" and attributes.get("name"):
            self._select = attributes["name"]
        elif self._form is not None and tag == "option" and self._select:
            self._form.fields.setdefault(self._select, attributes.get("value") or "")
        elif self._form is not None and tag == "textarea" and attributes.get("name"):
            self._form.fields[attributes["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _route(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return path


def crawl(
    client, start: list[str], *, language: str = "fr", limit: int = 150, per_route: int = 1
) -> tuple[list[str], list[Form]]:
    """Breadth-first over internal HTML pages in one language; returns the pages seen and the POST forms.

    Pages of one URL route (one exhibitor, one session...) are alike: `per_route` of each are enough, and
    the other languages serve the same forms."""
    seen: set[str] = set()
    routes: Counter[str] = Counter()
    pages: list[str] = []
    forms: dict[str, Form] = {}
    queue = deque(start)
    while queue and len(pages) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if (
            path in seen
            or not parts.path.startswith(f"/{language}/")
            or parts.path.startswith(SKIP_PREFIXES)
            or parts.path.endswith(SKIP_SUFFIXES)
        ):
            continue
        seen.add(path)
        route = _route(path)
        if routes[route] >= per_route:
            continue
        routes[route] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages.append(path)
        parser = _PageParser("http://testserver" + path)
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(form.action)
            form.action = action.path + (f"?{action.query}" if action.query else "")
            forms.setdefault(form.action, form)
        queue.extend(link.split("#")[0] for link in parser.links)
    return pages, list(forms.values())
