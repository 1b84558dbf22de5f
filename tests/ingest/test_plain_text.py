"""The plain-text page-copy reader (commentkit/ingest/plain_text.py)."""
from __future__ import annotations

import json

import pytest

from commentkit.errors import IngestError
from commentkit.ingest import detect_format, read
from tests.conftest import CORPUS, DATA

TEXT = DATA / "ingest" / "text"
BOILERPLATE = ("Leave a reply", "Select Page", "About The Author", "1 Comment", "Larry, I think")


@pytest.fixture(scope="module")
def sample():
    return read(CORPUS / "ice-287g-agreements.txt")


def test_sample_page_title(sample):
    assert sample.format == "text"
    assert sample.title == "ICE Enters into Unprecedented Number of Agreements With Local Law Enforcement"


def test_sample_page_body(sample):
    body = sample.article.text
    assert body.startswith("Despite Democrat naysayers")
    assert body.endswith("the integrity of U.S. immigration laws,” ICE said on its website.")
    assert "\n\n" in body  # paragraphs are kept apart


def test_sample_page_single_comment(sample):
    assert len(sample.comments) == 1
    comment = sample.comments[0]
    assert comment.author == "frank danger"
    assert comment.text.startswith("“Despite Democrat naysayers")
    assert comment.text.endswith("getting to 1M in Year One.")
    assert comment.parent_id is None and comment.depth == 0


@pytest.mark.parametrize("fragment", BOILERPLATE + ("Reply",))
def test_sample_page_has_no_boilerplate(sample, fragment):
    for post in sample.posts():
        assert fragment not in post.text


def test_numbered_list_nesting_and_votes():
    thread = read(TEXT / "numbered_nested.txt")
    assert thread.title == "Town Council Approves Budget of $4.2 Million for Road Repairs"
    assert [c.author for c in thread.comments] == ["Maria Lopez", "Tom Baker", "Sam"]
    assert [c.depth for c in thread.comments] == [0, 1, 0]
    assert thread.comments[1].parent_id == thread.comments[0].id
    assert thread.comments[0].text == "Thirty-eight miles is barely a quarter of the roads that need work."
    assert not any("bridges matter" in p.text for p in thread.posts())  # sidebar after the form
    assert "warnings" not in thread.meta


def test_body_keeps_line_breaks_and_paragraphs():
    body = read(TEXT / "numbered_nested.txt").article.text
    assert body.startswith("The town council voted 5 to 2")
    assert "120 new street lights.\nWork is expected" in body
    assert body.endswith("rated as poor last year.")
    assert "By Alex Reporter" not in body


def test_author_line_after_text():
    thread = read(TEXT / "author_after.txt")
    assert thread.title == "Why the Library Needs Longer Hours"
    assert [c.author for c in thread.comments] == ["jenny_k", "R. Singh"]
    assert thread.comments[0].text == "I study there every day and the closing time is a real problem.\n\nEspecially in exam season."
    assert thread.comments[1].published.isoformat() == "2021-03-04T08:02:00"
    assert "Share this" not in thread.article.text


def test_says_lines_dates_pingbacks_and_reply_to():
    thread = read(TEXT / "says_pingback.txt")
    assert thread.title == "A Quiet Week at the Harbour"
    assert [c.author for c in thread.comments] == ["Pat", "Lee"]
    pat, lee = thread.comments
    assert pat.published.isoformat() == "2022-06-02T10:01:00"
    assert pat.text == "Twelve ships is the lowest I remember.\n\nI have lived here for 40 years."
    assert lee.parent_id == pat.id and lee.depth == 1
    assert lee.text == "It was 9 ships in 1998, actually."  # "In reply to" and the glued "Report" removed
    assert thread.meta["n_pingbacks"] == 1
    assert thread.meta["declared_count"] == 4
    assert any("says 4 comments but 2" in w for w in thread.meta["warnings"])
    assert "Someone on Another Post" not in thread.article.text


def test_relative_dates_vote_arrows_and_mentions():
    thread = read(TEXT / "votes_relative.txt")
    assert [c.author for c in thread.comments] == ["commuter42", "anna.b"]
    assert [c.published for c in thread.comments] == [None, None]  # "3 years ago" has no date
    assert thread.comments[0].text == "Ten cents adds up to $50 a year for me."
    assert thread.comments[1].parent_id == thread.comments[0].id


def test_legacy_encoding_is_decoded():
    thread = read(TEXT / "cp1252.txt")
    assert thread.title == "Café Prices Rise"
    assert "€ 3.20" in thread.article.text
    assert thread.comments[0].text == "Naïve question: is that with milk?"


def test_page_without_comments(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("A Headline For The Test\n\nThis is the only paragraph of the article, with enough words.\n")
    thread = read(page)
    assert thread.comments == []
    assert thread.article.text == "This is the only paragraph of the article, with enough words."


def test_binary_file_is_not_text(tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="blob.txt"):
        read(blob)


def test_text_is_detected(tmp_path):
    assert detect_format(TEXT / "says_pingback.txt").name == "text"


def test_disqus_style_copy_with_bullets_votes_and_share_buttons():
    thread = read(TEXT / "disqus_like.txt")
    assert thread.title == "Flood Defences Will Cost $30 Million, Says Agency"
    assert [c.author for c in thread.comments] == ["harold_k", "rivermum"]
    assert thread.comments[1].text == "2,000 homes at $30 million is $15,000 a home.\n\nCheaper than rebuilding."
    assert all("Share" not in c.text and "Login" not in c.text for c in thread.comments)


def test_blogger_style_said_with_date_after_text():
    thread = read(TEXT / "blogger_like.txt")
    assert [c.author for c in thread.comments] == ["Gwen", "Ravi"]
    assert thread.comments[0].text == '410 against 305 is a rise of about 34%, so "a third" is fair.'
    assert thread.comments[1].published.isoformat() == "2023-09-13T20:45:00"
    assert "Posted by" not in thread.article.text


AUTHOR_LINES = json.loads((DATA / "ingest" / "author_lines.json").read_text())


@pytest.mark.parametrize("case", AUTHOR_LINES, ids=[c["text"] for c in AUTHOR_LINES])
def test_author_line_shapes(case):
    from commentkit.ingest.text_comments import _strong_author

    found = _strong_author(case["text"])
    if case["author"] is None:
        assert found is None
    else:
        assert found == (case["author"], case["date"])


def test_copy_without_blank_lines(tmp_path):
    squeezed = tmp_path / "squeezed.txt"
    lines = (CORPUS / "ice-287g-agreements.txt").read_text(encoding="utf-8").splitlines()
    squeezed.write_text("\n".join(line for line in lines if line.strip()), encoding="utf-8")
    thread = read(squeezed)
    assert thread.title == "ICE Enters into Unprecedented Number of Agreements With Local Law Enforcement"
    assert thread.article.text.startswith("Despite Democrat naysayers")
    assert thread.article.text.endswith("ICE said on its website.")
    assert [c.author for c in thread.comments] == ["frank danger"]
    assert thread.comments[0].text.endswith("getting to 1M in Year One.")


def test_name_text_reply_chunks_without_dates():
    thread = read(TEXT / "name_text_reply.txt")
    assert [c.author for c in thread.comments] == ["Islander Jim", "Marta"]
    assert thread.comments[0].text == ("Six crossings means the last boat leaves at 5pm.\n\n"
                                       "That is too early for anyone working in town.")


def test_reddit_style_copy():
    thread = read(TEXT / "reddit_copy.txt")
    assert thread.title == "Metro ridership hits 2.3 million a day, up 12% from last year"
    assert thread.article.text.startswith("The agency's April report")
    assert thread.article.text.endswith("410,000 weekend riders.")
    assert [(c.author, c.text) for c in thread.comments] == [
        ("railfan88", "2.05 million to 2.3 million is a 12% rise, checks out."),
        ("skeptic_bus", "Weekend numbers were 390,000 in the last report."),
    ]
    assert thread.meta["declared_count"] == 45 and thread.meta["warnings"]


def test_hacker_news_style_copy_comments_and_footer():
    thread = read(TEXT / "hn_copy.txt")
    assert [c.author for c in thread.comments] == ["benchmark_bob", "dbperf", "sre_anna"]
    assert thread.comments[-1].text == "Latency matters more than throughput: what is the p99?"  # footer bar cut
    assert thread.title != "Hacker News new | past | comments | ask | show | jobs | submit login"


def test_guardian_style_copy():
    """Weekday dates with dotted times, sort and paging lines between the header and the first
    comment, an advertisement label inside the body, "Reply to X" under the author line, a
    "Most viewed" list after the comments, and a byline between the standfirst and the date."""
    thread = read(TEXT / "guardian_like.txt")
    assert thread.title == "Night trains to return between London and Edinburgh in 2026"
    assert thread.article.text.startswith("A new night train service")
    assert thread.article.text.endswith("than the current sleeper service.")
    assert "Advertisement" not in thread.article.text
    assert [(c.author, c.depth) for c in thread.comments] == [("Sleeperfan", 0), ("Moira Tennant", 1), ("rail_ian", 0)]
    assert thread.comments[1].text == "Capped at £120 is still more than the daytime train."
    assert thread.comments[0].published.isoformat() == "2025-06-04T06:31:00"
    assert thread.comments[2].text.endswith("Fine by me.")
    assert "warnings" not in thread.meta


def test_facebook_comments_plugin_copy():
    """A cookie banner and an all-caps menu above the headline; "ADVERTISEMENT" mid-body; the
    "Add a comment..." box; "Like · Reply · 2d" bars; a reply that starts with the name it answers."""
    thread = read(TEXT / "fb_plugin.txt")
    assert thread.title == "County fair attendance hits record 61,000 visitors"
    assert thread.article.text.startswith("The county fair drew")
    assert thread.article.text.endswith("on Saturday night.")
    assert "ADVERTISEMENT" not in thread.article.text and "cookie" not in thread.article.text
    assert [(c.author, c.depth) for c in thread.comments] == [
        ("Connie Albrecht", 0), ("Walt Serrano", 0), ("Connie Albrecht", 1)]
    assert thread.comments[2].parent_id == thread.comments[1].id
    assert not any("Like" in c.text or "Plugin" in c.text for c in thread.comments)


def test_old_reddit_copy():
    """old.reddit.com: "[–]handle 120 points 9 months ago" author lines, removed comments dropped."""
    thread = read(TEXT / "old_reddit.txt")
    assert thread.title == "Town converts 40% of downtown parking to housing (example-news.com)"
    assert [c.author for c in thread.comments] == ["lotfree", "zoning_nerd", "Quiet_Planner"]
    assert thread.comments[1].text == "About 1,100 spaces, so roughly 440 converted."
    assert not any(word in c.text for c in thread.comments for word in ("permalink", "[removed]", "subreddit"))


def test_substack_style_copy():
    """Badges ("Author"), reply counts ("1 reply") and like buttons are not comment text; the
    list ends at "6 more comments..." (the rest was never loaded) and the footer stays out."""
    thread = read(TEXT / "substack_like.txt")
    assert thread.title == "Why bus counts overstate ridership by 6%"
    assert [c.author for c in thread.comments] == ["Alma Reyes", "Jon Adair", "Theo Brandt"]
    assert [c.text for c in thread.comments] == [
        "6% of 14.2 million is about 850,000 double counts. That is a lot of grant money.",
        "Right, though the grant formula caps the boardings factor.",
        "Were the 400 audited trips chosen at random?"]


def test_at_handles_and_replies_to_them():
    thread = read(TEXT / "at_handles.txt")
    assert [(c.author, c.depth) for c in thread.comments] == [
        ("@bookishben", 0), ("@marta.k-77", 0), ("@bookishben", 1)]
    assert thread.comments[2].parent_id == thread.comments[1].id


def test_name_place_date_comments_and_furniture_inside_the_body():
    """Comments headed "Name / Place / Date" with "N Recommend" buttons; a date line, a share
    button and a comment counter between the headline and the first paragraph stay out of the body."""
    thread = read(TEXT / "name_place_date.txt")
    assert thread.title == "The County Could Save $12 Million by Merging Its Two Dispatch Centers"
    assert thread.article.text.startswith("The county runs two emergency dispatch centers")
    assert thread.article.text.endswith("under ten seconds.")
    assert "ADVERTISEMENT" not in thread.article.text
    assert [(c.author, c.text) for c in thread.comments] == [
        ("T. Abara", "31 minus 19 is 12, but the report leaves out the cost of the new building."),
        ("June K.", "Eleven miles is nothing. Merge them.")]


def test_new_reddit_copy():
    """"u/name avatar" lines, an "OP" badge between the name and the time, vote and award buttons."""
    thread = read(TEXT / "new_reddit.txt")
    assert thread.title == "City adds 12 km of protected bike lanes in one year"
    assert [(c.author, c.text) for c in thread.comments] == [
        ("spoke_and_chain", "12 km in a year sounds great until you see the network needs 300."),
        ("lane_watcher", "At this rate that is 25 years. Still better than before.")]


def test_name_place_date_in_one_paragraph(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("Tram Fares Frozen for 2025\n\nThe city will freeze tram fares at 2.40 for all of 2025, the transport "
                    "committee decided on Tuesday after a long debate.\n\nThe freeze will cost about 3 million in lost "
                    "revenue.\n\n2 Comments\n\nAnna P.\nBoston\nFeb. 9\n\nA freeze is welcome.\n\n12 Recommend\nShare\n\n"
                    "R. Lee\nNew York\nFeb. 10\n\nThree million is not much.\n\nShare\n", encoding="utf-8")
    thread = read(path)
    assert [(c.author, c.text) for c in thread.comments] == [("Anna P.", "A freeze is welcome."),
                                                             ("R. Lee", "Three million is not much.")]


def test_a_truncated_comment_loses_its_glued_see_more(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("Bin Collections Move to Fortnightly\n\nThe council will collect general waste every two weeks from "
                    "June, saving an estimated 1.4 million a year, it said on Thursday after a consultation.\n\n"
                    "2 comments\n\nJo Marr\nMay 2, 2025\nThe saving is 1.4 million on a budget of 300 million…See more\n"
                    "Reply\n\nKen Obi\nMay 3, 2025\nWeekly recycling is what matters.\nReply\n", encoding="utf-8")
    assert [c.text for c in read(path).comments] == ["The saving is 1.4 million on a budget of 300 million…",
                                                     "Weekly recycling is what matters."]


def test_disqus_reply_arrow_between_name_and_time():
    """Disqus shows a reply as "Ben Okafor / → Kelly Vance / • / 2 years ago"."""
    thread = read(TEXT / "disqus_arrow.txt")
    assert [(c.author, c.depth) for c in thread.comments] == [("Kelly Vance", 0), ("Ben Okafor", 1), ("Mo Reid", 0)]
    assert thread.comments[1].parent_id == thread.comments[0].id
    assert thread.comments[1].text == "It did in Northby, revenue rose 80%."


def test_headline_ending_in_a_full_stop_over_the_byline():
    """"Congestion pricing works. Ask Stockholm." reads like a sentence, but a paragraph is not
    followed by its article's byline: it is the headline, and neither it nor the byline is body."""
    thread = read(TEXT / "headline_full_stop.txt")
    assert thread.title == "Opinion: Congestion pricing works. Ask Stockholm."
    assert thread.article.text.startswith("When Stockholm began charging drivers")
    assert thread.article.author == "Ines Carvalho"
    assert [c.author for c in thread.comments] == ["Pat Quinn", "Lou"]
