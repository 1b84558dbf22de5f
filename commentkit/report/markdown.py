"""The Markdown report: per thread the article's figures and self-check, then each commenter with
stance and the verdict on each of their figures (contradictions first); the corpus summary at
close. Comment text is untrusted: everything quoted from it is escaped, so a Markdown viewer
shows it as text (no links, images, HTML or formatting from readers)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from commentkit.figures import noun_as_written
from commentkit.model import Analysis, Claim, Stance
from commentkit.report import Reporter
from commentkit.report.common import FileNamer, Summary, ThreadView, atomic_write, prepare_out_dir

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # what can make links, images, code, emphasis or table cells
_ICON = {"contradict": "✗", "derived": "∑", "agree": "✓", "new": "·"}


def escape(text: Optional[str], limit: int = 0) -> str:
    """Untrusted text as inert Markdown on one line (HTML characters become entities)."""
    text = " ".join(str(text or "").split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def describe(claim: Claim) -> str:
    noun = noun_as_written(claim)
    parts = [f"**{escape(claim.surface)}**"]
    if noun and noun.startswith("-"):  # "**12**-turbine wind farm"
        parts[0] += escape(noun)
        noun = None
    detail = " ".join(p for p in (claim.qualifier and f"({claim.qualifier})", noun) if p)
    if detail:
        parts.append(escape(detail))
    if claim.entity:
        parts.append(f"— {escape(claim.entity)}")
    return " ".join(parts)


def _snippet(text: str, start: int, end: int, width: int = 45) -> str:
    left = text.rfind(" ", 0, max(0, start - width)) + 1 if start > width else 0
    right = text.find(" ", min(len(text), end + width))
    right = len(text) if right < 0 else right
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def stance_text(stance: Optional[Stance]) -> str:
    if stance is None:
        return "stance: not classified"
    scores = ", ".join(f"{escape(label)} {score:.2f}" for label, score in
                       sorted(stance.scores.items(), key=lambda kv: -kv[1]))
    return f"stance: **{escape(stance.label)}**" + (f" ({scores})" if scores else "")


def render_thread(analysis: Analysis) -> str:
    view = ThreadView(analysis)
    thread = view.thread
    lines = [f"# {escape(view.title)}", ""]
    meta = [f"{len(thread.comments)} comment(s)", f"{len(analysis.claims)} figure(s)"]
    if thread.source:
        meta.insert(0, f"source: {escape(thread.source)}" + (f" ({escape(thread.format)})" if thread.format else ""))
    counts = view.counts()
    meta.append(", ".join(f"{n} {status}" for status, n in counts.items() if n) or "no comment figures")
    lines += [" · ".join(meta), "", "## Article figures", ""]
    if view.article_claims:
        text = thread.article.text
        for claim in view.article_claims:
            line = f"- {describe(claim)}"
            if not claim.what:  # say what the figure is about with the words around it
                line += f" — “{escape(_snippet(text, claim.start, claim.end))}”"
            lines.append(line)
    else:
        lines.append("_The article states no figures._")
    lines.append("")
    if analysis.checks:
        lines += ["## Article self-check (for review)", ""]
        for check in analysis.checks:
            arithmetic = f" `{check.arithmetic}`" if check.arithmetic else ""
            lines.append(f"- ⚠ {escape(check.explanation)}{arithmetic}")
        lines.append("")
    lines += ["## Comments", ""]
    for comment in view.comments:
        lines.append(f"### {escape(comment.author)}")
        lines += ["", stance_text(comment.stance), ""]
        if not comment.items:
            lines += ["_No figures._", ""]
            continue
        for claim, verdict in comment.items:
            status = verdict.status if verdict else "unchecked"
            line = f"- {_ICON.get(status, '?')} **{status}** {describe(claim)}"
            if verdict is not None:
                line += f": {escape(verdict.explanation)}"
                if verdict.arithmetic and verdict.arithmetic not in verdict.explanation:  # not twice
                    line += f" `{verdict.arithmetic.replace('`', '')}`"
            lines.append(line)
        lines.append("")
    if analysis.errors:
        lines += ["## Warnings", ""] + [f"- {escape(e)}" for e in analysis.errors] + [""]
    return "\n".join(lines) + "\n"


def render_summary(summary: Summary) -> str:
    lines = ["# Corpus summary", "",
             f"{summary.threads} thread(s) · {summary.comments} comment(s) · "
             f"{summary.article_claims + summary.comment_claims} figure(s) "
             f"({summary.article_claims} in articles, {summary.comment_claims} in comments) · "
             f"{summary.checks} article self-check flag(s)", "",
             "| verdict | comment figures |", "|---|---:|"]
    lines += [f"| {status} | {n} |" for status, n in summary.verdict_rows()]
    lines += ["", "| stance | comments |", "|---|---:|"]
    lines += [f"| {label} | {n} |" for label, n in summary.stance_rows()]
    lines += ["", f"## Files that failed ({len(summary.failed)})", ""]
    lines += [f"- {escape(e.source)}: {escape(e.reason)}" for e in summary.failed] or ["None."]
    return "\n".join(lines) + "\n"


class MarkdownReporter(Reporter):
    """To the stream, thread after thread; with ``out_dir`` one ``.md`` per thread plus ``index.md``."""

    def __init__(self, stream=None, out_dir=None):
        super().__init__(stream, out_dir)
        self.folder: Optional[Path] = prepare_out_dir(out_dir) if out_dir else None
        self.names = FileNamer()
        self.index: list = []
        self.first = True

    def _add(self, analysis: Analysis) -> None:
        text = render_thread(analysis)
        if self.folder is None:
            self._write(text)
            return
        name = self.names(analysis, ".md")
        atomic_write(self.folder / name, text)
        view_counts = ThreadView(analysis).counts()
        self.index.append((analysis.thread.title or analysis.thread.id, name, view_counts))

    def _write(self, text: str) -> None:
        if self.stream is None:
            return
        if not self.first:
            self.stream.write("\n---\n\n")
        self.first = False
        self.stream.write(text)
        self.stream.flush()

    def _close(self) -> None:
        summary = render_summary(self.summary)
        if self.folder is None:
            self._write(summary)
            return
        rows = [f"- [{escape(title)}]({name}) — " + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
                for title, name, counts in self.index]
        atomic_write(self.folder / "index.md", "# Threads\n\n" + "\n".join(rows) + "\n\n" + summary)
        if self.stream is not None:
            self.stream.write(summary)
            self.stream.flush()
