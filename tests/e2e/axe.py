"""axe-core in the page under test: fail on any violation of serious or critical impact."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()


def settle(page, *, attempts: int = 50) -> None:
    """Let running CSS animations end first: in the middle of a fade-in (the scanner's verdict), axe measures
    the contrast of text that is still half transparent."""
    for _attempt in range(attempts):
        if page.evaluate("document.getAnimations().every((a) => a.playState !== 'running')"):
            return
        page.wait_for_timeout(20)


def blocking_violations(page) -> list[dict]:
    """Run every axe rule (WCAG 2.0/2.1 A and AA, best practices) on the whole page."""
    settle(page)
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page, where: str = "") -> None:
    violations = blocking_violations(page)
    assert violations == [], f"axe found serious or critical violations on {where or page.url}:\n" + describe(
        violations
    )


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 means no horizontal scrolling).

    Measured against the layout viewport (`clientWidth`): in a mobile context `window.innerWidth` grows with
    the content, as a phone zooms out to show all of a page that is too wide, which would hide the overflow.
    """
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
