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


def test_reply_listed_before_its_parent_follows_it(tmp_path):
    """An export that lists a reply before the comment it answers (merged exports do)."""
    path = tmp_path / "order.xml"
    path.write_text('''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>Post</title><wp:post_id>9</wp:post_id>
<wp:comment><wp:comment_id>12</wp:comment_id><wp:comment_author>Ravi</wp:comment_author>
<wp:comment_date_gmt>2024-06-01 11:00:00</wp:comment_date_gmt><wp:comment_content>A reply.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>11</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>11</wp:comment_id><wp:comment_author>Meg</wp:comment_author>
<wp:comment_date>2024-06-01 10:00:00</wp:comment_date><wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt>
<wp:comment_content>The first comment.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>''', encoding="utf-8")
    thread = read(path)
    assert shape(thread) == [("11", None, 0, "Meg"), ("12", "11", 1, "Ravi")]
