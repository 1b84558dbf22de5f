"""Quoted passages in comments (commentkit/quotes.py): every reader marks them the same way, and a
figure a commenter only quoted is not reported as the commenter's claim."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import commentkit
from commentkit.ingest import read_threads
from commentkit.ingest.textio import html_fragment_text
from commentkit.quotes import own_words, quoted_spans

DATA = Path(__file__).resolve().parent / "data" / "quotes"
ROOT = Path(__file__).resolve().parent.parent
# Each fixture: an article giving 1,168 agencies and $4 million; "doubter" quotes the article's
# 1,168 and says 250, "replier" quotes doubter's 250 and says 75, "numbers" repeats $4 million.
FIXTURES = ["reddit.json", "hn.json", "page.html", "copy.txt", "thread.json", "disqus.xml", "wxr.xml"]


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("> 1,168 agencies\n\nI doubt it.", ["> 1,168 agencies"]),
        (">no space after the mark\nmine", [">no space after the mark"]),
        ("  > > nested quote\nmine", ["  > > nested quote"]),
        (">", [">"]),
        (">50% of people agree", []),  # ">" as "more than"
        (">$3 a litre is too much", []),
        ("a > b inside a line", []),
        ("plain text", []),
    ],
)
def test_quoted_spans(text, quoted):
    assert [text[s:e] for s, e in quoted_spans(text)] == quoted


def test_own_words_drops_quotes_but_never_everything():
    assert own_words("> the article says 5\nI say 6") == "I say 6"
    assert own_words("> only a quote") == "> only a quote"
    assert own_words("no quote here") == "no quote here"


@pytest.mark.parametrize(
    "fragment, text",
    [
        ("<blockquote><p>They said 5.</p></blockquote><p>I say 6.</p>", "> They said 5.\n\nI say 6."),
        ("<blockquote>one<br>two</blockquote>mine", "> one\n> two\n\nmine"),
        ("<blockquote><p>a</p><p>b</p></blockquote>c", "> a\n> b\n\nc"),
        ("<blockquote><blockquote>inner</blockquote>outer</blockquote>me", "> > inner\n> outer\n\nme"),
        ('<div class="bbcode_quote">Jo wrote: 5</div>me', "> Jo wrote: 5\n\nme"),
        ('<a class="quote" href="#">Quote</a> me', "Quote me"),  # a button, not a quote
        ("<p>&gt; typed by hand</p><p>me</p>", "> typed by hand\n\nme"),
    ],
)
def test_html_quote_blocks_become_marked_lines(fragment, text):
    assert html_fragment_text(fragment) == text


def test_article_bodies_keep_their_quotes_unmarked():
    assert html_fragment_text("<blockquote>The minister: 5.</blockquote>", quotes=False) == "The minister: 5."


@pytest.mark.parametrize("name", FIXTURES)
def test_every_reader_marks_quotes_the_same_way(name):
    (thread,) = read_threads(DATA / name)
    texts = {c.author: c.text for c in thread.comments}
    assert texts["doubter"].startswith("> 1,168 agencies have signed up\n")
    assert texts["doubter"].endswith("I doubt it. My county list shows 250 agencies.")
    assert "> My county list shows 250 agencies." in texts["replier"]
    assert texts["replier"].endswith("\nMine shows 75 agencies.")
    assert ">" not in thread.article.text


@pytest.fixture(scope="module")
def analyses():
    analyzer = commentkit.Analyzer()
    return {name: next(iter(analyzer.analyze_file(DATA / name))) for name in FIXTURES}


def _verdicts_by_author(analysis) -> dict:
    authors = {c.id: c.author for c in analysis.thread.comments}
    found: dict = {}
    for verdict in analysis.verdicts:
        found.setdefault(authors[verdict.claim.post_id], []).append((verdict.claim.value, verdict.status))
    return found


@pytest.mark.parametrize("name", FIXTURES)
def test_quoted_figures_get_no_verdict_own_figures_do(analyses, name):
    analysis = analyses[name]
    assert isinstance(analysis, commentkit.Analysis), analysis
    found = _verdicts_by_author(analysis)
    assert [value for value, _ in found["doubter"]] == [250]  # not the article's 1,168 they quoted
    assert [value for value, _ in found["replier"]] == [75]  # not doubter's 250
    assert found["numbers"] == [(4_000_000, "agree")]
    comment_ids = {c.id for c in analysis.thread.comments}
    assert {c.value for c in analysis.claims if c.post_id in comment_ids} == {250, 75, 4_000_000}
    assert 1168 in {c.value for c in analysis.claims if c.post_id == analysis.thread.article.id}


def test_cli_json_report_judges_only_own_figures(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "commentkit", "analyze", str(DATA / "reddit.json"),
                             "--out", str(out), "--format", "json"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (report,) = [p for p in out.glob("*.json") if p.name != "index.json"]
    verdicts = json.loads(report.read_text(encoding="utf-8"))["verdicts"]
    assert sorted(v["claim"]["surface"] for v in verdicts) == ["$4 million", "250", "75"]


def test_stance_features_read_the_commenters_own_words():
    from commentkit.nlp.stance_features import normalized_texts

    records = [{"text": "> The article says it works.\nIt does not.", "parent": "> x\nyes"},
               {"text": "No quote: it does not."}]
    assert normalized_texts(records, "text") == ["it does not.", "no quote: it does not."]
    assert normalized_texts(records, "parent") == ["yes", ""]


@pytest.mark.parametrize(
    "fragment, text",
    [
        ('<blockquote class="postcontent">My own post: 5.</blockquote>', "My own post: 5."),
        ('<blockquote class="postcontent"><blockquote>Jo: 5</blockquote>I say 6.</blockquote>', "> Jo: 5\nI say 6."),
    ],
)
def test_a_body_that_is_one_quote_block_is_the_body(fragment, text):
    assert html_fragment_text(fragment) == text
