"""Nesting in plain-text copies that lost their indentation (commentkit/ingest/text_nesting.py)."""
from __future__ import annotations

from commentkit.ingest import read
from tests.conftest import DATA

NESTING = DATA / "ingest" / "text" / "nesting"


def _tree(thread):
    return [(c.author, c.parent_id, c.depth) for c in thread.comments]


def test_substack_reply_counts_nest_the_replies_shown_below():
    """"2 replies" under Dale's comment: Maria's answer and Dale's answer to it (which Maria's own
    "1 reply" puts one level deeper); the comments after them are top-level again."""
    thread = read(NESTING / "substack_replies.txt")
    assert thread.article.author == "Maria Lindqvist"  # the name line over the date, under the headline
    assert _tree(thread) == [
        ("Dale Forsyth", None, 0), ("Maria Lindqvist", "c1", 1), ("Dale Forsyth", "c2", 2),
        ("Renée Okafor", None, 0), ("Paul Estrada", None, 0), ("Lena W", None, 0)]
    assert [c.text for c in thread.comments][:3] == [
        "$212 a night is more than a hotel downtown.", "It is, and the hotel pays property tax.", "Ha, fair point."]


def test_hacker_news_copy_parent_links_nest_and_deeper_replies_stay_flat():
    """"parent" marks a reply: under the top-level comment above it. "root | parent" marks a reply
    to a reply, whose own parent a copy does not give: kept under its top-level comment, with a
    warning; not guessed to be the comment just above it."""
    thread = read(NESTING / "hn_root_parent.txt")
    assert _tree(thread) == [
        ("tmiller", None, 0), ("urbanist_k", "c1", 1), ("tmiller", "c1", 1), ("qz_dev", "c1", 1),
        ("hana_b", None, 0)]
    assert thread.comments[2].text == "Matched on what? Population alone would not be enough."
    assert any("Hacker News copy does not say" in w and ": 1 " in w for w in thread.meta["warnings"])


def test_hacker_news_copy_without_root_links_warns_that_depth_is_unknown():
    thread = read(DATA / "ingest" / "text" / "hn_copy.txt")
    assert _tree(thread) == [("benchmark_bob", None, 0), ("dbperf", "c1", 1), ("sre_anna", None, 0)]
    assert any("whether they answer it or another reply" in w for w in thread.meta["warnings"])


def test_hacker_news_story_line_is_the_comment_header_and_the_line_above_the_title():
    """"318 points by urbanist_k 7 hours ago | ... | 5 comments" under "Title (example.com)": a link
    post has no body (the title and points line used to be read as one), the title drops the domain."""
    thread = read(NESTING / "hn_root_parent.txt")
    assert thread.title == "Cities that removed parking minimums saw 40% more housing permits"
    assert thread.article.text == ""
    assert thread.meta["declared_count"] == 5
