"""A suggestion for an e-mail address whose domain looks like a typo of a common one ("ana@gmial.com":
"ana@gmail.com?"). Only a suggestion: the address typed is always accepted (some people do use rare domains).

No well-kept library for this is available to the project; a short list of the domains Brussels visitors
use most and an edit distance that counts a swap of two letters as one edit are enough."""

from __future__ import annotations

COMMON_DOMAINS = (
    "gmail.com", "hotmail.com", "hotmail.be", "hotmail.fr", "outlook.com", "outlook.be", "live.com",
    "live.be", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "skynet.be", "telenet.be",
    "proximus.be", "scarlet.be", "voo.be", "gmx.com", "mail.com", "orange.fr", "free.fr", "laposte.net",
    "protonmail.com", "proton.me",
)  # fmt: skip
# A domain that differs from a common one only by one of these endings is a real other domain, not a typo.
REAL_ENDINGS = {"com", "be", "fr", "nl", "net", "org", "eu", "de", "lu", "brussels"}


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current.append(best)
        previous2, previous = previous, current
    return previous[-1]


def suggest_email(address: str) -> str | None:
    """The address with the common domain it was probably meant to have, or None."""
    local, at, domain = address.strip().rpartition("@")
    domain = domain.lower()
    if not (local and at and domain) or domain in COMMON_DOMAINS:
        return None
    distance, best = min((edit_distance(domain, common), common) for common in COMMON_DOMAINS)
    if distance > 2 or distance >= len(domain) // 3:
        return None
    name, _, ending = domain.rpartition(".")
    if name == best.rpartition(".")[0] and ending in REAL_ENDINGS:
        return None
    return f"{local}@{best}"
