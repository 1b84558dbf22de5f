"""An installed wheel carries what analysis needs: the shipped stance model and the data files."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_the_shipped_model_and_the_lexicons(tmp_path):
    # Built from a copy, so the build leaves nothing in the checkout.
    source = tmp_path / "src"
    shutil.copytree(REPO, source, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"),
                             str(source)], capture_output=True, text=True, timeout=600)
    if result.returncode != 0 and "Could not find a version" in result.stderr + result.stdout:
        pytest.skip("no package index to fetch the build backend from")
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("commentkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    model = (REPO / "models" / "stance-sdqc.zip").read_bytes()
    assert zipfile.ZipFile(wheel).read("commentkit/models/stance-sdqc.zip") == model
    assert "commentkit/lang/en/stance_denial.txt" in names
    assert "commentkit/report/analysis.schema.json" in names


def test_the_package_finds_the_shipped_model_through_its_own_folder():
    from commentkit.nlp.stance_predictor import default_model_path

    assert default_model_path().parent.parent == Path(__import__("commentkit").__file__).resolve().parent
    assert default_model_path().read_bytes() == (REPO / "models" / "stance-sdqc.zip").read_bytes()
