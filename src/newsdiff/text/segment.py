"""Sentence segmentation for news copy, recording offsets as it goes.

The text is never modified: every unit is a span ``[start, end)`` of the
input with no whitespace at either end, units are in order, never overlap,
and together cover every non-whitespace character exactly once.

How it works, in one pass over the lines and one regex pass per block:

1. Lines are grouped into paragraphs (a blank line separates paragraphs).
   Inside a paragraph a line break ends a unit, except a *soft* break: a line
   without terminal punctuation that is long (hard-wrapped prose) or is
   followed by a lower-case word joins the next line into one *block*.
2. Datelines ("BAGHDAD (AFP) -") and a leading scraped "date 2021-11-07" are
   split off the front of a block as units of their own.
3. A short single-line block without terminal punctuation is one unit: a
   headline before the first body sentence, a subhead after it (or a byline
   or boilerplate when it reads as one).
4. A list run together on one line ("1) Buy 2) Book", "a. Apples b. Pears",
   "• 1 Open • 2 Close"), at the start of a block or after a colon, is cut
   before each marker first; each item keeps its marker.
5. Other blocks (and list items) are split at candidate boundaries (terminal
   punctuation, a spaced ellipsis ". . ." counting as one mark, plus closing
   quotes, then whitespace; CJK full stops need no whitespace after them)
   found by one compiled regex; each candidate is accepted or rejected by
   looking only a few characters either side (abbreviations, initials,
   lower-case continuation, a citation after a quotation), so the whole
   segmentation is linear in the length of the text.
6. No unit is longer than ``MAX_UNIT_CHARS``: longer runs (a megabyte line
   without punctuation) are cut at the last whitespace before the limit, or
   at the limit itself when there is none.
"""

from __future__ import annotations

import re

from newsdiff.text.furniture import (
    DATE_PREFIX,
    DATELINE,
    Role,
    is_byline,
    is_furniture_line,
    is_furniture_sentence,
)
from newsdiff.text.lexicon import (
    AMBIGUOUS_ABBREVIATIONS,
    LETTER_NAMERS,
    NUMBER_ABBREVIATIONS,
    PERSONAL_TITLES,
    SENTENCE_STARTERS,
    TITLE_ABBREVIATIONS,
)

__all__ = [
    "HEADLINE_MAX_WORDS",
    "LEAD_HEADLINE_MAX_WORDS",
    "LEAD_HEADLINE_MIN_WORDS",
    "MAX_UNIT_CHARS",
    "SOFT_WRAP_MIN_CHARS",
    "Unit",
    "segment_spans",
]

MAX_UNIT_CHARS = 2000
"""Longest unit emitted; longer runs are cut at whitespace (see module doc)."""

HEADLINE_MAX_WORDS = 20
"""A single line without terminal punctuation and at most this many words is
a headline (before the body) or a subhead (inside it)."""

LEAD_HEADLINE_MAX_WORDS = 16
"""A document whose first paragraph is one line holding one sentence of
``LEAD_HEADLINE_MIN_WORDS`` to this many words, with more paragraphs after
it, opens with a headline even when that line ends with a period (web copies
often add one)."""

LEAD_HEADLINE_MIN_WORDS = 6
"""Headlines are rarely shorter; a lone sentence of fewer words stays body."""

SOFT_WRAP_MIN_CHARS = 60
"""A line at least this long without terminal punctuation is taken to be
hard-wrapped prose and joined with the next line."""

Unit = tuple[int, int, int, Role]
"""``(start, end, paragraph, role)`` of one segmented unit."""

# Sentence ends that need whitespace after them: Latin marks, the Arabic
# question mark and full stop (U+061F, U+06D4), the Devanagari danda (U+0964/5).
_SPACED_TERMINALS = ".!?\u2026\u203c\u2047\u2048\u2049\u061f\u06d4\u0964\u0965"
# CJK full stops and full-width marks: those scripts put no space after them.
_CJK_TERMINALS = "\u3002\uff01\uff1f\uff61"
_TERMINALS = _SPACED_TERMINALS + _CJK_TERMINALS
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]\u300d\u300f\uff09\u3011\uff63"
_OPENERS = "\"'\u201c\u2018\u00ab\u2039([\u00bf\u00a1"
_BULLETS = "-*\u2022\u2013\u2014\u25cf\u25aa\u2043\u25e6\u2023"
# Hiragana: after a closing 」 it is a particle that continues the sentence
# (「行く。」と言った).
_HIRAGANA_FIRST, _HIRAGANA_LAST = "\u3041", "\u309f"

# Character classes for the candidate regex, built from the strings above.
_T = f"[{re.escape(_SPACED_TERMINALS)}]"
_C = f"[{_CJK_TERMINALS}]"
_ANY = f"[{re.escape(_TERMINALS)}]"
_Q = f"[{re.escape(_CLOSERS)}]"
_NOT_AFTER_DOT = f"[^\\s{re.escape(_CLOSERS)}]"
# A candidate boundary: a run of terminal marks (matched from its first mark
# only, and possessively, so a megabyte of dots stays linear), optional
# closing quotes/brackets, then whitespace.  Group 1 ends the sentence.
# A spaced ellipsis (". . .", ". . . .", plain or no-break spaces) continues
# the run, one " ." at a time, each dot followed by whitespace, a closer or
# the end: its dots are never sentences of their own.  A run of CJK marks
# needs no whitespace after it.
# The pattern opens with one character class (not an alternation), so that
# the regex engine skips ahead to the next mark at C speed; the kind of run
# is decided after that first mark by a one-character lookbehind.
_CANDIDATE = re.compile(
    "("
    + _ANY
    # The run must start here: checked after its first mark.
    + f"(?<!{_ANY}{_ANY})"
    + "(?:"
    # Nor may it start inside a spaced ellipsis: when a run fails (no
    # whitespace after it), its inner dots must not each scan it again.
    + f"(?<={_T})(?<!{_T}[ \u00a0]\\.){_T}*+"
    + f"(?:[ \u00a0]\\.(?!{_NOT_AFTER_DOT}))*+"
    + f"{_Q}*+(?=\\s)"
    + f"|(?<={_C}){_C}*+{_Q}*+"
    + "))\\s*+"
)
_LETTERS = re.compile(r"[^\W\d_]+")
_LONGEST_ABBREVIATION = max(
    map(len, TITLE_ABBREVIATIONS | NUMBER_ABBREVIATIONS | AMBIGUOUS_ABBREVIATIONS)
)
# "U.S", "a.m", "J.R.R", "Ph.D": the word before a final period.
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")

# A list marker opening an item: a bullet, or "1.)", "1)", "(1)", "1.", "a."
# (a number of at most two digits or one letter) before a space.
_LIST_MARKER = re.compile(
    "([\u2022\u2043\u25aa\u25cf\u25e6\u2023])"  # group 1: a bullet
    r"|(\(?)(\d{1,2}|[A-Za-z])(\.\)|\)|\.)(?=[ \u00a0])"  # opener, value, closer
)
# A unit that so far holds only its marker ("1.", "1.)", "- 2.", "A."): the
# period is the marker's, not a full stop.
_MARKER_ONLY = re.compile(
    "(?:[\u2022\u2043\u25aa\u25cf\u25e6\u2023*\\-\u2013\u2014][ \u00a0]*)?"
    r"\(?(?:\d{1,3}|[^\W\d_])\.\)?"
)
# First characters of a block that may open a list ("1)", "(a)", "• "), and
# second characters that may close a one-character marker ("a.", "1)").
_LIST_OPENINGS = frozenset("0123456789(\u2022\u2043\u25aa\u25cf\u25e6\u2023")
_LIST_CLOSINGS = frozenset(".)")
# A line that opens with a parenthesized number ("1)", "(2)", "3.)") is a
# list item, never a headline.
_PAREN_ITEM = re.compile(r"\(?\d{1,2}\.?\)[ \u00a0]")
# What ends a run-in list item in prose: "1) a ceasefire and 2) talks" is one
# sentence, not a list.
_PROSE_JOINTS = (",", ";", " and", " or", " und", " et")


def segment_spans(text: str) -> list[Unit]:
    """Segment ``text`` into units ``(start, end, paragraph, role)``.

    Linear in ``len(text)``; see the module docstring for the method.

    >>> text = "Mounting tensions\\n\\nDr. Salih spoke at 9 a.m. on Sunday. He left."
    >>> for start, end, paragraph, role in segment_spans(text):
    ...     print(paragraph, role.value, text[start:end])
    0 headline Mounting tensions
    1 body Dr. Salih spoke at 9 a.m. on Sunday.
    1 body He left.
    """
    paragraphs = _paragraph_blocks(text)
    units: list[Unit] = []
    body_seen = False
    for paragraph, blocks in enumerate(paragraphs):
        for number, (start, end, single_line) in enumerate(blocks):
            if paragraph == 0 and number == 0:
                start = _split_prefix(text, DATE_PREFIX, start, end, paragraph, units)
            if number == 0 and start < end and text[start].isupper():
                start = _split_prefix(text, DATELINE, start, end, paragraph, units)
            if start >= end:
                continue
            if is_furniture_line(text, start, end):
                for a, b in _sentences(text, start, end):
                    units.append((a, b, paragraph, Role.BOILERPLATE))
            elif single_line and _is_headline_like(text, start, end):
                role = _short_line_role(text, start, end, body_seen)
                units.append((start, end, paragraph, role))
            else:
                for a, b in _sentences(text, start, end):
                    if is_furniture_sentence(text, a, b):
                        units.append((a, b, paragraph, Role.BOILERPLATE))
                    else:
                        body_seen = True
                        units.append((a, b, paragraph, Role.BODY))
    _promote_lead_headline(text, units, len(paragraphs))
    return units


def _paragraph_blocks(text: str) -> list[list[tuple[int, int, bool]]]:
    """Group the lines of ``text`` into paragraphs of blocks.

    A block is ``(start, end, single_line)``: one line, or several lines
    joined at soft (hard-wrapped) breaks.  Spans exclude surrounding
    whitespace.
    """
    paragraphs: list[list[tuple[int, int, bool]]] = []
    blocks: list[tuple[int, int, bool]] | None = None
    previous_line = (0, 0)
    position = 0
    # str.splitlines knows every Unicode line break and runs in C.
    for line in text.splitlines(True):
        length = len(line)
        stripped_right = len(line.rstrip())
        if not stripped_right:  # blank line: the paragraph ends
            blocks = None
            position += length
            continue
        start = position + length - len(line.lstrip())
        end = position + stripped_right
        position += length
        if blocks is None:
            blocks = [(start, end, True)]
            paragraphs.append(blocks)
        elif _is_soft_break(text, previous_line, start):
            blocks[-1] = (blocks[-1][0], end, False)
        else:
            blocks.append((start, end, True))
        previous_line = (start, end)
    return paragraphs


def _is_soft_break(text: str, previous_line: tuple[int, int], next_start: int) -> bool:
    """Is the break between ``previous_line`` and the line at ``next_start``
    a hard wrap inside one sentence rather than the end of a unit?"""
    start, end = previous_line
    if _ends_with_terminal(text, start, end) or text[end - 1] in ":":
        return False
    first = text[next_start]
    if first in _BULLETS or is_furniture_line(text, next_start, next_start + 40):
        return False
    return first.islower() or end - start >= SOFT_WRAP_MIN_CHARS


def _ends_with_terminal(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end with terminal punctuation, possibly
    followed by closing quotes or brackets?"""
    position = end - 1
    floor = max(start, end - 5)  # a few closers at most: stay O(1)
    while position > floor and text[position] in _CLOSERS:
        position -= 1
    return text[position] in _TERMINALS


def _split_prefix(
    text: str, pattern: re.Pattern[str], start: int, end: int, paragraph: int, units: list[Unit]
) -> int:
    """If ``pattern`` matches at ``start``, emit the match as a dateline unit
    and return where the rest of the block starts; else return ``start``."""
    match = pattern.match(text, start, end)
    if match is None:
        return start
    units.append((start, match.end(), paragraph, Role.DATELINE))
    rest = match.end()
    while rest < end and text[rest].isspace():
        rest += 1
    return rest


def _is_headline_like(text: str, start: int, end: int) -> bool:
    """A short line that does not read as a sentence: no terminal
    punctuation, no trailing comma/colon, opens with a capital, a digit or a
    quote (scripts without case never look like headlines)."""
    if end - start > 200 or _ends_with_terminal(text, start, end) or text[end - 1] in ",;:":
        return False
    first = start
    while first < end - 1 and text[first] in _OPENERS:
        first += 1
    if not (text[first].isupper() or text[first].isdigit()):
        return False
    if len(text[start:end].split()) > HEADLINE_MAX_WORDS:
        return False
    # Numbered items are list entries, not titles: "1) A recount of the votes".
    return _PAREN_ITEM.match(text, start, end) is None and not _list_items(text, start, end)


def _short_line_role(text: str, start: int, end: int, body_seen: bool) -> Role:
    if is_furniture_sentence(text, start, end):
        return Role.BOILERPLATE
    if is_byline(text, start, end):
        return Role.BYLINE
    return Role.SUBHEAD if body_seen else Role.HEADLINE


def _promote_lead_headline(text: str, units: list[Unit], paragraph_count: int) -> None:
    """Apply the ``LEAD_HEADLINE_MAX_WORDS`` rule in place."""
    if paragraph_count < 2:
        return
    lead = [i for i, unit in enumerate(units) if unit[2] == 0 and unit[3] is not Role.DATELINE]
    if len(lead) != 1:
        return
    start, end, paragraph, role = units[lead[0]]
    if (
        role is Role.BODY
        and "\n" not in text[start:end]
        and LEAD_HEADLINE_MIN_WORDS <= len(text[start:end].split()) <= LEAD_HEADLINE_MAX_WORDS
    ):
        units[lead[0]] = (start, end, paragraph, Role.HEADLINE)


def _sentences(text: str, start: int, end: int, lists: bool = True) -> list[tuple[int, int]]:
    """Split the block ``text[start:end]`` at accepted candidate boundaries
    into sentence spans, each at most ``MAX_UNIT_CHARS`` long; with
    ``lists``, a list run together in the block is cut into its items first."""
    # Most blocks cannot hold a list: test that with string operations in C
    # before calling into the list recognizer (a one-character find runs at
    # memchr speed, several times faster than finding ": ").
    if lists and (
        text[start] in _LIST_OPENINGS
        or (start + 1 < end and text[start + 1] in _LIST_CLOSINGS)
        or text.find(":", start, end) >= 0
    ):
        items = _list_items(text, start, end)
        if items:
            return _item_sentences(text, start, end, items)
    spans: list[tuple[int, int]] = []
    append = spans.append  # local names: this loop runs once per sentence of a corpus
    is_boundary = _is_boundary
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        next_start = match.end()
        if next_start >= end:
            break
        if is_boundary(text, sentence_start, match, next_start, end):
            sentence_end = match.end(1)
            if sentence_end - sentence_start <= MAX_UNIT_CHARS:
                append((sentence_start, sentence_end))
            else:
                _append_capped(text, sentence_start, sentence_end, spans)
            sentence_start = next_start
    _append_capped(text, sentence_start, end, spans)
    return spans


def _item_sentences(text: str, start: int, end: int, items: list[int]) -> list[tuple[int, int]]:
    """The sentences of a block cut before each list item at ``items``."""
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end in zip([start, *items], [*items, end], strict=True):
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            spans += _sentences(text, piece_start, piece_end, lists=False)
    return spans


def _list_items(text: str, start: int, end: int) -> list[int]:
    """Where the items of a list run together on one line start: the block
    opens with a marker, or a colon is followed by a first marker ("1)",
    "a.", a bullet); each next item is the next marker in sequence (the same
    bullet, or the next number or letter with the same punctuation).  Empty
    when there are fewer than two items or the items are joined as prose
    ("1) a ceasefire and 2) talks").

    Costs one anchored match and one ``str.find`` for an ordinary block, and
    one ``str.find`` per item for a list.
    """
    first = start
    marker = _LIST_MARKER.match(text, start, end)
    if marker is None:
        colon = text.find(": ", start, end)
        if colon < 0:
            return []
        first = colon + 2
        marker = _LIST_MARKER.match(text, first, end)
        if marker is None or (marker.group(1) is None and marker.group(3) not in ("1", "a", "A")):
            return []
    bullet = marker.group(1)
    opener, value, closer = marker.group(2, 3, 4)
    starts = [first] if first > start else []
    position = marker.end()
    while True:
        if bullet is not None:
            needle = bullet
        else:
            value = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
            needle = f"{opener}{value}{closer}"
        found = _find_marker(text, needle, bullet is None, position, end)
        # An empty item is no item: "A. B. Smith" is a name, not a list.
        if found <= position + 1:
            break
        if text[max(start, found - 6) : found].rstrip().endswith(_PROSE_JOINTS):
            return []
        starts.append(found)
        position = found + len(needle)
    return starts if len(starts) > (first > start) else []


def _find_marker(text: str, needle: str, spaced: bool, position: int, end: int) -> int:
    """The first ``needle`` in ``text[position:end]`` with whitespace before
    it (and after it when ``spaced``), or -1.  Each miss moves ``position``
    on, so a block is scanned once however many misses it holds."""
    size = len(needle)
    while True:
        found = text.find(needle, position, end)
        if found < 0:
            return -1
        after = found + size
        if text[found - 1].isspace() and (not spaced or (after < end and text[after].isspace())):
            return found
        position = found + 1


def _is_boundary(
    text: str, sentence_start: int, match: re.Match[str], next_start: int, end: int
) -> bool:
    """Decide one candidate boundary from a few characters either side."""
    first = next_start
    while first < end - 1 and first < next_start + 3 and text[first] in _OPENERS:
        first += 1
    following = text[first]
    if following.islower():  # '"Why?" she asked.', 'at 9 a.m. on Sunday'
        return False
    mark = match.start(1)
    close = match.end(1)
    if close - mark > 1 or text[mark] != ".":
        # '!', '?', an ellipsis, a CJK mark or a period inside closing quotes.
        last = text[close - 1]
        if last in _CLOSERS:
            if text[next_start] == "(" and last != ")" and _is_citation(text, next_start, end):
                return False  # '"... [...]" (Smith 55).'
            # 「行く。」と言った: a particle after the closing bracket goes on.
            if _HIRAGANA_FIRST <= following <= _HIRAGANA_LAST:
                return False
        # "1.) First item": the marker is no sentence.
        return not (
            mark - sentence_start <= 6 and _MARKER_ONLY.fullmatch(text, sentence_start, close)
        )
    window = mark - _LONGEST_ABBREVIATION - 1
    if window >= sentence_start and text[window:mark].isalpha():
        return True  # a plain word longer than any abbreviation: the common case
    if mark - sentence_start <= 6 and _MARKER_ONLY.fullmatch(text, sentence_start, close):
        return False  # "1. First item", "A. Overview"
    word_start = max(sentence_start, mark - 24)  # abbreviations are short
    words = text[word_start:mark].rsplit(None, 1)
    if not words:
        return True
    word = words[-1].lstrip(_OPENERS)
    lowered = word.lower()
    if lowered in TITLE_ABBREVIATIONS:
        return False
    if lowered in NUMBER_ABBREVIATIONS and (
        following.isdigit() or _abbreviation_follows(text, first, end, NUMBER_ABBREVIATIONS)
    ):
        return False  # "No. 5", "Rs. 5.2", "Ref. No. 12"
    if len(word) == 1 and word.isalpha():
        if _names_a_letter(text, sentence_start, mark - 1, word):
            # "an A.", "Gate C.", "was I.": a word of its own, unless an
            # initial follows ("designed by I. M. Pei").
            return not (following.isupper() and text[first + 1 : first + 2] == ".")
    elif not (
        lowered in AMBIGUOUS_ABBREVIATIONS or ("." in word and _DOTTED.fullmatch(word) is not None)
    ):
        return True
    # An ambiguous abbreviation, a dotted one or an initial: a boundary only
    # before a typical sentence opener or a personal title ("D.C. Mr. Lee").
    next_word = _LETTERS.match(text, first, min(end, first + 20))
    if next_word is None:
        return False
    opener = next_word.group()
    return opener.lower() in SENTENCE_STARTERS or (
        opener.istitle() and _abbreviation_follows(text, first, end, PERSONAL_TITLES, True)
    )


def _abbreviation_follows(
    text: str, first: int, end: int, lexicon: frozenset[str], bare: bool = False
) -> bool:
    """Does a word of ``lexicon`` start at ``first``, followed by a period
    (or, with ``bare``, by a space: British "Mr Lee")?"""
    next_word = _LETTERS.match(text, first, min(end, first + 12))
    if next_word is None or next_word.group().lower() not in lexicon:
        return False
    after = text[next_word.end() : next_word.end() + 1]
    return after == "." or (bare and after == " ")


def _names_a_letter(text: str, sentence_start: int, letter: int, word: str) -> bool:
    """Is the capital at ``letter`` a word rather than an initial: the
    pronoun after a lower-case word ("my brother and I."), or a letter used
    as a name after a word of ``LETTER_NAMERS`` ("an A", "Gate C")?"""
    before = text[max(sentence_start, letter - 16) : letter].rsplit(None, 1)
    if not before or not text[letter - 1].isspace():
        return False
    previous = before[-1].strip(_OPENERS + _CLOSERS + ",;:")
    if word == "I" and previous[:1].islower():
        return True
    return previous.lower() in LETTER_NAMERS


def _is_citation(text: str, opening: int, end: int) -> bool:
    """Is the parenthesis at ``opening`` a short reference that belongs to the
    sentence before it ("(Smith 55).", "(Ahmed 2020) became")?  A
    parenthesized sentence of its own ends with terminal punctuation."""
    closing = text.find(")", opening + 1, min(end, opening + 80))
    if closing < 0 or text[opening + 1].isspace() or text[closing - 1] in _TERMINALS:
        return False
    after = closing + 1
    if after >= end or text[after] in ".,;:!?":
        return True
    return text[after].isspace() and text[after + 1 : after + 2].islower()


def _append_capped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``[start, end)``, cut into pieces of at most ``MAX_UNIT_CHARS``
    at whitespace (or hard at the limit when a window has none)."""
    while end - start > MAX_UNIT_CHARS:
        limit = start + MAX_UNIT_CHARS
        window_start = start + MAX_UNIT_CHARS // 2
        cut = max(
            text.rfind(" ", window_start, limit),
            text.rfind("\n", window_start, limit),
            text.rfind("\t", window_start, limit),
        )
        piece_end = cut if cut > 0 else limit
        rest = piece_end
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        while rest < end and text[rest].isspace():
            rest += 1
        spans.append((start, piece_end))
        start = rest
    if start < end:
        spans.append((start, end))
