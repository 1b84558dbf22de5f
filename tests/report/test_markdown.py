"""The Markdown report: what a reader sees per thread, streaming, escaping, the corpus summary."""
from __future__ import annotations

import io

from commentkit.analyze import REPORT_TAG
from commentkit.model import FileError
from commentkit.report import open_reporter
from commentkit.report.markdown import escape, render_thread


def test_thread_shows_article_figures_then_commenters_with_stance_and_verdicts(hostile):
    text = render_thread(hostile)
    assert text.index("## Article figures") < text.index("## Comments")
    assert "**$48 billion** road repairs" in text
    assert "stance: **deny** (deny 0.70" in text
    contradict = text.index("**contradict** **$40 billion**")
    assert "$8 billion (17%) lower" in text[contradict:]
    assert "**derived** **235**" in text and text.count("140 + 95 = 235") == 1  # the arithmetic, shown once
    assert "### Quiet Reader" in text and "_No figures._" in text


def test_contradictions_come_first_within_a_commenter(hostile):
    from commentkit.report.common import ThreadView
    for comment in ThreadView(hostile).comments:
        statuses = [v.status for _, v in comment.items]
        order = ["contradict", "derived", "agree", "new"]
        assert statuses == sorted(statuses, key=order.index)


def test_untrusted_text_cannot_inject_markup(hostile):
    text = render_thread(hostile)
    for marker in ("<script>", "<img", "<svg", "](javascript:"):
        assert marker not in text
    assert "&lt;script&gt;window.\\_\\_pwned" in text  # shown as text
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert escape("a\nb\n# heading") == "a b # heading"  # one line: no headings or list items from readers


def test_streams_each_thread_and_writes_the_summary_at_close(hostile):
    stream = io.StringIO()
    reporter = open_reporter("md", out_dir=None, stream=stream)
    reporter.add(hostile)
    assert "## Comments" in stream.getvalue()  # written before close
    assert "Corpus summary" not in stream.getvalue()
    reporter.fail(FileError("corpus/broken.html", "empty file"))
    reporter.close()
    out = stream.getvalue()
    summary = out[out.index("# Corpus summary"):]
    assert "1 thread(s) · 4 comment(s)" in summary
    assert "| contradict | 1 |" in summary and "| derived | 1 |" in summary and "| agree | 1 |" in summary
    assert "| deny | 1 |" in summary and "| query | 1 |" in summary
    assert "## Files that failed (1)" in summary and "corpus/broken.html: empty file" in summary


def test_out_dir_gets_one_file_per_thread_and_an_index(hostile, tmp_path):
    stream = io.StringIO()
    reporter = open_reporter("md", out_dir=str(tmp_path / "md"), stream=stream)
    reporter.add(hostile)
    reporter.add(hostile)  # same thread twice: names stay unique
    reporter.close()
    files = sorted(p.name for p in (tmp_path / "md").iterdir() if p.name != REPORT_TAG)
    assert len(files) == 3 and "index.md" in files
    assert all("/" not in f and ".." not in f and not f.startswith(".") for f in files)
    index = (tmp_path / "md" / "index.md").read_text(encoding="utf-8")
    assert all(f"]({f})" in index for f in files if f != "index.md")
    assert "# Corpus summary" in stream.getvalue()


def test_counted_noun_is_shown_as_written():
    from commentkit.model import Claim
    from commentkit.report.markdown import describe
    sentence = "The board approved a 12-turbine wind farm off Gull Point."
    hyphen = Claim(post_id="a", start=21, end=23, surface="12", value=12, what="turbine", sentence=sentence)
    plain = Claim(post_id="c", start=0, end=2, surface="35", value=35, what="states", sentence="35 States joined.")
    assert describe(hyphen) == "**12**-turbine wind farm"
    assert describe(plain) == "**35** States"
