"""Recognizers for the parts of a news page that are not body text.

Each recognizer is one regex compiled at import and anchored where it is
applied (``pattern.match(text, pos, endpos)``), so it never scans past the
unit it classifies.  Patterns are written for English-language web copy of
wire stories; they are deliberately conservative: a missed piece of
furniture costs one unmatched sentence, a body sentence taken for furniture
is lost to alignment.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = [
    "DATELINE",
    "DATE_PREFIX",
    "Role",
    "is_byline",
    "is_furniture_line",
    "is_furniture_sentence",
]


class Role(StrEnum):
    """What a sentence is on the page.  Later stages align ``BODY`` sentences,
    treat ``HEADLINE``/``SUBHEAD`` apart and ignore ``BOILERPLATE``."""

    BODY = "body"
    HEADLINE = "headline"
    SUBHEAD = "subhead"
    DATELINE = "dateline"
    BYLINE = "byline"
    BOILERPLATE = "boilerplate"


# Scraped metadata some archives put before the text: " date 2021-11-07 ...".
DATE_PREFIX = re.compile(r"date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)")

_AGENCY = (
    r"AFP|AP|Reuters|REUTERS|UPI|PA|AAP|dpa|DPA|Xinhua|XINHUA|Bloomberg|ANI|IANS|PTI|"
    r"CNN|EFE|ANSA|Kyodo|Yonhap|TASS|Anadolu|IANS|RTRS"
)
# Any other agency or outlet in the parentheses: up to five capitalized words,
# with the small words of names between them ("Dow Jones", "Agence
# France-Presse", "Thomson Reuters Foundation", "Times of Israel").  A lower-case
# first word ("UNICEF (the UN children's agency) warned") is prose, not a credit.
_AGENCY_NAME = (
    r"[A-Z][\w&.'\u2019\-]*"
    r"(?:[ ](?:[A-Z][\w&.'\u2019\-]*|of|for|the|de|del|du|la|al|and|&)){0,4}"
)
# "BAGHDAD (AFP) -", "WASHINGTON, Nov 7 (Reuters) -", "KABUL —", "NEW YORK, N.Y. —",
# "RIVERTON, Ore. (Valley Wire) -".
# The city is in capitals; the dash must be followed by the story's first word.
# Matched as a whole at the start of a paragraph, so "Ore." is never taken for
# the end of a sentence there.
DATELINE = re.compile(
    r"""
    [A-Z][A-Z'\u2019.\-]{2,}(?:[ ][A-Z][A-Z'\u2019.\-]+){0,3}        # CITY
    (?:,[ ]*[A-Z][A-Za-z.'\u2019\-]*(?:[ ][A-Z][A-Za-z.'\u2019\-]*){0,2})?   # , Country
    (?:,?[ ]*(?:[A-Z][a-z]{2,8}\.?[ ]+\d{1,2}|\d{1,2}[ ]+[A-Z][a-z]{2,8}))?  # date
    (?:[ ]*\((?:"""
    + _AGENCY
    + "|"
    + _AGENCY_NAME
    + r""")\))?                                                       # (AGENCY)
    [ ]*[-\u2013\u2014]{1,2}(?=[ ]+["'\u201c\u2018(]?[A-Z0-9])
    """,
    re.VERBOSE,
)

# Lines whose every unit is furniture: link teasers and comment forms.
_FURNITURE_LINE = re.compile(
    r"""
    (?:READ[ ]ALSO|READ[ ]MORE|ALSO[ ]READ|Read[ ]also|Read[ ]more|Also[ ]read
      |RELATED(?:[ ][A-Z]+)?[ ]?:|Related(?:[ ][a-z]+)?:|SEE[ ]ALSO|See[ ]also:
      |LEAVE[ ]A[ ]REPLY|Leave[ ]a[ ](?:reply|comment)
      |Please[ ]enter[ ]your|You[ ]have[ ]entered[ ]an[ ]incorrect
      |Advertisement\s*$|ADVERTISEMENT\s*$)
    """,
    re.VERBOSE,
)

# Sentences that are furniture wherever they stand: credits, reporting lines,
# newsletter and social blurbs, copyright notices.
_FURNITURE_SENTENCE = re.compile(
    r"""
    (?:(?:Additional[ ])?[Rr]eporting[ ](?:was[ ]contributed[ ])?by\b
      |(?:Editing|Writing|Compiled|Edited|Translated)[ ]by\b
      |\(?(?:Photo(?:graph)?s?|Image|Picture|Video)(?:[ ]credit)?[ ]?(?::|by\b)
      |\(?(?:Credit|CREDIT)[ ]?(?::|\u2026|\.\.\.|[\-\u2013\u2014])
      |(?:AFP|AP|REUTERS|EPA|Getty)[ ](?:PHOTO|Photo|Images)\b
      |(?:\u00a9|\(c\)|Copyright)[ ]?\d{4}
      |All[ ]rights[ ]reserved
      |(?:Sign[ ]up|Subscribe)[ ](?:for|to)\b
      |Follow[ ]us[ ]on\b
      |Click[ ]here\b
      |Share[ ]this(?:[ ]article|[ ]story)?\b
      |This[ ](?:article|story)[ ](?:was|has[ ]been)[ ](?:originally[ ])?(?:published|updated)\b)
    """,
    re.VERBOSE,
)

# "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Written by J. Roe".
_BYLINE = re.compile(
    r"""
    (?:By|BY|Written[ ]by|Words[ ]by|Posted[ ]by)[ ]+
    [A-Z][\w.'\u2019\-]*
    (?:[ ]+(?:[A-Z][\w.'\u2019\-]*|and|&|van|von|de|da|del|al-\w+|bin|ibn))*
    (?:[ ]*[,|/\u2013\u2014-][ ]*[A-Z][\w.'\u2019&\-]*(?:[ ]+(?:[A-Z][\w.'\u2019\-]*|and|&))*)*
    [ ]*$
    """,
    re.VERBOSE,
)


def is_furniture_line(text: str, start: int, end: int) -> bool:
    """Does the line ``text[start:end]`` open with a furniture marker?"""
    return _FURNITURE_LINE.match(text, start, end) is not None


def is_furniture_sentence(text: str, start: int, end: int) -> bool:
    """Is the sentence ``text[start:end]`` a credit, blurb or notice?"""
    return _FURNITURE_SENTENCE.match(text, start, end) is not None


def is_byline(text: str, start: int, end: int) -> bool:
    """Is the line ``text[start:end]`` an author line?"""
    return end - start <= 120 and _BYLINE.match(text, start, end) is not None
