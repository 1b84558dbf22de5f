"""The JSON report: ``Analysis.to_dict()`` per thread, validated by ``analysis.schema.json``.

Without ``out_dir``: JSONL on the stream, one thread per line, written as each thread is added.
With ``out_dir``: one ``<thread>.json`` per thread and, at close, ``index.json`` listing the
thread files and the files that failed; the corpus summary table goes to the stream.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import orjson

from commentkit.model import Analysis
from commentkit.report import Reporter
from commentkit.report.common import FileNamer, ThreadView, atomic_write, prepare_out_dir

SCHEMA_PATH = Path(__file__).resolve().parent / "analysis.schema.json"


def dumps(data, pretty: bool = False) -> str:
    """One JSON document and a newline. orjson, not the json module: with indentation the json
    module encodes in Python, and writing the thread files was a third of the parent process's
    time, which the workers wait on (orjson is about 15x faster; strict JSON, UTF-8)."""
    option = orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if pretty else 0)
    try:
        return orjson.dumps(data, option=option).decode("utf-8")
    except orjson.JSONEncodeError:  # what orjson refuses (an integer past 64 bits) the json module writes
        return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None) + "\n"


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
                self.stream.write(dumps(data))
                self.stream.flush()
            return
        name = self.names(analysis, ".json")
        atomic_write(self.folder / name, dumps(data, pretty=True))
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
        atomic_write(self.folder / "index.json", dumps(index, pretty=True))
        if self.stream is not None:
            from commentkit.report.terminal import write_summary
            write_summary(self.summary, self.stream, where=str(self.folder))
