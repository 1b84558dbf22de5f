"""Author taglines before the first paragraph or after the last (commentkit/ingest/tagline.py)."""
from __future__ import annotations

import pytest

from commentkit.ingest import read
from commentkit.ingest.tagline import is_tagline
from tests.conftest import DATA

HTML = DATA / "ingest" / "html" / "tagline"
TEXT = DATA / "ingest" / "text" / "tagline"
FIRST = "The transit authority wants to cut four of its six overnight routes"
LAST = "The board should look elsewhere."


@pytest.mark.parametrize("text,authors,marked,expected", [
    ("Mr. Hale is a transportation researcher.", "Graham Hale", False, True),
    ("Mr. Hale is a transportation researcher.", None, True, True),  # italic on the page
    ("Mr. Hale is a transportation researcher.", None, False, False),  # no evidence it is about the author
    ("Marcus Bell is a night-bus driver who has worked the 14N route for 11 years.", "Nneka Okoye", False, False),
    ("Graham Hale, a former city engineer, is a fellow at the Pine Institute.", "Graham Hale", False, True),
    ("The council voted 7-2 on Tuesday.", "Graham Hale", True, False),  # italic, but not about anyone
    ("Hale is a researcher. " * 4, "Graham Hale", False, False),  # a paragraph, not a line
])
def test_is_tagline(text, authors, marked, expected):
    assert is_tagline(text, authors, marked=marked) is expected


def test_html_italic_tagline_first_and_classed_note_last_leave_the_body():
    thread = read(HTML / "italic_and_classed.html")
    assert thread.article.text.startswith(FIRST) and thread.article.text.endswith(LAST)
    assert thread.meta["author_tagline"] == ["Dr. Okoye teaches urban planning at Harbourside University.",
                                             "Her book on shift work is out in March."]
    assert thread.article.author == "Nneka Okoye"


def test_html_first_sentence_about_someone_else_stays():
    thread = read(HTML / "first_sentence_about_someone_else.html")
    assert thread.article.text.startswith("Marcus Bell is a night-bus driver")
    assert "author_tagline" not in thread.meta


def test_text_copy_tagline_under_the_byline_and_after_the_body_leave_it():
    thread = read(TEXT / "under_byline.txt")
    assert thread.title == "Keep the night buses running"
    assert thread.article.author == "Nneka Okoye"
    assert thread.article.text.startswith(FIRST) and thread.article.text.endswith(LAST)
    assert len(thread.meta["author_tagline"]) == 2
    assert [c.author for c in thread.comments] == ["Jules"]


def test_text_copy_first_sentence_about_someone_else_stays():
    thread = read(TEXT / "first_sentence_about_someone_else.txt")
    assert thread.article.text.startswith("Marcus Bell is a night-bus driver")
    assert thread.article.author == "Nneka Okoye"
    assert [c.author for c in thread.comments] == ["Rosa"]
