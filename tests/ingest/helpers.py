"""Small helpers for the ingest tests."""
from __future__ import annotations

import re

import pytest

from commentkit.errors import IngestError
from commentkit.ingest import read_threads


def shape(thread):
    """(id, parent_id, depth, author) per comment, in order."""
    return [(c.id, c.parent_id, c.depth, c.author) for c in thread.comments]


def assert_one_line_error(path, *patterns, **options):
    with pytest.raises(IngestError) as info:
        read_threads(path, **options)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    for pattern in patterns:
        assert re.search(pattern, message), message
    return message
