"""A synthetic PRD of a chosen length, for benchmarks only (written here, not from the corpus)."""

from __future__ import annotations

import random

_WORDS = [
    "export",
    "schedule",
    "invoice",
    "report",
    "dashboard",
    "latency",
    "retention",
    "cohort",
    "upload",
    "review",
    "approve",
    "archive",
    "search",
    "filter",
    "notify",
    "sync",
    "offline",
    "mobile",
    "billing",
    "audit",
    "permission",
    "onboarding",
    "trial",
    "renewal",
    "workflow",
    "queue",
    "template",
    "comment",
    "share",
    "attach",
    "reminder",
    "calendar",
    "import",
]
_ROLES = ("user", "claims adjuster", "customer", "trial admin", "nurse", "registered user")


def paragraph(rng: random.Random, words: int = 60) -> str:
    """A paragraph of plausible filler sentences, about ``words`` words long."""
    out: list[str] = []
    while len(" ".join(out).split()) < words:
        picked = rng.sample(_WORDS, 6)
        out.append(
            f"The {picked[0]} step must {picked[1]} each {picked[2]} before the {picked[3]} "
            f"and {picked[4]} are shown in the {picked[5]} view."
        )
    return " ".join(out)


def story(rng: random.Random, index: int) -> str:
    role = _ROLES[index % len(_ROLES)]
    article = "an" if role[0] in "aeiou" else "a"
    picked = rng.sample(_WORDS, 3)
    return (
        f"- As {article} {role}, I want to {picked[0]} the {picked[1]} so that I can "
        f"{picked[2]} it later."
    )


def generate_prd(words: int = 5000, seed: int = 7) -> str:
    """A Markdown PRD of roughly ``words`` words: sections, paragraphs, personas and stories."""
    rng = random.Random(seed)
    parts = [
        "# Ledgerly bulk export",
        "",
        "## Personas",
        "",
        "- Claims adjuster: reviews open claims daily.",
        "- Trial admin: sets up a workspace during the trial.",
        "",
    ]
    section = 0
    while len("\n".join(parts).split()) < words:
        section += 1
        parts += [f"## Area {section}", "", paragraph(rng), "", paragraph(rng, 40), ""]
        parts += [story(rng, section * 3 + k) for k in range(3)]
        parts.append("")
    return "\n".join(parts) + "\n"
