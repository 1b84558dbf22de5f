"""Reddit comment-page JSON (commentkit/ingest/reddit.py)."""
from __future__ import annotations

from commentkit.ingest import detect_format, read
from tests.conftest import DATA
from tests.ingest.helpers import assert_one_line_error, shape

REDDIT = DATA / "ingest" / "reddit"


def test_detected():
    assert detect_format(REDDIT / "nested.json").name == "reddit"


def test_nesting_and_deleted():
    thread = read(REDDIT / "nested.json")
    assert thread.title == "Fares rise by 10 cents"
    assert thread.article.text == "The agency says fuel is up 18% & wages 4%."
    assert thread.url == "https://www.reddit.com/r/example/comments/abc/fares/"
    # c2 is [deleted] (its reply c3 moves up to c1); c4 is [removed]
    assert shape(thread) == [("t1_c1", None, 0, "ana"), ("t1_c3", "t1_c1", 1, "cat"), ("t1_c5", None, 0, "eve")]
    assert thread.meta["skipped_deleted"] == 2


def test_more_stubs_are_counted_not_lost():
    thread = read(REDDIT / "nested.json")
    assert thread.meta["more_stubs"] == 1 and thread.meta["more_comments"] == 4
    assert any("load more" in w for w in thread.meta["warnings"])


def test_deleted_kept_on_request():
    thread = read(REDDIT / "nested.json", include_deleted=True)
    assert [c.id for c in thread.comments] == ["t1_c1", "t1_c2", "t1_c3", "t1_c4", "t1_c5"]


def test_truncated_file_names_position():
    assert_one_line_error(REDDIT / "truncated.json", r"invalid JSON at line \d+ column \d+")


def test_empty_thread():
    thread = read(REDDIT / "empty.json")
    assert thread.comments == [] and thread.title == "Fares rise by 10 cents"


def test_deleted_accounts_are_nobody_and_body_html_is_read():
    """A comment kept after its account was deleted has no author (not one user called "[deleted]"
    who wrote every such comment); the rendered body_html replaces the Markdown source."""
    thread = read(REDDIT / "deleted_authors.json")
    assert thread.article.author is None
    assert shape(thread) == [("t1_d1", None, 0, None), ("t1_d2", "t1_d1", 1, None), ("t1_d3", None, 0, "railfan")]
    assert thread.comments[2].text == "> 92%\n\nIt is in the monthly report."  # the <blockquote> stays a quote
