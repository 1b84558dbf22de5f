"""The short summary a person sees on the terminal after writing files: a table of verdicts and
stances, the failed files, and where the report went. Plain text when not a terminal."""
from __future__ import annotations

from typing import Optional, TextIO

from rich.console import Console
from rich.table import Table

from commentkit.report.common import Summary


def summary_table(summary: Summary) -> Table:
    table = Table(title=f"{summary.threads} thread(s), {summary.comments} comment(s)", show_edge=False)
    table.add_column("verdict")
    table.add_column("figures", justify="right")
    table.add_column("stance")
    table.add_column("comments", justify="right")
    verdicts, stances = summary.verdict_rows(), summary.stance_rows()
    for i in range(max(len(verdicts), len(stances))):
        v = verdicts[i] if i < len(verdicts) else ("", "")
        s = stances[i] if i < len(stances) else ("", "")
        table.add_row(v[0], str(v[1]), s[0], str(s[1]))
    return table


def write_summary(summary: Summary, stream: TextIO, where: Optional[str] = None) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    console.print(summary_table(summary))
    if summary.failed:
        console.print(f"{len(summary.failed)} file(s) failed:", markup=False)
        for error in summary.failed:
            console.print(f"  {error.source}: {error.reason}", markup=False)
    if where:
        console.print(f"report written to {where}", markup=False)
