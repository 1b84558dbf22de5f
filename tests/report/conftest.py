"""Analyses for the report tests, built from hand-written cases through the real comparer."""
from __future__ import annotations

import json

import pytest

from commentkit.compare import Comparer
from commentkit.model import Analysis, Stance
from tests.cases import build
from tests.conftest import DATA

HOSTILE_MARKERS = ("<script>", "onerror=", "javascript:", "onload=")


def analysis_from_case(name: str) -> Analysis:
    case = json.loads((DATA / "report" / f"{name}.json").read_text(encoding="utf-8"))
    thread, claims = build(case)
    verdicts, checks = Comparer().compare(thread, claims)
    stances = [Stance(post_id=pid, label=s["label"], scores=s["scores"], model="test 0")
               for pid, s in case.get("stances", {}).items()]
    return Analysis(thread=thread, claims=claims, stances=stances, verdicts=verdicts, checks=checks,
                    sentiment={p.id: {"polarity": 0.0, "subjectivity": 0.0} for p in thread.posts()})


@pytest.fixture
def hostile() -> Analysis:
    return analysis_from_case("hostile")
