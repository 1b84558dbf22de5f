"""Article date and authors of saved HTML pages (commentkit/ingest/html_meta.py, html_page.py)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from commentkit.ingest import read
from commentkit.ingest.html_meta import clean_author
from tests.conftest import DATA

PAGES = DATA / "ingest" / "html" / "article_meta"
BYLINES = json.loads((DATA / "ingest" / "author_bylines.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("byline,names", BYLINES)
def test_author_is_names_only(byline, names):
    assert clean_author(byline) == names


def test_no_stated_date_is_no_date_and_role_is_not_author():
    """The body says "since 2016-01-01" and the footer "© 2023": neither is the article's date.
    The byline's "; Education reporter" is a role, not a second author."""
    thread = read(PAGES / "byline_role_no_date.html")
    assert thread.article.published is None
    assert thread.article.author == "Carla Mendes"
    assert [c.author for c in thread.comments] == ["Tom Avery", "Janet Ko", "R. Patel"]


def test_date_from_the_time_in_the_article_header():
    """A <time> in the header wins over a sidebar's <time>, a year in the body, the footer."""
    thread = read(PAGES / "time_in_header.html")
    assert thread.article.published == datetime(2025, 2, 11, 16, 5, tzinfo=timezone.utc)
    assert thread.article.author == "Hugh Bramley"


def test_jsonld_date_published_and_authors():
    """JSON-LD's datePublished (not article:modified_time) and its list of authors (not the
    meta author that names the site, nor the byline's desk)."""
    thread = read(PAGES / "jsonld_authors.html")
    assert thread.article.published == datetime(2024, 10, 28, 6, 0, tzinfo=timezone.utc)
    assert thread.article.author == "Ana Lucia Reyes; Tom Okafor"


def test_short_article_keeps_its_paragraph_apart_from_headline_and_byline():
    """trafilatura runs a ~200-character article together with its headline and byline."""
    thread = read(PAGES / "short_article.html")
    assert thread.title == "Harbor bridge closed for repairs"
    assert thread.article.text == ("The Harbor Street bridge will close for 6 weeks starting Monday. Crews will "
                                   "replace 140 metres of deck. Detours add about 10 minutes for drivers.")
    assert thread.article.author == "Sam Ortiz; Lee Wong"
    assert [c.author for c in thread.comments] == ["Gary", "Mina"]


def test_date_and_author_from_the_post_meta_line():
    """An old blog theme: no meta tags, no <time>; "Posted 14 August 2023 by Owen Price in Local"
    gives both; the footer's "Copyright 2012-2024" does not."""
    thread = read(PAGES / "date_in_byline_text.html")
    assert thread.article.published == datetime(2023, 8, 14)
    assert thread.article.author == "Owen Price"
    assert [c.author for c in thread.comments] == ["Bev"]


def test_jsonld_author_given_by_reference():
    """"author": {"@id": ...} names a Person elsewhere in the graph."""
    thread = read(PAGES / "jsonld_author_ref.html")
    assert thread.article.author == "Rosa Albescu"
    assert thread.article.published == datetime(2022, 10, 9, 7, 15, tzinfo=timezone.utc)


def test_a_recent_comments_widget_names_no_author():
    """The sidebar's "Larry on Another story" is a commenter elsewhere on the site."""
    assert read(DATA / "ingest" / "html" / "wordpress.html").article.author is None
