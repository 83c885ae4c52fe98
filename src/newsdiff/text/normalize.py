"""Normalization for comparison only; the raw text is never altered.

Two texts that differ only in typography (curly vs straight quotes, dash
styles, ligatures and full-width forms, runs of whitespace) or letter case
normalize to the same string.
"""

from __future__ import annotations

import re
import unicodedata

from newsdiff.errors import require_str

__all__ = ["fold_typography", "normalize"]

# Typographic variants that NFKC leaves apart.  Zero-width and soft-hyphen
# characters are deleted: they are invisible in print and vary between outlets.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent used as apostrophe
        "\u0060": "'",  # grave accent used as apostrophe
        "\u2039": '"',
        "\u203a": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_WHITESPACE_RUN = re.compile(r"\s+")


def fold_typography(text: str) -> str:
    """NFKC plus quote, dash and invisible-character folding; case is kept.

    >>> fold_typography("Iraq\u2019s \u201ccalm\u201d \u2014 \ufb01ne")
    'Iraq\\'s "calm" - fine'
    """
    if text.isascii():  # the common case: nothing to fold
        return text
    return unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)


def normalize(text: str) -> str:
    """Return the comparison form of ``text``: folded typography, single
    spaces, no surrounding whitespace, case-folded.

    Linear in ``len(text)``.

    >>> normalize("  Iraq\u2019s  PM\\n said \u201cCALM\u201d\u2026 ")
    'iraq\\'s pm said "calm"...'
    """
    require_str(text, "text")
    return _WHITESPACE_RUN.sub(" ", fold_typography(text)).strip().casefold()
