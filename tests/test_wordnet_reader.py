"""The WordNet reader of the synonym benchmark (``benchmarks/wordnet_reader.py``).

The fixture is a tiny WordNet directory written here in WordNet's database
format (``wndb(5)``), with synsets of our own: no WordNet text is copied.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from newsdiff.errors import InputError
from newsdiff.similarity import features, fold
from wordnet_reader import WordNet, synonym_pairs

# Offsets need not be byte offsets here: the reader only uses them as ids.
# "car" and "auto" share a synset whose hypernym is "vehicle"; "huge" (a
# satellite with a position marker) is similar to "large"; "fall" and
# "drop" share a verb synset, and "fell" is listed as an irregular form.
FIXTURE = {
    "data.noun": (
        "  1 a header line, as the licence is in the real files\n"
        "00000100 06 n 02 car 0 auto 0 001 @ 00000200 n 0000 | a motor vehicle\n"
        "00000200 06 n 01 vehicle 0 001 ~ 00000100 n 0000 | a thing that carries\n"
        "00000300 19 n 01 rust 0 000 | what iron becomes\n"
        "00000400 19 n 02 power 0 control 0 000 | command\n"
    ),
    "data.verb": (
        "00000100 30 v 02 seize 0 capture 0 000 | take by force\n"
        "00000200 30 v 02 fall 0 drop 0 000 | go down\n"
    ),
    "data.adj": (
        "00000100 00 a 01 large 0 001 & 00000200 s 0000 | big\n"
        "00000200 00 s 01 huge(a) 0 001 & 00000100 a 0000 | very big\n"
    ),
    "data.adv": "",
    "verb.exc": "fell fall\n",
}


@pytest.fixture(scope="module")
def wordnet(tmp_path_factory: pytest.TempPathFactory) -> WordNet:
    return WordNet.read(_write(tmp_path_factory.mktemp("wordnet"), FIXTURE))


def _write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (directory / name).write_text(text, encoding="latin-1")
    return directory


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("car", "auto"),  # one synset
        ("cars", "auto"),  # an inflection, by the detachment rules
        ("car", "vehicle"),  # hypernym
        ("vehicles", "autos"),  # hyponym, both inflected
        ("huge", "large"),  # similar adjectives; the position marker dropped
        ("fell", "drop"),  # an irregular form, from the exception list
        ("seized", "captured"),
        ("power", "control"),
    ],
)
def test_related_words(wordnet: WordNet, left: str, right: str) -> None:
    assert wordnet.related(left, right)
    assert wordnet.related(right, left)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("car", "rust"),  # both known, unrelated
        ("car", "cars"),  # one word inflected: not a synonym
        ("fell", "falling"),
        ("car", "zeppelin"),  # unknown to WordNet
        ("huge", "rust"),
    ],
)
def test_unrelated_words(wordnet: WordNet, left: str, right: str) -> None:
    assert not wordnet.related(left, right)


def test_bases(wordnet: WordNet) -> None:
    assert wordnet.bases("fell") == {"fall"}
    assert wordnet.bases("stopped") == frozenset()  # not a lemma of the fixture
    assert wordnet.bases("cars") == {"car"}
    assert wordnet.bases("huge") == {"huge"}


_WORDS = ["car", "cars", "auto", "vehicle", "rust", "large", "huge", "fell", "drop", "seized"]


@given(st.sampled_from(_WORDS), st.sampled_from(_WORDS))
def test_related_is_symmetric(wordnet: WordNet, left: str, right: str) -> None:
    assert wordnet.related(left, right) == wordnet.related(right, left)


def test_synonym_pairs(wordnet: WordNet) -> None:
    left = features("Rebels seized the car and the rust stayed.")
    right = features("Rebels captured the stranded auto and the rust stayed.")
    # "stranded" has no relative on the other side; shared words never pair.
    assert synonym_pairs(left, right, wordnet) == [
        (fold("seized"), fold("captured")),
        ("car", "auto"),
    ]
    assert synonym_pairs(left, left, wordnet) == []


def test_each_word_pairs_once(wordnet: WordNet) -> None:
    left = features("The car and the auto.")
    right = features("The vehicle went.")
    assert len(synonym_pairs(left, right, wordnet)) == 1


def test_load_is_cached(tmp_path: Path) -> None:
    _write(tmp_path, FIXTURE)
    assert WordNet.load(tmp_path) is WordNet.load(str(tmp_path))


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a directory"):
        WordNet.load(tmp_path / "nowhere")


def test_missing_data_file(tmp_path: Path) -> None:
    _write(tmp_path, {name: text for name, text in FIXTURE.items() if name != "data.verb"})
    with pytest.raises(InputError, match=r"data\.verb: cannot read it"):
        WordNet.read(tmp_path)


def test_malformed_line(tmp_path: Path) -> None:
    _write(tmp_path, {**FIXTURE, "data.adj": "00000100 00 a zz large 0 000 | big\n"})
    with pytest.raises(InputError, match=r"data\.adj: line 1 is not a WordNet data line"):
        WordNet.read(tmp_path)


def test_no_synsets(tmp_path: Path) -> None:
    _write(tmp_path, {name: "" for name in FIXTURE})
    with pytest.raises(InputError, match="hold no synsets"):
        WordNet.read(tmp_path)
