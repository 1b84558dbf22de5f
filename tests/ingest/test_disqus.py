"""Disqus XML exports (commentkit/ingest/disqus.py)."""
from __future__ import annotations

from commentkit.ingest import detect_format, read, read_threads
from tests.conftest import DATA
from tests.ingest.helpers import assert_one_line_error, shape

DISQUS = DATA / "ingest" / "disqus"


def test_detected():
    assert detect_format(DISQUS / "nested.xml").name == "disqus"


def test_threads_with_posts_only():
    threads = read_threads(DISQUS / "nested.xml")
    assert [t.id for t in threads] == ["roads-budget"]
    thread = threads[0]
    assert thread.title == "Council approves & funds road repairs"
    assert thread.url == "https://news.example.org/roads-budget"
    assert thread.article.text == "The council approved $4.2 million."


def test_nesting_skips_deleted_and_spam_keeping_replies():
    thread = read(DISQUS / "nested.xml")
    # post 2 is deleted: its reply 3 moves up to post 1; post 4 is spam
    assert shape(thread) == [("1", None, 0, "Ana"), ("3", "1", 1, "Cat"), ("5", "3", 2, "Ana")]
    assert thread.comments[0].text == "Is that $4.2 million for one year?\n\nSecond paragraph."
    assert thread.comments[0].published.isoformat() == "2023-05-04T09:00:00+00:00"
    assert thread.meta["skipped_deleted"] == 1 and thread.meta["skipped_spam"] == 1
    assert any("1 deleted and 1 spam" in w for w in thread.meta["warnings"])


def test_deleted_and_spam_kept_on_request():
    thread = read(DISQUS / "nested.xml", include_deleted=True, include_spam=True)
    assert [c.id for c in thread.comments] == ["1", "2", "3", "4", "5"]
    assert thread.comments[2].parent_id == "2" and thread.comments[2].depth == 2


def test_truncated_file_names_position():
    assert_one_line_error(DISQUS / "truncated.xml", r"invalid XML at line \d+ column \d+")


def test_billion_laughs_refused():
    assert_one_line_error(DISQUS / "laughs.xml", "declares entities", "refused")


def test_empty_thread():
    thread = read(DISQUS / "empty.xml")
    assert thread.title == "Nobody commented"
    assert thread.comments == []
