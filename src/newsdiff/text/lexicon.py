"""Word lists used by segmentation and tokenization.

Kept as frozensets built once at import: membership tests are the only use.
"""

from __future__ import annotations

# English function words: the "skeleton" that survives synonym spinning
# (DSpin's immutables, Stamatatos' stop-word n-grams).  Lower case.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a about above across after against ago ahead all almost along already also although
    always am among amongst an and another any anyone anything are around as at away
    be became because become been before behind being below beneath beside besides
    between beyond both but by can cannot could did do does doing done down during
    each either else enough even ever every few for from further had has have having
    he her here hers herself him himself his how however i if in including inside into
    is it its itself just least less like many may me might more most much must my
    myself near neither never no nobody none nor not nothing now of off often on once
    one only onto or other others otherwise ought our ours ourselves out outside over
    own per perhaps quite rather same several shall she should since so some somebody
    someone something still such than that the their theirs them themselves then there
    these they this those though through throughout thus till to too toward towards
    under unless until up upon us very via was we were what whatever when whenever
    where whereas whether which while who whoever whom whose why will with within
    without would yet you your yours yourself yourselves 's
    don't doesn't didn't isn't aren't wasn't weren't won't can't couldn't shouldn't
    wouldn't hasn't haven't hadn't i'm i've i'll i'd it's that's there's we're they're
    you're he's she's
    """.split()
)

# Titles that precede a name: "Dr. Smith" never ends a sentence at "Dr.".
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms mssrs messrs dr gen maj col lt sgt cpl pvt capt cmdr cmdt adm brig gov
    sen rep rev prof pres hon supt insp det fr sr sra srta mme mlle mm
    """.split()
)

# Abbreviations that only precede a number: "No. 5", "Jan. 7", "Fig. 2".
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset(
    """
    no nos nr art fig figs vol vols p pp ch chap sec sect para pt tel ext op ref rs
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

# Titles that only ever open a name, never follow a place or an office as a
# modifier: after "D.C." or "Inc.", "Mr." starts a new sentence, whereas
# "U.S. Sen. Ann Reed" is one phrase (so "sen", "gen", "gov" are not here).
PERSONAL_TITLES: frozenset[str] = frozenset("mr mrs ms messrs dr prof mme mlle".split())

# Words after which a lone capital letter is a name of its own ("an A",
# "Gate C", "Model T", "vitamin D"), not an initial, so "Gate C. Passengers"
# ends a sentence.  Lower case.  "the" is left out: "the J. Paul Getty Museum".
LETTER_NAMERS: frozenset[str] = frozenset(
    """
    a an grade grades plan type model vitamin letter class category group gate section
    option row level exhibit appendix part size hepatitis tier channel terminal platform
    pool division series phase stage zone block wing
    """.split()
)

# Abbreviations that may end a sentence ("... in the U.S. The next day") or not
# ("the U.S. Embassy").  After one of these, a boundary needs a sentence starter.
AMBIGUOUS_ABBREVIATIONS: frozenset[str] = frozenset(
    """
    inc ltd co corp plc llc bros jr st ave blvd rd mt ft etc vs approx est dept univ
    assn govt intl natl
    """.split()
)

# Capitalized words that typically open a sentence: they resolve the ambiguous
# abbreviations and initials above.  Lower case.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    a an the he she it they we i you his her its their our my your this that these
    those there here but and or so yet if as when while after before since although
    though because however in on at for from by with of to no not one some many most
    all both each every few several such what who which where why how then now
    meanwhile later earlier also still
    """.split()
)
