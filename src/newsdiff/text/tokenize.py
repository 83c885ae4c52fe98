"""Word tokens with their own character spans, classed for comparison.

Tokens are words, numbers and dotted abbreviations; punctuation is not a
token.  Possessive ``'s`` is split off ("Kadhemi's" -> "Kadhemi", "'s") so a
name matches itself with or without it; hyphenated and apostrophe words stay
whole ("al-Kadhemi", "don't"); numbers keep their separators ("2,500", "3.5").
"""

from __future__ import annotations

from enum import StrEnum

import regex

from newsdiff.errors import require_str
from newsdiff.text.lexicon import FUNCTION_WORDS
from newsdiff.text.normalize import fold_typography

__all__ = ["TokenKind", "token_norm", "tokenize_spans"]


class TokenKind(StrEnum):
    """What a token is, for comparison.

    ``FUNCTION`` words and ``NUMBER``/``NAME`` tokens form the skeleton that
    survives synonym spinning; ``CONTENT`` words are what spinners replace.
    """

    FUNCTION = "function"
    NUMBER = "number"
    NAME = "name"
    CONTENT = "content"


_TOKEN = regex.compile(
    r"""
    (?P<acronym>(?:\p{L}\.){2,})                      # U.S.  a.m.  J.R.R.
    | (?P<number>\p{N}+(?:[.,:/\-]\p{N}+)*+\p{L}*+)   # 2,500  3.5  10:30  10th  1.2bn
    | (?P<word>
        [\p{L}\p{M}\p{N}_]++
        (?:[\-\u2010\u2011'\u2019](?![sS]\b)[\p{L}\p{M}\p{N}_]++)*+
      )                                               # al-Kadhemi  don't
    | (?P<clitic>['\u2019][sS]\b)                     # possessive 's
    """,
    regex.VERBOSE,
)


def token_norm(token: str) -> str:
    """Comparison form of one token: folded typography, case-folded, dots
    removed from dotted abbreviations ("U.S." -> "us").

    >>> token_norm("U.S."), token_norm("Kadhemi\u2019s"), token_norm("\u2019s")
    ('us', "kadhemi's", "'s")
    """
    folded = fold_typography(token).casefold()
    if folded.endswith(".") and "." in folded[:-1]:
        folded = folded.replace(".", "")
    return folded


def tokenize_spans(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, str, TokenKind]]:
    """Tokenize ``text[start:end]``; return ``(start, end, norm, kind)`` tuples
    with spans into ``text``.

    Linear in the length of the slice.  A capitalized word counts as a
    ``NAME`` unless it is the first word (where capitals are grammar, not
    names) or a function word; a first word counts as a name only when it has
    a capital after its first letter ("al-Kadhemi", "UNAMI").

    >>> for _, _, norm, kind in tokenize_spans("Kadhemi's 2,500 U.S. troops"):
    ...     print(norm, kind.value)
    kadhemi content
    's function
    2,500 number
    us name
    troops content
    """
    require_str(text, "text")
    if end is None:
        end = len(text)
    tokens: list[tuple[int, int, str, TokenKind]] = []
    append = tokens.append  # bound once: this loop runs for every word of a corpus
    first = True
    for match in _TOKEN.finditer(text, start, end):
        surface = match.group()
        norm = token_norm(surface)
        group = match.lastgroup
        if group == "number":
            kind = TokenKind.NUMBER
        elif group == "acronym":  # "U.S." is a name even though "us" is a function word
            kind = TokenKind.NAME if surface != surface.lower() else TokenKind.CONTENT
        elif len(surface) > 1 and surface.isupper() and not first:  # "US", "UNAMI"
            kind = TokenKind.NAME
        elif norm in FUNCTION_WORDS:
            kind = TokenKind.FUNCTION
        elif surface != surface.lower() and (not first or surface[1:] != surface[1:].lower()):
            kind = TokenKind.NAME
        else:
            kind = TokenKind.CONTENT
        append((match.start(), match.end(), norm, kind))
        first = False
    return tokens
