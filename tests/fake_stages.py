"""Small stand-in stages for orchestration tests, injected through ``Analyzer(claims=..., ...)``.

They follow the stage contracts of ``commentkit.analyze`` with trivial, deterministic logic, and
a few trigger words let a test make a thread slow, crash its worker, or raise.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Optional

from commentkit.analyze import Analyzer, Options
from commentkit.model import Claim, Stance, Verdict

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class FakeClaims:
    def extract(self, posts):
        claims = []
        for post in posts:
            if "RAISE-IN-CLAIMS" in post.text:
                raise ValueError("a stage bug\nwith a second line")
            if "SLEEP-IN-CLAIMS" in post.text:
                time.sleep(60)
            if "EXIT-IN-CLAIMS" in post.text:
                os._exit(3)
            for m in _NUMBER.finditer(post.text):
                claims.append(Claim(post_id=post.id, start=m.start(), end=m.end(), surface=m.group(),
                                    value=float(m.group())))
        return claims


class FakeComparer:
    def compare(self, thread, claims):
        article = [c for c in claims if c.post_id == thread.article.id]
        values = {c.value for c in article}
        verdicts = [Verdict(claim=c, status="agree" if c.value in values else "new",
                            article_claims=[a for a in article if a.value == c.value])
                    for c in claims if c.post_id != thread.article.id]
        return verdicts, []


class FakeStance:
    def predict_stances(self, thread, verdicts):
        return [Stance(post_id=c.id, label="comment", scores={"comment": 1.0}, model="fake")
                for c in thread.comments]


def make_fake_analyzer(options: Optional[Options] = None, log_dir: Optional[str] = None) -> Analyzer:
    """A picklable factory; with ``log_dir`` each call leaves a file named after its process id."""
    if log_dir:
        Path(log_dir, f"{os.getpid()}-{time.monotonic_ns()}").touch()
    return Analyzer(options, claims=FakeClaims(), comparer=FakeComparer(), stance_model=FakeStance())
