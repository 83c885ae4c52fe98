"""Documents: construction, files, metadata, and bad input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import newsdiff as nd
from newsdiff.text.segment import MAX_UNIT_CHARS

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.mark.parametrize("bad", [b"bytes", None, 42, 3.5, ["list"]])
def test_non_str_text_raises_type_error_naming_the_argument(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^text must be str, not "):
        nd.Document.from_text(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^text must be str, not "):
        nd.segment(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^text must be str, not "):
        nd.Document(id="x", text=bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^text must be str, not "):
        nd.normalize(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"id", 7])
def test_non_str_id_and_metadata_raise_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^id must be str"):
        nd.Document(id=bad, text="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^date must be str"):
        nd.Document(id="x", text="x", date=bad)  # type: ignore[arg-type]


def test_empty_id_is_an_input_error() -> None:
    with pytest.raises(nd.InputError):
        nd.Document(id="  ", text="x")


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \r\n", "\u00a0\u2028 \x0b"])
def test_empty_and_whitespace_only_text_has_no_sentences(text: str) -> None:
    assert nd.Document.from_text(text).sentences == ()


def test_default_id_is_stable_and_date_comes_from_a_date_line() -> None:
    text = " date 2021-11-07 Headline here.\n\nBody sentence one. Body two."
    doc = nd.Document.from_text(text)
    assert doc.id == nd.Document.from_text(text).id
    assert doc.id.startswith("doc-")
    assert doc.date == "2021-11-07"
    assert nd.Document.from_text(text, date="2021-11-09").date == "2021-11-09"
    assert doc.text == text  # the text is never altered


def test_from_file_uses_the_stem_as_id_and_keeps_the_text(tmp_path: Path) -> None:
    doc = nd.Document.from_file(SEEDS / "004_8ba782a940ecc41e.txt")
    assert doc.id == "004_8ba782a940ecc41e"
    raw = (SEEDS / "004_8ba782a940ecc41e.txt").read_bytes().decode("utf-8")
    assert doc.text == raw
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert sentence.doc_id == doc.id


def test_bom_is_dropped_and_crlf_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfMounting tensions\r\n\r\nOne. Two.\r\nThree.\r\n")
    doc = nd.Document.from_file(path)
    assert doc.text == "Mounting tensions\r\n\r\nOne. Two.\r\nThree.\r\n"
    assert [(s.text, s.paragraph) for s in doc.sentences] == [
        ("Mounting tensions", 0),
        ("One.", 1),
        ("Two.", 1),
        ("Three.", 1),
    ]


def test_undecodable_file_names_the_file_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 au lait.".encode("latin-1"))
    with pytest.raises(nd.DecodingError) as raised:
        nd.Document.from_file(path)
    assert raised.value.offset == 3
    assert str(path) in str(raised.value) and "byte offset 3" in str(raised.value)
    assert isinstance(raised.value, nd.NewsdiffError)
    # The escape hatches: another encoding, or replacement characters.
    assert nd.Document.from_file(path, encoding="latin-1").text == "Caf\u00e9 au lait."
    assert nd.Document.from_file(path, errors="replace").text == "Caf\ufffd au lait."


def test_unknown_encoding_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(nd.InputError, match=r"a\.txt"):
        nd.Document.from_file(path, encoding="no-such-codec")


def test_from_file_rejects_non_paths() -> None:
    with pytest.raises(TypeError, match=r"^path must be"):
        nd.Document.from_file(b"seeds/x.txt")  # type: ignore[arg-type]


def test_round_trip_through_plain_data() -> None:
    doc = nd.Document.from_file(SEEDS / "001_37a1e98ddf765961.txt", outlet="x", url="u")
    again = nd.Document.from_dict(doc.to_dict())
    assert again == doc
    assert again.sentences == doc.sentences
    with pytest.raises(nd.InputError, match="'text'"):
        nd.Document.from_dict({"id": "x"})


def test_documents_are_immutable() -> None:
    doc = nd.Document.from_text("One. Two.")
    with pytest.raises(AttributeError):
        doc.text = "other"  # type: ignore[misc]


def _best_time(text: str) -> float:
    # CPU time of this process, not wall time: other jobs on a shared CI
    # machine must not make a linear step look quadratic.
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        nd.segment(text)
        best = min(best, time.process_time() - began)
    return best


def test_five_megabytes_without_punctuation_segment_in_linear_time() -> None:
    # A complexity check, not a speed target: a quadratic step would make
    # ten times the input cost about a hundred times the time.
    unit = "word " * 20
    small = unit * (500_000 // len(unit))
    large = unit * (5_000_000 // len(unit))
    sentences = nd.segment(large)
    assert all(len(s.text) <= MAX_UNIT_CHARS for s in sentences)
    assert _best_time(large) / _best_time(small) < 25


def test_hostile_runs_stay_linear() -> None:
    for piece in [".", "\u201d", "a.", "\n", "Mr. ", "\x00"]:
        small = piece * (100_000 // len(piece))
        large = piece * (1_000_000 // len(piece))
        assert _best_time(large) / max(_best_time(small), 1e-6) < 25, repr(piece)
