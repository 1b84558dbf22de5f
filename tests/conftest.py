"""Shared fixtures. Tests read ../shared only through ``shared_path`` which skips when absent."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = REPO / "corpus"


def pytest_configure(config):
    """With COMMENTKIT_SLOW_TESTS=1 (set by .ci/run) the README's test command also runs the tests
    marked slow (the full-size fuzzing), unless a -m expression was given on the command line.

    Hypothesis then draws its examples from a fixed seed, so a red CI run always reproduces and a
    green one stays green; the default run and ``-m slow`` by hand keep exploring new inputs.
    """
    if os.environ.get("COMMENTKIT_SLOW_TESTS") != "1":
        return
    if config.option.markexpr == "not slow":
        config.option.markexpr = ""
    from hypothesis import settings

    settings.register_profile("commentkit-ci", derandomize=True)
    settings.load_profile("commentkit-ci")


def shared_path(*parts: str) -> Path:
    """A path under ../shared/ (the team's read-only material); skips the test when it is absent."""
    # ../shared beside the checkout (CI, a clone); a worktree nested deeper finds it further up.
    candidates = [base.joinpath("shared", *parts) for base in REPO.parents]
    path = next((c for c in candidates if c.exists()), candidates[0])
    if not path.exists():
        pytest.skip(f"shared material not available: {path}")
    return path


@pytest.fixture
def data_dir() -> Path:
    return DATA


def load_benchmark(name: str):
    """Import ``benchmarks/<name>.py`` (the quality gates reuse the benchmarks' own scorers)."""
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
