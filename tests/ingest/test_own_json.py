"""commentkit's own JSON: the Thread form, lists/JSONL of threads and the simple thread form."""
import json

import pytest

from commentkit.errors import IngestError
from commentkit.ingest import read, read_threads
from commentkit.model import Post, Thread


def test_simple_form_builds_nesting_and_keeps_provenance(data_dir):
    thread = read(data_dir / "own_json" / "simple.json")
    assert thread.format == "json"
    assert thread.id == "budget-2024" and thread.title == "Council passes budget"
    assert thread.article.text.startswith("The council approved")
    assert [c.id for c in thread.comments] == ["a", "b", "c", "d"]
    assert [c.depth for c in thread.comments] == [0, 1, 2, 0]
    assert thread.comments[1].parent_id == "a"
    assert thread.comments[3].parent_id is None  # parent not in the file: treated as top level
    assert thread.meta["license"] == "CC0"


def test_thread_dict_and_jsonl_of_threads(tmp_path):
    t1 = Thread(id="t1", article=Post(id="article", text="A"), comments=[Post(id="c", text="x")])
    t2 = Thread(id="t2", article=Post(id="article", text="B"))
    single = tmp_path / "one.json"
    single.write_text(t1.to_json())
    assert read(single) == Thread.from_dict({**t1.to_dict(), "format": "json", "source": str(single)})
    many = tmp_path / "many.jsonl"
    many.write_text(t1.to_json() + "\n" + t2.to_json() + "\n")
    assert [t.id for t in read_threads(many)] == ["t1", "t2"]
    with pytest.raises(IngestError, match="holds 2 threads"):
        read(many)


def test_truncated_file_names_file_and_position(tmp_path):
    bad = tmp_path / "cut.json"
    bad.write_text(json.dumps({"id": "x", "article": "text", "comments": [{"id": "a", "text": "hello"}]})[:-12])
    with pytest.raises(IngestError) as info:
        read_threads(bad, format="json")
    message = str(info.value)
    assert str(bad) in message and "line 1 column" in message and "\n" not in message


def test_empty_thread_has_no_comments(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text('{"id": "e", "article": "Just the article.", "comments": []}')
    thread = read(path)
    assert thread.comments == [] and thread.article.text == "Just the article."


@pytest.mark.parametrize("content,reason", [(b"", "empty"), (b"\x00\x01\x02\xff" * 50, "not a discussion")],
                         ids=["empty", "binary"])
def test_not_a_discussion_is_refused_with_reason(tmp_path, content, reason):
    path = tmp_path / "junk.dat"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        read_threads(path)


def test_simple_form_with_the_article_as_an_object(tmp_path):
    """Hand-written JSON: the article an object without ids, comments with dates; not a cryptic
    "missing argument" error."""
    path = tmp_path / "thread.json"
    path.write_text('{"title": "Toll rises to $6", "article": {"text": "The toll rises to $6 from $5.", "author": "Desk"},'
                    ' "comments": [{"id": 1, "author": "lee", "text": "A 20% rise.", "date": "2025-05-01T10:00:00Z"},'
                    ' {"id": 2, "author": "kim", "text": "Yes.", "parent": 1}]}', encoding="utf-8")
    thread = read(path)
    assert (thread.title, thread.article.text, thread.article.author) == ("Toll rises to $6", "The toll rises to $6 from $5.", "Desk")
    assert [(c.id, c.parent_id, c.depth) for c in thread.comments] == [("1", None, 0), ("2", "1", 1)]
    assert thread.comments[0].published.isoformat() == "2025-05-01T10:00:00+00:00"
