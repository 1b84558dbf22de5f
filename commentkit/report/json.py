"""The JSON report: ``Analysis.to_dict()`` per thread, validated by ``analysis.schema.json``.

Without ``out_dir``: JSONL on the stream, one thread per line, written as each thread is added.
With ``out_dir``: one ``<thread>.json`` per thread and, at close, ``index.json`` listing the
thread files and the files that failed; the corpus summary table goes to the stream.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from commentkit.model import Analysis
from commentkit.report import Reporter
from commentkit.report.common import FileNamer, ThreadView, atomic_write, prepare_out_dir

SCHEMA_PATH = Path(__file__).resolve().parent / "analysis.schema.json"


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


class JsonReporter(Reporter):
    def __init__(self, stream=None, out_dir=None):
        super().__init__(stream, out_dir)
        self.folder: Optional[Path] = prepare_out_dir(out_dir) if out_dir else None
        self.names = FileNamer()
        self.index: list = []

    def _add(self, analysis: Analysis) -> None:
        data = analysis.to_dict()
        if self.folder is None:
            if self.stream is not None:
                self.stream.write(json.dumps(data, ensure_ascii=False) + "\n")
                self.stream.flush()
            return
        name = self.names(analysis, ".json")
        atomic_write(self.folder / name, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        thread = analysis.thread
        self.index.append({"id": thread.id, "title": thread.title, "source": thread.source, "file": name,
                           "comments": len(thread.comments), "verdicts": ThreadView(analysis).counts()})

    def _close(self) -> None:
        if self.folder is None:
            return
        index = {"threads": self.index, "failed": [e.to_dict() for e in self.summary.failed],
                 "summary": {"threads": self.summary.threads, "comments": self.summary.comments,
                             "verdicts": dict(self.summary.verdict_rows()),
                             "stances": dict(self.summary.stance_rows())}}
        atomic_write(self.folder / "index.json", json.dumps(index, ensure_ascii=False, indent=1) + "\n")
        if self.stream is not None:
            from commentkit.report.terminal import write_summary
            write_summary(self.summary, self.stream, where=str(self.folder))
