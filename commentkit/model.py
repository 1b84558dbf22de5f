"""The data model every stage reads and writes.

Plain dataclasses with ``to_dict``/``from_dict``; no behaviour beyond (de)serialisation.
Stages: ingest -> Thread; nlp -> Claim, Stance; compare -> Verdict, Check; report <- Analysis.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional, get_type_hints

SCHEMA_VERSION = 1

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def writable_text(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many there were.

    Python strings can hold characters no UTF-8 file can: half of a UTF-16 pair that a JSON file
    spelt on its own (``"\\ud83d"``, an emoji cut in two by a scraper), or a byte of a file name
    that is not UTF-8 (decoded as ``\\udcXX``). One of them in a thread would fail every report.
    """
    return _LONE_SURROGATE.subn("\ufffd", text)


VERDICTS = ("contradict", "derived", "agree", "new")
"""Verdict statuses, in the order reports list them (contradictions first)."""


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):  # most values: checked first
        return value
    if isinstance(value, _Record) or dataclasses.is_dataclass(value):
        return value.to_dict()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin: JSON round-trip for the dataclasses below, driven by their type hints."""

    def to_dict(self) -> dict:
        return {name: _encode(getattr(self, name)) for name in _field_names(type(self))}

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict):
        hints = get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            kwargs[f.name] = _decode(hints[f.name], data[f.name])
        return cls(**kwargs)

    @classmethod
    def from_json(cls, text: str):
        return cls.from_dict(json.loads(text))


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = getattr(hint, "__origin__", None)
    args = getattr(hint, "__args__", ())
    if origin is Optional or (origin is not None and type(None) in args):  # Optional[X]
        inner = [a for a in args if a is not type(None)][0]
        return _decode(inner, value)
    if origin is list:
        return [_decode(args[0], v) for v in value]
    if isinstance(hint, type) and issubclass(hint, _Record):
        return hint.from_dict(value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    return value


@dataclass
class Post(_Record):
    """The article or one comment."""

    id: str
    text: str
    author: Optional[str] = None
    published: Optional[datetime] = None
    parent_id: Optional[str] = None  # None: a reply to the article
    depth: int = 0


@dataclass
class Thread(_Record):
    """An article with its reader comments, in page order."""

    id: str
    article: Post
    comments: list[Post] = field(default_factory=list)
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None  # the file it came from
    format: Optional[str] = None  # the reader that parsed it
    meta: dict = field(default_factory=dict)  # provenance, declared counts, skipped items

    def posts(self) -> list[Post]:
        return [self.article, *self.comments]


@dataclass
class Claim(_Record):
    """A numeric assertion in a post."""

    post_id: str
    start: int  # character offsets into the post text
    end: int
    surface: str
    value: float
    low: Optional[float] = None
    high: Optional[float] = None
    unit: str = "count"  # ISO 4217 code, 'percent', 'count', or a unit's singular name
    what: Optional[str] = None  # what is counted ("agencies")
    entity: Optional[str] = None  # who or where ("Florida")
    qualifier: Optional[str] = None  # about / up to / at least / more than ...
    change: Optional[str] = None  # 'increase' / 'decrease' when the figure is a change
    baseline: Optional[float] = None  # the value it changed from ("up from 135")
    sentence: Optional[str] = None


@dataclass
class Stance(_Record):
    post_id: str
    label: str
    scores: dict = field(default_factory=dict)  # label -> probability
    model: Optional[str] = None


@dataclass
class Verdict(_Record):
    """A comment claim set against the article's figures."""

    claim: Claim
    status: str  # one of VERDICTS
    article_claims: list[Claim] = field(default_factory=list)
    explanation: str = ""
    arithmetic: Optional[str] = None  # "342 + 296 + 63 = 701"


@dataclass
class Check(_Record):
    """Article figures that disagree with each other (the article self-check)."""

    claims: list[Claim]
    explanation: str
    arithmetic: Optional[str] = None


@dataclass
class Analysis(_Record):
    """Everything commentkit found in one thread; the JSON report is ``to_dict()``."""

    thread: Thread
    claims: list[Claim] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    sentiment: dict = field(default_factory=dict)  # post id -> {polarity, subjectivity}
    errors: list[str] = field(default_factory=list)  # non-fatal problems met in this thread
    schema_version: int = SCHEMA_VERSION


@dataclass
class FileError(_Record):
    """A file that could not be analysed, with the reason in one line."""

    source: str
    reason: str

    def __post_init__(self):
        self.source = writable_text(str(self.source))[0]
        self.reason = writable_text(str(self.reason))[0]

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
