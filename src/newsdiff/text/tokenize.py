"""Word tokens with their own character spans, classed for comparison.

Tokens are words, numbers and dotted abbreviations; punctuation is not a
token.  Possessive ``'s`` is split off ("Kadhemi's" -> "Kadhemi", "'s") so a
name matches itself with or without it; hyphenated and apostrophe words stay
whole ("al-Kadhemi", "don't"); numbers keep their separators ("2,500", "3.5").
"""

from __future__ import annotations

import re
from enum import StrEnum

import regex

from newsdiff.errors import require_str
from newsdiff.text.lexicon import FUNCTION_WORDS
from newsdiff.text.normalize import fold_typography

__all__ = [
    "TokenInfo",
    "TokenKind",
    "describe_token",
    "token_norm",
    "token_surfaces",
    "tokenize_spans",
]


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
    (?:\p{L}\.){2,}                                   # U.S.  a.m.  J.R.R.
    | \p{N}+(?:[.,:/\-]\p{N}+)*+\p{L}*+              # 2,500  3.5  10:30  10th  1.2bn
    | [\p{L}\p{M}\p{N}_]++
      (?:[\-\u2010\u2011'\u2019](?![sS]\b)[\p{L}\p{M}\p{N}_]++)*+  # al-Kadhemi  don't
    | ['\u2019][sS]\b                                 # possessive 's
    """,
    regex.VERBOSE,
)
# _TOKEN spelled for text whose letters, marks and digits are all ASCII
# (\p{L} is [A-Za-z], \p{N} is [0-9], \p{M} is empty there), for the
# standard library's engine, which finds the same tokens in about half the
# time.  Most news sentences qualify: 98% of PAN13's and 95% of OneStop's
# (93% and 67% are plain ASCII; the others add typographic punctuation).
# The lookahead names the characters a token can start with (the first
# characters of the four branches): the engine then passes over spaces and
# punctuation without trying each branch there, a fifth less time.
_ASCII_TOKEN = re.compile(
    r"""
    (?=[A-Za-z0-9_'\u2019])
    (?:
      (?:[A-Za-z]\.){2,}
    | [0-9]+(?:[.,:/\-][0-9]+)*+[A-Za-z]*+
    | [A-Za-z0-9_]++(?:[\-\u2010\u2011'\u2019](?![sS]\b)[A-Za-z0-9_]++)*+
    | ['\u2019][sS]\b
    )
    """,
    re.VERBOSE,
)
# A character that may be a letter, mark or digit beyond ASCII, or that
# ``regex`` counts as a word character for ``\b`` where ``re`` does not:
# anything but ASCII, the no-break space and General Punctuation (dashes,
# quotes, dots) less its joiners (U+200C, U+200D) and connector punctuation
# (U+203F, U+2040, U+2054).
_BEYOND_ASCII = re.compile(
    r"[^\x00-\x7f\u00a0\u2000-\u200b\u200e-\u203e\u2041-\u2053\u2055-\u206f]"
)
# Only the number branch can match a token that opens with a numeric character.
_NUMERIC_START = regex.compile(r"\p{N}")

TokenInfo = tuple[str, TokenKind, TokenKind]
"""``(norm, kind, kind_as_first_word)`` of one token surface."""


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


def describe_token(surface: str) -> TokenInfo:
    """Norm and kind of a token, both inside a sentence and as its first
    word.  A capitalized word is a ``NAME`` unless it opens the sentence
    (where capitals are grammar) or is a function word; an opening word is a
    name only with a capital after its first letter ("al-Kadhemi", "UNAMI").
    """
    norm = token_norm(surface)
    if _NUMERIC_START.match(surface):
        return norm, TokenKind.NUMBER, TokenKind.NUMBER
    if surface.endswith("."):  # a dotted abbreviation: "U.S." is a name, "a.m." is not
        kind = TokenKind.NAME if surface != surface.lower() else TokenKind.CONTENT
        return norm, kind, kind
    capitalized = surface != surface.lower()
    inner_capital = surface[1:] != surface[1:].lower()
    if len(surface) > 1 and surface.isupper():  # "US", "UNAMI"; "IT" opening a headline
        inside = TokenKind.NAME
    elif norm in FUNCTION_WORDS:
        inside = TokenKind.FUNCTION
    elif capitalized:
        inside = TokenKind.NAME
    else:
        inside = TokenKind.CONTENT
    if norm in FUNCTION_WORDS:
        first = TokenKind.FUNCTION
    elif inner_capital:
        first = TokenKind.NAME
    else:
        first = TokenKind.CONTENT
    return norm, inside, first


def token_surfaces(text: str) -> list[str]:
    """The token strings of ``text`` in order (no spans): the fast path for
    comparison, which needs no offsets.  Linear in the text."""
    ascii_words = text.isascii() or not _BEYOND_ASCII.search(text)
    result: list[str] = (_ASCII_TOKEN if ascii_words else _TOKEN).findall(text)
    return result


def tokenize_spans(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, str, TokenKind]]:
    """Tokenize ``text[start:end]``; return ``(start, end, norm, kind)`` tuples
    with spans into ``text``.  Kinds as :func:`describe_token` gives them.

    Linear in the length of the slice.

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
    for position, match in enumerate(_TOKEN.finditer(text, start, end)):
        norm, inside, first = describe_token(match.group())
        append((match.start(), match.end(), norm, first if position == 0 else inside))
    return tokens
