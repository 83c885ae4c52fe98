"""Plain-text rendering of alignments for a terminal or a pipe."""

from __future__ import annotations

from newsdiff.alignment import Alignment, Link
from newsdiff.rewrite import char_diff

__all__ = ["format_alignment", "format_diff"]

_RED = "\x1b[31m"
_GREEN = "\x1b[32m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def format_diff(ops: list[tuple[int, str]], color: bool) -> str:
    """One line showing deletions and insertions: ANSI colours on a
    terminal, ``[-deleted-]{+inserted+}`` markers (as ``git diff
    --word-diff`` writes them) otherwise."""
    parts: list[str] = []
    for op, text in ops:
        if op == 0:
            parts.append(text)
        elif color:
            parts.append(f"{_RED if op < 0 else _GREEN}{text}{_RESET}")
        else:
            parts.append(f"[-{text}-]" if op < 0 else f"{{+{text}+}}")
    return " ".join("".join(parts).split())


def _indices(side: str, indices: tuple[int, ...]) -> str:
    return "+".join(f"{side}{i}" for i in indices)


def _format_link(alignment: Alignment, link: Link, color: bool) -> list[str]:
    header = (
        f"[{link.kind.value} {link.score:.2f}] {_indices('a', link.a)} -> {_indices('b', link.b)}"
    )
    lines = [header]
    if link.kind.value == "copy":
        lines.append("  = " + " ".join(alignment.text_a(link).split()))
    else:
        lines.append(
            "  ~ " + format_diff(char_diff(alignment.text_a(link), alignment.text_b(link)), color)
        )
    if link.evidence.substitutions:
        swaps = ", ".join(f"{old}->{new}" for old, new in link.evidence.substitutions)
        lines.append(f"  swapped: {swaps}")
    return lines


def format_alignment(alignment: Alignment, color: bool = False) -> str:
    """A readable summary: coverage, the rewrite profile of side B, every
    link with its edits, and the sentences found on one side only."""
    a, b = alignment.a, alignment.b
    profile = alignment.profile("b")
    shares = ", ".join(f"{kind} {share:.0%}" for kind, share in profile.items())
    lines = [
        f"# {a.id} (a) <-> {b.id} (b): {len(alignment.links)} links, "
        f"coverage a {alignment.coverage('a'):.0%}, b {alignment.coverage('b'):.0%}",
        f"# b's body text: {shares}",
        "",
    ]
    for link in alignment.links:
        lines.extend(_format_link(alignment, link, color))
    for name, doc, unmatched in (("a", a, alignment.unmatched_a), ("b", b, alignment.unmatched_b)):
        if unmatched:
            lines.append("")
            lines.append(f"# only in {name} ({doc.id}):")
            for index in unmatched:
                text = " ".join(doc.sentences[index].text.split())
                lines.append(
                    f"  {name}{index}: {_DIM if color else ''}{text}{_RESET if color else ''}"
                )
    return "\n".join(lines) + "\n"
