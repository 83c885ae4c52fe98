"""read_documents and the command line on corpus files, web pages and web
archives: the seeds in each format give what the .txt seeds give; bad
records are named by file and line or record; nothing half-added."""

from __future__ import annotations

import csv
import gzip
import html
import importlib.util
import io
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsdiff as nd
from newsdiff.cli import main
from newsdiff.readers import MissingExtraError, RecordError, read_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

needs_html = pytest.mark.skipif(
    importlib.util.find_spec("trafilatura") is None,
    reason="the html extra (trafilatura) is not installed: pip install 'newsdiff[html]'",
)
needs_warc = pytest.mark.skipif(
    importlib.util.find_spec("warcio") is None or importlib.util.find_spec("trafilatura") is None,
    reason="the warc and html extras are not installed: pip install 'newsdiff[warc,html]'",
)


def _seed_records() -> list[dict[str, str]]:
    return [
        {"id": path.name[:3], "text": path.read_text(encoding="utf-8"), "title": f"Seed {n}"}
        for n, path in enumerate(SEEDS)
    ]


def _txt_seeds() -> list[nd.Document]:
    return [nd.Document.from_file(path, id=path.name[:3]) for path in SEEDS]


def _write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _write_table(path: Path, records: list[dict[str, str]], delimiter: str = ",") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "title", "text"], delimiter=delimiter)
        writer.writeheader()
        writer.writerows(records)
    return path


def _page(text: str, title: str, head: str = "") -> str:
    """A news page of our own making: menu, article, footer."""
    paragraphs = "".join(
        f"<p>{html.escape(part.strip())}</p>\n" for part in text.split("\n\n") if part.strip()
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"{head}</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a> | "
        f"<a href='/sport'>Sport</a></nav><article>{paragraphs}</article>"
        "<footer>© The Example Daily. All rights reserved. Subscribe to our newsletter.</footer>"
        "</body></html>"
    )


def _same_documents(found: list[nd.Document], expected: list[nd.Document]) -> None:
    assert [(d.id, d.text, d.date) for d in found] == [(d.id, d.text, d.date) for d in expected]


def _same_graph(found: list[nd.Document], expected: list[nd.Document]) -> None:
    assert nd.provenance(found).to_dict() == nd.provenance(expected).to_dict()


# -- the seeds in each format --------------------------------------------------


@pytest.mark.parametrize("name", ["seeds.jsonl", "seeds.jsonl.gz", "seeds.csv", "seeds.tsv"])
def test_seeds_as_corpus_files_give_the_txt_seeds_documents_and_graph(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    if ".jsonl" in name:
        _write_jsonl(path, list(_seed_records()))
    else:
        _write_table(path, _seed_records(), "\t" if name.endswith(".tsv") else ",")
    reading = read_documents(path)
    found = list(reading)
    expected = _txt_seeds()
    _same_documents(found, expected)
    assert [d.title for d in found] == [f"Seed {n}" for n in range(len(SEEDS))]
    assert str(reading.summary) == "read 5 documents from 1 file (5 records)"
    # The same alignments, link for link, and the same provenance graph.
    assert nd.align(found[0], found[1]).to_dict() == nd.align(expected[0], expected[1]).to_dict()
    _same_graph(found, expected)


def test_a_directory_and_a_list_of_paths_read_like_the_files(tmp_path: Path) -> None:
    found = list(read_documents(ROOT / "seeds"))
    assert [d.id for d in found] == [path.stem for path in SEEDS]
    assert [d.text for d in read_documents(SEEDS[:2])] == [d.text for d in found[:2]]


@needs_html
def test_seeds_as_web_pages_give_the_same_graph(tmp_path: Path) -> None:
    paths = []
    for path in SEEDS:
        page = tmp_path / f"{path.name[:3]}.html"
        page.write_text(_page(path.read_text(encoding="utf-8"), f"Seed {path.name[:3]}"))
        paths.append(page)
    found = list(read_documents(paths))
    assert [d.title for d in found] == [f"Seed {p.name[:3]}" for p in SEEDS]
    # The menu and the footer are gone; the paragraphs are the seeds'.
    assert not any("All rights reserved" in d.text or "Sport" in d.text for d in found)
    expected = _txt_seeds()
    assert [" ".join(d.text.split()) for d in found] == [" ".join(d.text.split()) for d in expected]
    _same_graph(found, expected)


@needs_html
def test_a_page_gives_its_metadata_and_honours_its_declared_charset(tmp_path: Path) -> None:
    head = (
        "<meta property='og:site_name' content='Le Quotidien'>"
        "<meta property='article:published_time' content='2021-11-08T09:30:00+01:00'>"
        "<link rel='canonical' href='https://quotidien.example/monde/drone'>"
    )
    text = (
        "Le Premier ministre irakien a échappé à une attaque de drone contre sa résidence "
        "à Bagdad, dimanche, selon l'armée irakienne.\n\nIl a appelé au calme et à la "
        "retenue après l'attaque, la première à viser sa résidence depuis son arrivée au "
        "pouvoir en mai 2020."
    )
    page = _page(text, "Attaque de drone à Bagdad", head).replace(
        "charset='utf-8'", "charset='latin-1'"
    )
    path = tmp_path / "quotidien.html"
    path.write_bytes(page.encode("latin-1"))
    (doc,) = read_documents(path)  # declared latin-1 wins over the utf-8 default
    assert doc.id == "quotidien"
    assert doc.title == "Attaque de drone à Bagdad"
    assert doc.outlet == "Le Quotidien"
    assert doc.date is not None and doc.date.startswith("2021-11-08")
    assert doc.url == "https://quotidien.example/monde/drone"
    assert "échappé" in doc.text and "Home" not in doc.text


@needs_html
def test_a_page_without_an_article_is_named(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav></nav></body></html>")
    with pytest.raises(RecordError, match=r"empty\.html: no article found"):
        list(read_documents(path))
    reading = read_documents(path, on_error="skip")
    assert list(reading) == []
    assert reading.summary.skipped == {"no article found": 1}


def _warc(path: Path, pages: list[tuple[str, str]], compress: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for uri, page in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(page.encode("utf-8")),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2021-11-09T10:00:00Z"},
                )
            )
        for status, kind in (("200 OK", "image/png"), ("404 Not Found", "text/html")):
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://other.example/x",
                    "response",
                    payload=io.BytesIO(b"\x89PNG" if kind == "image/png" else b"<p>gone</p>"),
                    http_headers=headers,
                )
            )
    return path


def _seed_pages() -> list[tuple[str, str]]:
    return [
        (f"https://news{n}.example/story/{path.name[:3]}", _page(path.read_text("utf-8"), "t"))
        for n, path in enumerate(SEEDS)
    ]


@needs_warc
@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_seeds_in_a_web_archive_give_the_same_graph(tmp_path: Path, name: str) -> None:
    path = _warc(tmp_path / name, _seed_pages(), compress=name.endswith(".gz"))
    reading = read_documents(path)
    found = list(reading)
    assert [d.url for d in found] == [uri for uri, _ in _seed_pages()]
    assert [d.id for d in found] == [d.url for d in found]
    assert [d.outlet for d in found] == [f"news{n}.example" for n in range(5)]
    # A date the page shows wins; else the capture date.
    assert found[0].date == "2021-11-07"
    assert found[1].date == "2021-11-09T10:00:00Z"
    # warcinfo, 5 requests, an image; a 404 page
    assert reading.summary.skipped == {"not an HTML page": 7, "not a successful response": 1}
    expected = _txt_seeds()
    graph, reference = nd.provenance(found), nd.provenance(expected)
    ids = dict(zip([d.id for d in found], [d.id for d in expected], strict=True))
    assert [(ids[e.target], e.kind) for e in graph.edges if e.target in ids] == [
        (e.target, e.kind) for e in reference.edges
    ]


@needs_warc
@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("fraction", [0.35, 0.6, 0.97])
def test_a_truncated_web_archive_names_the_record(
    tmp_path: Path, name: str, fraction: float
) -> None:
    whole = _warc(tmp_path / name, _seed_pages(), compress=name.endswith(".gz")).read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(whole[: int(len(whole) * fraction)])
    with pytest.raises(RecordError, match=rf"cut-{name}: record \d+: truncated"):
        list(read_documents(cut))
    reading = read_documents(cut, on_error="skip")
    documents = list(reading)
    assert (
        reading.summary.skipped.get("truncated WARC record", 0)
        + reading.summary.skipped.get("truncated or damaged WARC file", 0)
        == 1
    )
    assert len(documents) <= 5


def test_missing_extras_say_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "a.html"
    page.write_text("<p>x</p>")
    archive = tmp_path / "a.warc"
    archive.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'newsdiff\[html\]'"):
        list(read_documents(page))
    with pytest.raises(MissingExtraError, match=r"pip install 'newsdiff\[warc\]'"):
        list(read_documents(archive))
    assert main(["segment", str(page)]) == 1


# -- bad records ---------------------------------------------------------------


def test_a_malformed_json_line_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n\n{"id": "b", "text": "Two.",\n[1]\n')
    with pytest.raises(RecordError, match=r"corpus\.jsonl: line 3: malformed JSON"):
        list(read_documents(path))
    reading = read_documents(path, on_error="skip")
    assert [doc.id for doc in reading] == ["a"]
    assert reading.summary.skipped == {"malformed JSON": 1, "not a JSON object": 1}
    assert reading.summary.records == 3  # the blank line is no record


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x"}', "record without text"),
        ('{"id": "x", "text": "  "}', "record without text"),
        ('{"id": "x", "text": 3}', "text not a string"),
        ('{"id": ["x"], "text": "Hi."}', "id not a string"),
        ('{"id": "x", "text": "Hi \\ud800."}', "bad record"),
        ('{"id": "", "text": "Hi."}', None),  # an empty id: the record's own
        ("\xff", "not UTF-8"),
    ],
)
def test_each_bad_record_has_its_reason(tmp_path: Path, line: str, reason: str | None) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        b'{"id": "ok", "text": "Fine."}\n' + line.encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    )
    if reason is None:
        assert [doc.id for doc in read_documents(path)] == ["ok", "c-2"]
        return
    with pytest.raises(RecordError, match=rf"c\.jsonl: line 2: {reason}"):
        list(read_documents(path))
    reading = read_documents(path, on_error="skip")
    assert [doc.id for doc in reading] == ["ok"]
    assert reading.summary.skipped == {reason: 1}


def test_a_csv_row_with_the_wrong_field_count_is_named(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        'id,date,text\na,2021-01-01,"First, with\na second line."\nb,2021-01-02\nc,,Third.\n'
    )
    with pytest.raises(RecordError, match=r"c\.csv: line 4: wrong number of fields \(2, the"):
        list(read_documents(path))
    reading = read_documents(path, on_error="skip")
    assert [(doc.id, doc.date) for doc in reading] == [("a", "2021-01-01"), ("c", None)]
    with pytest.raises(RecordError, match=r"c\.csv: line 1: no 'body' column"):
        list(read_documents(path, text_field="body"))


def test_a_csv_in_another_encoding_and_its_undecodable_line(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("id,text\na,Été comme hiver.\n".encode("latin-1"))
    with pytest.raises(RecordError, match=r"c\.csv: line 2: not valid utf-8"):
        list(read_documents(path))
    assert [doc.text for doc in read_documents(path, encoding="latin-1")] == ["Été comme hiver."]
    path.write_bytes("id,text\na,Été comme hiver.\n".encode("utf-16"))
    assert [doc.text for doc in read_documents(path, encoding="utf-16")] == ["Été comme hiver."]


def test_a_truncated_gzip_file_is_named_by_line(tmp_path: Path) -> None:
    records = [{"id": str(n), "text": f"Story {n} " + "word " * 400} for n in range(200)]
    whole = _write_jsonl(tmp_path / "c.jsonl.gz", list(records)).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(RecordError, match=r"cut\.jsonl\.gz: line \d+: truncated or damaged gzip"):
        list(read_documents(cut))
    reading = read_documents(cut, on_error="skip")
    assert 0 < len(list(reading)) < 200
    assert reading.summary.skipped == {"truncated or damaged gzip file": 1}


def test_duplicate_ids_in_a_file_fail_or_keep_the_first(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "c.jsonl",
        [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}, {"id": "a", "text": "Three."}],
    )
    with pytest.raises(RecordError, match=r"line 3: duplicate id 'a' \(first at .*line 1"):
        list(read_documents(path))
    reading = read_documents(path, on_duplicate="skip")
    assert [doc.text for doc in reading] == ["One.", "Two."]
    assert reading.summary.skipped == {"duplicate id": 1}
    assert [doc.text for doc in read_documents(path, on_duplicate="keep")][-1] == "Three."


def test_fields_are_chosen_by_name_and_reach_into_objects(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "c.jsonl",
        [{"key": 7, "body": "Text.", "meta": {"published": "2021-11-07", "site": "AFP"}}],
    )
    (doc,) = read_documents(
        path,
        id_field="key",
        text_field="body",
        date_field="meta.published",
        outlet_field="meta.site",
    )
    assert (doc.id, doc.text, doc.date, doc.outlet) == ("7", "Text.", "2021-11-07", "AFP")


def test_reading_is_lazy_and_holds_one_record() -> None:
    def endless() -> Iterator[bytes]:
        n = 0
        while True:
            n += 1
            yield json.dumps({"id": str(n), "text": "Word. " * 50}).encode() + b"\n"

    class Stream(io.RawIOBase):
        def __init__(self) -> None:
            self.lines = endless()
            self.pending = b""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            while len(self.pending) < len(buffer):
                self.pending += next(self.lines)
            size = len(buffer)
            buffer[:size] = self.pending[:size]
            self.pending = self.pending[size:]
            return size

    reading = read_documents(io.BufferedReader(Stream()), format="jsonl")
    first = [next(reading).id for _ in range(3)]
    assert first == ["1", "2", "3"]
    assert reading.summary.records == 3


def test_bad_arguments_are_named() -> None:
    with pytest.raises(nd.InputError, match="on_error"):
        read_documents("x.jsonl", on_error="ignore")  # type: ignore[arg-type]
    with pytest.raises(nd.InputError, match="format"):
        read_documents("x", format="pdf")
    with pytest.raises(nd.ArgumentTypeError, match="text_field"):
        read_documents("x", text_field=1)  # type: ignore[arg-type]
    with pytest.raises(nd.InputError, match="needs format"):
        read_documents(io.BytesIO(b""))
    with pytest.raises(nd.InputError, match=r"compressed html"):
        list(read_documents("page.html.gz"))


# -- metadata kept ---------------------------------------------------------------


def test_title_survives_json_and_the_index(tmp_path: Path) -> None:
    doc = nd.Document.from_text("Body.", id="a", title="Head", outlet="AFP", url="u")
    assert nd.Document.from_dict(doc.to_dict()).title == "Head"
    with nd.Index(tmp_path / "i.db") as index:
        index.add(doc)
        back = index.get("a")
    assert (back.title, back.outlet, back.url) == ("Head", "AFP", "u")


def test_a_version_1_index_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with nd.Index(path) as index:
        index.add(nd.Document.from_text("Body of an old story.", id="old"))
    # Make it look as version 1 wrote it: no title column.
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE documents DROP COLUMN title")
    db.execute("UPDATE meta SET value = 'newsdiff.index/1' WHERE key = 'schema'")
    db.commit()
    db.close()
    with nd.Index(path) as index:
        assert index.get("old").title is None
        index.add(nd.Document.from_text("New.", id="new", title="T"))
        assert index.get("new").title == "T"


# -- the command line ------------------------------------------------------------


def test_index_add_fails_whole_on_a_bad_record_and_skips_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_jsonl(
        tmp_path / "c.jsonl", [*_seed_records()[:3], {"id": "bad"}, *_seed_records()[3:]]
    )
    database = str(tmp_path / "i.db")
    assert main(["index", "add", database, str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "c.jsonl: line 4: record without text" in err
    assert "Traceback" not in err
    with nd.Index(database) as index:
        assert len(index) == 0  # nothing half-added
    assert main(["index", "add", database, str(path), "--on-error", "skip"]) == 0
    out, err = capsys.readouterr()
    assert "added 5 documents" in out
    assert "read 5 documents from 1 file (6 records); skipped 1: 1 record without text" in err
    with nd.Index(database) as index:
        assert index.get("001").title == "Seed 1"


def test_commands_take_fields_formats_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [{"key": r["id"], "body": r["text"], "site": "AFP"} for r in _seed_records()]
    path = _write_jsonl(tmp_path / "c.jsonl", list(records))
    fields = ["--id-field", "key", "--text-field", "body", "--outlet-field", "site"]
    assert main(["segment", "--json", str(path), *fields]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["id"], d["outlet"]) for d in data["documents"]] == [
        (r["key"], "AFP") for r in records
    ]
    assert main(["cluster", "--json", str(path), *fields]) == 0
    clusters = json.loads(capsys.readouterr().out)["clusters"]
    assert sorted(clusters[0]) == ["000", "001", "004"]
    stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["report", "-", "--format", "jsonl", *fields]) == 0
    assert "000" in capsys.readouterr().out


def test_align_takes_one_document_per_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = _write_jsonl(tmp_path / "many.jsonl", list(_seed_records()))
    one = _write_jsonl(tmp_path / "one.jsonl", list(_seed_records()[:1]))
    assert main(["align", str(one), str(SEEDS[1])]) == 0
    capsys.readouterr()
    assert main(["align", str(many), str(SEEDS[1])]) == 1
    assert "many.jsonl: holds more than one document" in capsys.readouterr().err


def test_index_add_replace_keeps_the_last_of_a_duplicate_and_skip_keeps_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_jsonl(
        tmp_path / "c.jsonl",
        [{"id": "a", "text": "First words here."}, {"id": "a", "text": "Second words here."}],
    )
    database = str(tmp_path / "i.db")
    assert main(["index", "add", database, str(path)]) == 1
    assert "c.jsonl: line 2: duplicate id 'a'" in capsys.readouterr().err
    assert main(["index", "add", database, str(path), "--on-duplicate", "skip"]) == 0
    with nd.Index(database) as index:
        assert index.get("a").text == "First words here."
    assert main(["index", "add", database, str(path), "--replace"]) == 0
    with nd.Index(database) as index:
        assert index.get("a").text == "Second words here."
    assert "skipped 1: 1 duplicate id" in capsys.readouterr().err


@needs_warc
def test_the_command_line_reads_pages_and_archives_and_says_what_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = _warc(tmp_path / "crawl.warc.gz", _seed_pages()[:3], compress=True)
    page = tmp_path / "004.html"
    page.write_text(_page(SEEDS[4].read_text(encoding="utf-8"), "Seed 004"), encoding="utf-8")
    assert main(["cluster", "--json", str(archive), str(page)]) == 0
    out, err = capsys.readouterr()
    clusters = json.loads(out)["clusters"]
    assert ["004", "https://news0.example/story/000", "https://news1.example/story/001"] in [
        sorted(cluster) for cluster in clusters
    ]
    assert err == (
        "newsdiff: read 4 documents from 2 files (10 records); "
        "skipped 6: 5 not an HTML page, 1 not a successful response\n"
    )
