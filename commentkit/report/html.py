"""The HTML report: one self-contained page per thread (written as each thread is added) and
``index.html`` at close. Pages carry their CSS and JS inline, load nothing, and set a Content
Security Policy that allows only their own script (by hash). All article and comment text goes
through Jinja2 autoescaping; the script never parses markup (it only moves and hides rows)."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from commentkit.figures import noun_as_written, with_noun
from commentkit.model import VERDICTS, Analysis, Claim
from commentkit.report import Reporter
from commentkit.report.common import (STANCES, FileNamer, ThreadView, atomic_write, claim_key, prepare_out_dir,
                                      segments)

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class _Assets:
    def __init__(self):
        self.env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(
            enabled_extensions=("html", "j2"), default_for_string=True, default=True))
        self.css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
        self.js = (_TEMPLATES / "report.js").read_text(encoding="utf-8")
        base = "default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:"
        self.page_csp = f"{base}; style-src 'sha256-{_sha256(self.css)}'; script-src 'sha256-{_sha256(self.js)}'"
        self.index_csp = f"{base}; style-src 'sha256-{_sha256(self.css)}'"

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(css=Markup(self.css), js=Markup(self.js),
                                                      verdicts=VERDICTS, **context)


def _figure(claim: Claim) -> str:
    parts = [with_noun(claim.surface, noun_as_written(claim))]
    if claim.entity:
        parts.append(f"({claim.entity})")
    return " ".join(parts)


def page_context(analysis: Analysis) -> dict:
    """Everything the thread template shows, as plain strings and numbers (escaped by Jinja)."""
    view = ThreadView(analysis)
    thread = view.thread
    anchors = {}
    for n, claim in enumerate(analysis.claims):
        anchors[claim_key(claim)] = f"fig-{n}"
    article_spans = []
    for claim in view.article_claims:
        key = claim_key(claim)
        status = view.article_status.get(key)
        classes = "v-article" + (f" v-{status}" if status else "") + (" v-check" if key in view.checked else "")
        title = "article figure" + (f"; comment verdicts: {status}" if status else "")
        article_spans.append((claim.start, claim.end, {"classes": classes, "anchor": anchors[key], "title": title}))
    rows, comments = [], []
    for comment in view.comments:
        spans = []
        for claim, verdict in comment.items:
            status = verdict.status if verdict and verdict.status in VERDICTS else "new"
            key = claim_key(claim)
            explanation = verdict.explanation if verdict else "not checked"
            spans.append((claim.start, claim.end, {"classes": f"v-{status}", "anchor": anchors[key],
                                                   "title": f"{status}: {explanation}"}))
            rows.append({
                "status": status, "commenter": comment.author, "surface": claim.surface,
                "value": repr(float(claim.value)), "anchor": anchors[key],
                "article": "; ".join(_figure(c) for c in verdict.article_claims) if verdict else "",
                "explanation": explanation,
                # the arithmetic once: many explanations already spell it out
                "arithmetic": verdict.arithmetic if verdict and verdict.arithmetic and verdict.arithmetic not in explanation else None,
            })
        stance = comment.stance
        label = stance.label if stance else None
        comments.append({
            "author": comment.author, "depth": max(0, min(int(comment.post.depth or 0), 6)),
            "stance": label and (f"{label} {stance.scores[label]:.2f}" if label in stance.scores else label),
            "stance_class": label if label in STANCES else "other",
            "scores": ", ".join(f"{k} {v:.2f}" for k, v in sorted(stance.scores.items(), key=lambda kv: -kv[1]))
            if stance and stance.scores else "",
            "segments": segments(comment.post.text, spans),
        })
    return {
        "title": view.title, "source": thread.source, "format": thread.format,
        "comment_count": len(thread.comments), "counts": view.counts(), "checks": analysis.checks,
        "rows": rows, "comments": comments, "article": segments(thread.article.text, article_spans),
    }


class HtmlReporter(Reporter):
    def __init__(self, stream=None, out_dir=None):
        super().__init__(stream, out_dir)
        self.folder = prepare_out_dir(out_dir)
        self.assets = _Assets()
        self.names = FileNamer()
        self.index: list = []

    def _add(self, analysis: Analysis) -> None:
        name = self.names(analysis, ".html")
        html = self.assets.render("thread.html.j2", page=page_context(analysis), csp=self.assets.page_csp)
        atomic_write(self.folder / name, html)
        self.index.append({"title": analysis.thread.title or analysis.thread.id, "file": name,
                           "comments": len(analysis.thread.comments), "counts": ThreadView(analysis).counts(),
                           "checks": len(analysis.checks)})

    def _close(self) -> None:
        html = self.assets.render("index.html.j2", rows=self.index, summary=self.summary, csp=self.assets.index_csp)
        atomic_write(self.folder / "index.html", html)
        if self.stream is not None:
            from commentkit.report.terminal import write_summary
            write_summary(self.summary, self.stream, where=str(self.folder / "index.html"))

