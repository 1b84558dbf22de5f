"""The public API a notebook user relies on: every advertised name resolves."""
import commentkit


def test_every_public_name_resolves():
    for name in commentkit.__all__:
        assert getattr(commentkit, name) is not None, name


def test_read_and_analyze_from_python():
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "corpus" / "ice-287g-agreements.txt"
    thread = commentkit.read(sample)
    analysis = commentkit.Analyzer()(thread)
    assert isinstance(analysis, commentkit.Analysis)
    assert {v.status for v in analysis.verdicts} >= {"agree", "new"}
    assert len(analysis.stances) == len(thread.comments) == 1
