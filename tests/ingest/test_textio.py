"""Decoding and whitespace rules shared by every reader (commentkit/ingest/textio.py)."""
from __future__ import annotations

import codecs

import pytest

from commentkit.ingest.textio import decode, detect_encoding, tidy


@pytest.mark.parametrize(
    "data, expected",
    [
        (codecs.BOM_UTF8 + "naïve".encode("utf-8"), "naïve"),
        (codecs.BOM_UTF16_LE + "naïve".encode("utf-16-le"), "naïve"),
        (codecs.BOM_UTF16_BE + "naïve".encode("utf-16-be"), "naïve"),
        ("naïve €".encode("utf-8"), "naïve €"),
        ("naïve €".encode("cp1252"), "naïve €"),
        ('<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1"), '<meta charset="iso-8859-1"><p>café</p>'),
        ('<?xml version="1.0" encoding="windows-1252"?><a>\x80</a>'.encode("latin-1"),
         '<?xml version="1.0" encoding="windows-1252"?><a>€</a>'),
    ],
)
def test_decode(data, expected):
    assert decode(data) == expected


def test_declared_charset_is_checked_against_the_bytes():
    data = '<meta charset="ascii"><p>ü</p>'.encode("utf-8")
    assert detect_encoding(data) == "utf-8"  # the declaration is wrong; the bytes are UTF-8


def test_bad_bytes_never_raise():
    data = b"ok " + b"plain words " * 20 + b"\x81\x8d\x8f\x90\x9d \xff\x00 end"
    text = decode(data)
    assert text.startswith("ok plain words") and text.endswith("end")
    assert decode(bytes(range(256)))  # any bytes at all decode to something


def test_tidy_keeps_paragraphs_and_unescapes():
    raw = "  One&nbsp;&amp;\u00a0two  \n line\t two \n\n\n\nPara\u200b two  \r\n"
    assert tidy(raw) == "One & two\nline two\n\nPara two"


def test_tidy_without_unescape_keeps_entities():
    assert tidy("AT&amp;T", unescape=False) == "AT&amp;T"
