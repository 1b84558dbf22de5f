"""Saved HTML pages (commentkit/ingest/html_page.py and html_comments.py)."""
from __future__ import annotations

import pytest

from commentkit.ingest import detect_format, read
from tests.conftest import DATA
from tests.ingest.helpers import shape

HTML = DATA / "ingest" / "html"
TITLE = "Harbour Traffic Falls to Lowest Level Since 1998"


@pytest.fixture(scope="module")
def wordpress():
    return read(HTML / "wordpress.html")


def test_detected():
    assert detect_format(HTML / "wordpress.html").name == "html"


def test_article_title_and_body(wordpress):
    assert wordpress.title == TITLE  # " - Harbour Times" suffix of <title> dropped
    body = wordpress.article.text
    assert body.startswith("The harbour authority said on Monday")  # headline not repeated
    assert body.endswith("25 ships are already booked to arrive.")
    assert "\n\n" in body
    assert "Harbour Times" not in body and "Recent Comments" not in body


def test_wordpress_comments_nesting_and_text(wordpress):
    assert shape(wordpress) == [("comment-1", None, 0, "Pat O’Neill"), ("comment-2", "comment-1", 1, "Lee"),
                                ("comment-4", None, 0, "Sam")]
    first = wordpress.comments[0]
    assert first.text == ("Twelve ships is the lowest I remember & I have lived here for 40 years.\n\n"
                          "Second paragraph\nwith a line break.")
    assert first.published.isoformat() == "2022-06-02T10:01:00+00:00"
    assert all("Reply" not in c.text and "says" not in (c.author or "") for c in wordpress.comments)


def test_sidebar_widget_with_same_markup_is_not_the_thread(wordpress):
    assert all(c.author != "Widget Person" for c in wordpress.comments)


def test_pingbacks_kept_apart_and_declared_count_compared(wordpress):
    assert wordpress.meta["n_pingbacks"] == 1
    assert "Coast Weekly" in wordpress.meta["pingbacks"][0]["text"]
    assert wordpress.meta["declared_count"] == 6
    assert wordpress.meta["warnings"] == ["the page says 6 comments but 3 were found (plus 1 pingbacks)"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("drupal.html", [("comment-11", None, 0, "Ana Ruiz"), ("comment-12", "comment-11", 1, "Harbour Desk"),
                         ("comment-13", None, 0, "Bo")]),
        ("disqus_static.html", [("post-501", None, 0, "harbourwatcher"), ("post-502", "post-501", 1, "eastbayer")]),
        # schema.org nests a reply as a Comment inside its parent Comment
        ("schema_org.html", [("c1", None, 0, "Kim"), ("c2", None, 0, "Jo"), ("c3", "c2", 1, "Kim"), ("c4", None, 0, "Al")]),
        ("generic.html", [("comment-71", None, 0, "Mo"), ("comment-72", None, 0, "Ny")]),
        # Discourse embed inside <aside id="comments">: an aside that is the comment section
        ("discourse_embed.html", [("post-2", None, 0, "skipper"), ("post-3", None, 0, "docker"), ("post-4", None, 0, "ana")]),
        # Blogger threaded comments: replies inside the parent's <li>, under two wrappers
        ("blogger_threaded.html", [("c100", None, 0, "Agnes"), ("c101", "c100", 1, "Harbour Times"), ("c102", None, 0, "Olu")]),
        # classic Blogger: <dt> author line "X said...", <dd> body and footer
        ("blogger_classic.html", [("c200", None, 0, "Agnes"), ("c201", None, 0, "Anonymous")]),
        # a section wrapper that carries the "comment" class is not itself a comment
        ("wrapper_div.html", [("comment-1", None, 0, "A"), ("comment-2", "comment-1", 1, "B")]),
    ],
)
def test_widget_families(name, expected):
    assert shape(read(HTML / name)) == expected


def test_widget_texts_have_no_buttons_or_names():
    disqus = read(HTML / "disqus_static.html")
    assert [c.text for c in disqus.comments] == ["Eastbay got the ships, then.", "Nine of them, yes."]
    generic = read(HTML / "generic.html")
    assert [c.text for c in generic.comments] == ["Generic markup, first comment.", "Generic markup, second comment."]
    classic = read(HTML / "blogger_classic.html")
    assert [c.text for c in classic.comments] == ["Were the ferries counted?", "Nine went to Eastbay.\nSource: the port website."]
    assert classic.comments[1].published.isoformat() == "2022-06-06T19:40:00"
    drupal = read(HTML / "drupal.html")
    assert drupal.comments[0].published.isoformat() == "2022-06-06T14:02:00"


def test_declared_count_mismatch_reported():
    thread = read(HTML / "schema_org.html")
    assert thread.meta["declared_count"] == 3
    assert thread.meta["warnings"] == ["the page says 3 comments but 4 were found"]


def test_page_without_comments():
    thread = read(HTML / "no_comments.html")
    assert thread.comments == [] and thread.title == TITLE
    assert "warnings" not in thread.meta


def test_declared_charset_decoded():
    thread = read(HTML / "latin1.html")
    assert thread.title == "Café Prices Rise in the Old Town"


def test_unknown_markup_read_from_its_repeated_elements():
    thread = read(HTML / "custom_markup.html")
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Kim", "Thirty ships last year seems high."), ("Jo", "It was 31, by my count.\n\nCheck the port log.")]
    assert thread.meta["comments_from"].startswith("page structure")
    assert thread.comments[1].published.date().isoformat() == "2022-06-05"


def test_unknown_markup_without_repeated_elements_read_from_page_text_behind_a_header():
    thread = read(HTML / "unnamed_markup.html")
    assert [c.author for c in thread.comments] == ["Morven", "Angus"]
    assert thread.comments[1].text == "A 15% refund for losing almost half the sailings is an insult."
    assert thread.meta["comments_from"].startswith("page text")


def test_unknown_nested_list_keeps_nesting_and_drops_page_furniture():
    """Comments in markup no selector knows (a "discussion" section of <li class="msg">, replies in
    nested lists): one comment per repeated element, nesting from the lists; the cookie banner,
    the advertisement label, related links and newsletter box stay out of the article."""
    thread = read(HTML / "unknown_nested_list.html")
    assert thread.title == "Swimming pool to shut for ten weeks"
    body = thread.article.text
    assert body.startswith("Eastvale leisure centre’s pool") and body.endswith("stay open throughout the works.")
    assert "Advertisement" not in body and "cookies" not in body and "newsletter" not in body
    assert [(c.id, c.author, c.parent_id, c.depth) for c in thread.comments] == [
        ("71", "splash_dad", None, 0), ("74", "Pool user", "71", 1), ("77", "Ros Hale", None, 0)]
    assert thread.comments[2].text == "96,000 swims is about 1,850 a week. Northby cannot take that many."
    assert thread.comments[1].published.isoformat() == "2024-05-03T20:05:00"
    assert thread.meta["declared_count"] == 3 and "warnings" not in thread.meta


def test_table_layout_page_keeps_comments_and_menus_out_of_the_article():
    """An old table-layout page (windows-1252) with comments as table rows: the article is the
    prose only, the comments are one per row with their author and date."""
    thread = read(HTML / "layout_table.html")
    assert thread.title == "Bowls club wins county title"
    body = thread.article.text
    assert body.startswith("Ashcombe Bowls Club won") and body.endswith("“the best day in the club’s history”.")
    assert "Sections" not in body and "|" not in body and "Jean" not in body and "13-shot" not in body
    assert thread.article.author is None
    assert [c.author for c in thread.comments] == ["Jean Whitlock", "Old Westfordian"]
    assert thread.comments[1].text == "We’ll have it back next year!"
    assert thread.comments[0].published.date().isoformat() == "2024-09-15"


def test_date_taken_from_the_first_time_element_that_holds_one():
    """Disqus puts a bullet in the first time-classed element and the date in a link's title."""
    thread = read(HTML / "disqus_time_title.html")
    assert [c.published.isoformat() for c in thread.comments] == ["2023-10-09T19:41:00", "2023-10-10T08:15:00"]


def test_wordpress_leftovers_are_not_comments():
    """A "Show 3 more replies" item in the list is a button; a "This comment was deleted."
    placeholder is skipped (counted; its reply moves up); the masthead's site title that
    trafilatura keeps after the article is not part of the body."""
    thread = read(HTML / "wordpress_leftovers.html")
    assert [(c.id, c.author, c.parent_id, c.depth) for c in thread.comments] == [
        ("comment-7", "Nell", None, 0), ("comment-8", "Dev", "comment-7", 1), ("comment-10", "Ola", None, 0)]
    assert thread.meta["skipped_deleted"] == 1 and "warnings" not in thread.meta
    assert thread.article.text.endswith("under the railway bridge.")


def test_masthead_site_title_kept_by_trafilatura_is_not_body():
    """A BOM, a latin-1 declaration on a UTF-8 file, and trafilatura keeping the masthead's
    "Dale Water Watch" after the last paragraph."""
    thread = read(HTML / "wordpress_masthead.html")
    assert thread.title == "Reservoir levels drop to 61%"
    assert thread.article.text.endswith("A hosepipe ban has not yet been announced.")
    assert thread.article.text.startswith("Reservoir levels across the Dale supply area fell to 61%")
    assert [c.author for c in thread.comments] == ["Isla Pryce", "Ewan", "Farmer Gil"]


def test_classless_comment_divs_keep_their_author_line():
    """Repeated unclassed <div>s, each with an inner <div> author line: the inner one is part of
    the comment, not a reply to it."""
    thread = read(HTML / "classless_divs.html")
    assert [(c.author, c.depth, c.text) for c in thread.comments] == [
        ("Maggie Tull", 0, "Three years at £42 is good going."),
        ("R. Onslow", 0, "Seven to two? I counted eight votes in the room."),
        ("Dot", 0, "Please fix the bus shelter first.")]
    assert "Maggie" not in thread.article.text


def test_old_uppercase_xhtml_comments_without_a_text_element():
    """An XHTML page (XML prolog, latin-1, upper-case tags) whose comments are
    "<CITE>Name</CITE> says:<BR/><SMALL>date</SMALL><P>text": the "says:" and the date line are
    not comment text, and the date is read from that line."""
    thread = read(HTML / "xhtml_old_markup.xhtml")
    assert thread.title == "Harbour Dues Up 6 Percent"
    assert "£1,113" in thread.article.text
    assert [(c.author, c.text) for c in thread.comments] == [
        ("Skipper Ross", "Six percent on top of fuel costs. Thanks a lot."),
        ("Harbour watcher", "1,113 divided by 1.06 is 1,050, so last year's fee was 1,050.")]
    assert thread.comments[1].published.isoformat() == "2025-03-07T09:15:00"


def test_drupal7_anonymous_commenter_weekday_date_and_anchor_ids():
    """Drupal 7: "Ivy Marsh (not verified)" is Ivy Marsh; "Mon, 10/03/2025 - 11:42" is the Monday
    (10 March), not 3 October; the id is on the empty anchor before each comment."""
    thread = read(HTML / "drupal7_anonymous.html")
    assert [(c.id, c.author, c.parent_id) for c in thread.comments] == [
        ("comment-901", "Ivy Marsh", None), ("comment-905", "Tom Vickery", "comment-901")]
    assert thread.comments[0].published.isoformat() == "2025-03-10T11:42:00"


def test_comments_from_json_ld_when_the_page_draws_them_later():
    """A saved page whose visible replies were never loaded, but whose JSON-LD holds the
    discussion (replies nested in "comment"); a broken JSON-LD script is passed over."""
    thread = read(HTML / "jsonld_comments.html")
    assert [(c.id, c.author, c.parent_id, c.depth) for c in thread.comments] == [
        ("#c1", "Wren Adebayo", None, 0), ("#c2", "shelf_life", "#c1", 1), ("#c3", "Gus", None, 0)]
    assert thread.comments[2].text == "Sunday is the only day I can go."
    assert thread.comments[1].published.isoformat() == "2025-02-01T10:30:00+00:00"
    assert thread.meta["comments_from"].startswith("structured data")
    assert "Loading" not in thread.article.text


def test_a_script_drawn_comment_system_is_named_when_no_comment_was_saved():
    thread = read(HTML / "disqus_embed_only.html")
    assert thread.comments == []
    assert any("drawn by Disqus" in w and "export them" in w for w in thread.meta["warnings"])
