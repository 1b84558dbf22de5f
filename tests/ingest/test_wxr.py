"""WordPress WXR exports (commentkit/ingest/wxr.py)."""
from __future__ import annotations

from commentkit.ingest import detect_format, read
from tests.conftest import DATA
from tests.ingest.helpers import assert_one_line_error, shape

WXR = DATA / "ingest" / "wxr"


def test_detected():
    assert detect_format(WXR / "nested.xml").name == "wxr"


def test_one_thread_per_post_with_comments_and_nesting():
    thread = read(WXR / "nested.xml")
    assert thread.id == "wp-10" and thread.title == "A Quiet Week at the Harbour"
    assert thread.article.text == "Only 12 ships came in this week.\n\nLast year it was 30."
    # 3 is held (unapproved), 4 spam, 5 a pingback; 6 replied to the held 3 and moves up to 2
    assert shape(thread) == [("1", None, 0, "Pat"), ("2", "1", 1, "Lee"), ("6", "2", 2, "Sam")]
    assert thread.comments[0].published.isoformat() == "2022-06-02T08:01:00+00:00"


def test_pingbacks_kept_apart_and_skips_counted():
    thread = read(WXR / "nested.xml")
    assert thread.meta["n_pingbacks"] == 1
    assert thread.meta["pingbacks"][0]["author"] == "Coast Weekly"
    assert thread.meta["skipped"] == {"unapproved": 1, "spam": 1}
    assert thread.meta["warnings"]


def test_unapproved_kept_on_request():
    thread = read(WXR / "nested.xml", include_unapproved=True)
    assert [c.id for c in thread.comments] == ["1", "2", "3", "6"]
    assert thread.comments[3].depth == 3


def test_truncated_file_names_position():
    assert_one_line_error(WXR / "truncated.xml", r"WordPress export: invalid XML at line \d+ column \d+")


def test_empty_thread():
    thread = read(WXR / "empty.xml")
    assert thread.title == "No comments yet" and thread.comments == []
    assert thread.article.text == "Just the post."
