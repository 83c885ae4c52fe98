"""How much a shared sentence says about copying: stock phrases weigh little.

Two unrelated briefs can share "No injuries were reported." without one
being copied from the other: agencies and newsrooms reuse stock sentences
in stories that have nothing else in common.  TextPAIR (the ARTFL text-reuse
tool) drops such "banal" passages before it reports reuse; newsdiff keeps
them but weighs each sentence by how informative it is, so a derivation needs
evidence beyond them and confidence grows with what else is shared.

For one pair of documents there is no corpus to count how common a sentence
is, so the weight comes from a built-in lexicon of stock sentences (written
by the team from wire and police-brief phrasing) and a shape rule: a
sentence with few content words, or with no name or number to tie it to one story,
says little.
"""

from __future__ import annotations

from newsdiff.similarity import Features
from newsdiff.text.tokenize import TokenKind

__all__ = ["BANAL_WEIGHT", "STOCK_SENTENCES", "informativeness"]

# Weight of a sentence found in the stock lexicon.
BANAL_WEIGHT = 0.1

# Most a sentence without any name or number can weigh.
_UNANCHORED = 0.5

# Content weight (content words 3, names and numbers 4, function words 0) at
# which a sentence counts fully: about four content words.
_FULL_CONTENT = 12

# Normalized token sequences (lower case, as Features.key spells them) of
# sentences that recur across unrelated news stories.
STOCK_SENTENCES = frozenset(
    {
        "no injuries were reported",
        "no one was injured",
        "no one was hurt",
        "nobody was injured",
        "nobody was hurt",
        "there were no injuries",
        "there were no reports of injuries",
        "no arrests have been made",
        "no arrests were made",
        "no one has been arrested",
        "the investigation is continuing",
        "the investigation is ongoing",
        "an investigation is under way",
        "an investigation is underway",
        "an investigation is ongoing",
        "investigations are continuing",
        "investigations are ongoing",
        "inquiries are continuing",
        "inquiries are ongoing",
        "police said inquiries were ongoing",
        "police said inquiries were continuing",
        "police said investigations were ongoing",
        "police are investigating",
        "police are appealing for witnesses",
        "the cause of the fire is under investigation",
        "the cause of the fire is not yet known",
        "the cause is under investigation",
        "the cause was not immediately known",
        "the cause of the crash is under investigation",
        "the cause of the accident is under investigation",
        "the incident is under investigation",
        "details were not immediately available",
        "further details were not immediately available",
        "no further details were available",
        "no further details were immediately available",
        "it was not immediately clear what caused the incident",
        "it was not immediately clear what caused the fire",
        "the identity of the victim has not been released",
        "the victim has not been identified",
        "the victims have not been identified",
        "next of kin have been informed",
        "his family has been informed",
        "her family has been informed",
        "anyone with information is asked to contact police",
        "anyone with information is urged to contact police",
        "a spokesman declined to comment",
        "a spokeswoman declined to comment",
        "a spokesperson declined to comment",
        "the company declined to comment",
        "officials declined to comment",
        "the company did not respond to a request for comment",
        "did not immediately respond to a request for comment",
        "did not respond to a request for comment",
        "no group has claimed responsibility",
        "no group has yet claimed responsibility",
        "no one has claimed responsibility",
        "no one has yet claimed responsibility",
        "no one claimed responsibility for the attack",
        "the road was closed for several hours",
        "the road was closed",
        "the trial continues",
        "the hearing continues",
        "the case continues",
        "the case was adjourned",
        "more to follow",
        "this is a developing story",
        "this story is developing",
        "this story has been updated",
        "read more",
    }
)


def informativeness(feature: Features) -> float:
    """How much sharing this sentence says about copying, in (0, 1]:
    :data:`BANAL_WEIGHT` for a stock sentence, at most 0.5 for a sentence
    with no name or number, less than 1 for a sentence with few content
    words, 1 for a sentence with about four or more and a name or number.

    >>> from newsdiff.similarity import features
    >>> informativeness(features("No injuries were reported."))
    0.1
    >>> informativeness(features("Ahmed Hassan, 42, was arrested in Mosul on Sunday."))
    1.0
    """
    key = feature.key
    if key in STOCK_SENTENCES:
        return BANAL_WEIGHT
    # "The ministry did not respond to a request for comment": a short
    # subject in front of a stock predicate is still stock.
    words = key.split(" ")
    for start in range(1, min(4, len(words))):
        if " ".join(words[start:]) in STOCK_SENTENCES:
            return BANAL_WEIGHT
    content = 0
    anchored = False
    for kind in feature.kinds:
        if kind is TokenKind.CONTENT:
            content += 3
        elif kind is not TokenKind.FUNCTION:
            content += 4
            anchored = True
    weight = max(BANAL_WEIGHT, min(1.0, content / _FULL_CONTENT))
    # Without a name or a number a sentence is not tied to one story
    # ("Further details are expected later today."): on its own it cannot
    # show that two stories are one.
    return weight if anchored else min(weight, _UNANCHORED)
