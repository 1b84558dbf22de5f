"""The HTML report as files: self-contained, escaped, one page per thread plus an index."""
from __future__ import annotations

import io
import re
from html import unescape

import pytest

from commentkit.analyze import REPORT_TAG
from commentkit.errors import CommentkitError
from commentkit.model import FileError
from commentkit.report import open_reporter


def write_report(analysis, folder):
    stream = io.StringIO()
    reporter = open_reporter("html", out_dir=str(folder), stream=stream)
    reporter.add(analysis)
    pages = [p for p in folder.iterdir() if p.name not in ("index.html", REPORT_TAG)]
    assert len(pages) == 1 and not (folder / "index.html").exists()  # the page is written as added
    reporter.fail(FileError("corpus/<b>bad</b>.txt", "empty file"))
    reporter.close()
    return pages[0], folder / "index.html", stream.getvalue()


def test_page_is_self_contained_and_escaped(hostile, tmp_path):
    page, index, terminal = write_report(hostile, tmp_path)
    html = page.read_text(encoding="utf-8")
    assert html.count("<script") == 1  # ours only
    assert "<img" not in html and "<svg" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "onerror=&#34;window.__pwned = 2&#34;" in html
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)  # no external assets
    assert "Content-Security-Policy" in html and "default-src 'none'" in unescape(html)
    assert 'class="v-contradict"' in html and 'class="badge stance-deny"' in html
    assert "report written to" in terminal


def test_index_lists_threads_and_failures(hostile, tmp_path):
    page, index, _ = write_report(hostile, tmp_path)
    html = index.read_text(encoding="utf-8")
    assert f'href="{page.name}"' in html
    assert "&lt;b&gt;bad&lt;/b&gt;" in html and "<b>bad" not in html
    assert "<script" not in html


def test_html_needs_an_output_folder():
    with pytest.raises(CommentkitError):
        open_reporter("html", out_dir=None, stream=io.StringIO())
