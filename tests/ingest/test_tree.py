"""Reply depth from parent links: consistent for any links a file may hold, cycles included."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commentkit.ingest.tree import assign_depths
from commentkit.model import Post


def posts(links: dict) -> list[Post]:
    return [Post(id=i, text=f"comment {i}", parent_id=p) for i, p in links.items()]


def assert_consistent(comments: list[Post]) -> None:
    by_id = {c.id: c for c in comments}
    for c in comments:
        if c.parent_id is None:
            assert c.depth == 0, c
        else:
            assert c.depth == by_id[c.parent_id].depth + 1, c


def test_a_cycle_is_cut_once_and_the_depths_follow_the_links_that_remain():
    comments = assign_depths(posts({"a": "b", "b": "a", "self": "self", "x": "y", "y": "z", "z": "x", "tail": "y"}))
    assert_consistent(comments)
    assert sum(c.parent_id is None for c in comments if c.id in "ab") == 1  # one link of the pair is cut
    assert [c.parent_id for c in comments if c.id == "self"] == [None]


def test_a_missing_parent_makes_a_top_level_comment_and_a_long_chain_needs_no_recursion():
    comments = assign_depths(posts({"orphan": "deleted", **{f"c{i}": (f"c{i - 1}" if i else None) for i in range(5000)}}))
    assert_consistent(comments)
    assert comments[0].parent_id is None and comments[-1].depth == 4999


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.none() | st.sampled_from("abcdefghz"), min_size=1))
def test_any_links_give_consistent_depths(links):
    assert_consistent(assign_depths(posts(links)))


def test_parents_first_moves_a_reply_after_its_parent_and_keeps_the_rest():
    from commentkit.ingest.tree import parents_first
    from commentkit.model import Post

    posts = [Post(id="r3", text="x", parent_id="r1"), Post(id="r1", text="x"), Post(id="r2", text="x", parent_id="r9"),
             Post(id="r4", text="x", parent_id="r3"), Post(id="r1", text="same id twice")]
    assert [(p.id, p.text) for p in parents_first(posts)] == [
        ("r1", "x"), ("r3", "x"), ("r2", "x"), ("r4", "x"), ("r1", "same id twice")]


def test_parents_first_keeps_every_post_of_a_cycle():
    from commentkit.ingest.tree import parents_first
    from commentkit.model import Post

    posts = [Post(id="a", text="x", parent_id="b"), Post(id="b", text="x", parent_id="a")]
    assert sorted(p.id for p in parents_first(posts)) == ["a", "b"]
