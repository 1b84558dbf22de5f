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
