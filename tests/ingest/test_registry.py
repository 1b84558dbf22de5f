"""The format registry and detection (commentkit/ingest/__init__.py) over every reader."""
from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commentkit.errors import IngestError
from commentkit.ingest import FORMATS, detect_format, formats, read_threads
from tests.conftest import CORPUS, DATA
from tests.ingest.helpers import assert_one_line_error

SAMPLES = {
    "text": DATA / "ingest" / "text" / "says_pingback.txt",
    "html": DATA / "ingest" / "html" / "wordpress.html",
    "disqus": DATA / "ingest" / "disqus" / "nested.xml",
    "wxr": DATA / "ingest" / "wxr" / "nested.xml",
    "reddit": DATA / "ingest" / "reddit" / "nested.json",
    "hn": DATA / "ingest" / "hn" / "algolia.json",
    "csv": DATA / "ingest" / "table" / "comments.csv",
    "jsonl": DATA / "ingest" / "table" / "comments.jsonl",
}


def test_every_format_has_a_sample_and_a_description():
    assert set(SAMPLES) | {"json"} == set(formats())
    assert all(f.description for f in FORMATS)


@pytest.mark.parametrize("name, path", sorted(SAMPLES.items()))
def test_detection(name, path):
    assert detect_format(path).name == name


@pytest.mark.parametrize("name, path", sorted(SAMPLES.items()))
def test_threads_round_trip_through_json(name, path):
    from commentkit.model import Thread

    for thread in read_threads(path):
        assert thread.format == name and thread.source == str(path)
        again = Thread.from_json(thread.to_json())
        assert again.to_dict() == json.loads(thread.to_json())


def test_corpus_shows_every_reader():
    files = [p for p in CORPUS.iterdir() if not p.name.lower().startswith("readme")]
    seen = {detect_format(p).name for p in files}
    assert seen >= set(SAMPLES)


def test_forced_format_overrides_detection():
    with pytest.raises(IngestError, match="Reddit JSON"):
        read_threads(SAMPLES["hn"], format="reddit")


def test_unknown_format_named(tmp_path):
    with pytest.raises(IngestError, match="unknown format 'docx'"):
        read_threads(SAMPLES["text"], format="docx")


@pytest.mark.parametrize("content", [b"", b"   \n\n", bytes(range(0, 32)) * 50])
def test_not_a_discussion(tmp_path, content):
    path = tmp_path / "thing.bin"
    path.write_bytes(content)
    with pytest.raises(IngestError, match="thing.bin"):
        read_threads(path)


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_give_threads_or_one_line_error(tmp_path, fmt, data):
    path = tmp_path / f"fuzz.{fmt}"
    path.write_bytes(data)
    try:
        threads = read_threads(path, format=fmt)
    except IngestError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
    else:
        assert all(t.format == fmt for t in threads)


def test_posts_that_share_an_id_are_told_apart(tmp_path):
    # Stages key claims and stances by post id: two comments with one id would be merged.
    path = tmp_path / "dup.json"
    path.write_text(json.dumps({"id": "t", "article": "It cost 5 million.", "comments": [
        {"id": "c1", "text": "It was 6 million."}, {"id": "c1", "text": "Is that true? I read 5 million."},
        {"id": "c1#2", "text": "A third."}, {"id": "article", "text": "Same id as the article."},
        {"id": "c2", "parent": "c1", "text": "Agreed."}]}), encoding="utf-8")
    (thread,) = read_threads(path)
    ids = [c.id for c in thread.comments]
    assert ids == ["c1", "c1#2", "c1#2#2", "article#2", "c2"]
    assert len(set(ids) | {thread.article.id}) == 6
    assert thread.meta["renamed_ids"] == 3
    assert thread.comments[-1].parent_id == "c1" and thread.comments[-1].depth == 1


@pytest.mark.parametrize("name, data, reason", [
    ("dump.jsonl.gz", gzip.compress(b'{"id": 1, "text": "x"}\n'), "gzip-compressed file: decompress it first"),
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "a PDF document"),
    ("comments.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "a zip archive"),
])
def test_files_that_are_plainly_something_else_say_what_they_are(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line_error(path, reason)


def test_csv_with_a_header_and_no_rows_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("id,text,author\n", encoding="utf-8")
    assert_one_line_error(path, "CSV: the table has a header but no rows")


def test_a_file_without_any_discussion_is_an_error_not_zero_threads(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text('{"comments": []}', encoding="utf-8")
    assert_one_line_error(path, "no comments in the file", format="jsonl")
    path.write_text("[]", encoding="utf-8")
    assert_one_line_error(path, "no comments in the file", format="jsonl")
