"""commentkit: check the numbers readers write against the article, and read their stance.

The public API for notebooks and scripts (the CLI is a thin layer over it)::

    import commentkit
    thread = commentkit.read("corpus/ice-287g-agreements.txt")
    analysis = commentkit.Analyzer()(thread)          # claims, verdicts, stances, sentiment
    for item in commentkit.analyze(["corpus/"]):      # Analysis per thread, or FileError
        ...

Names are imported on first use, so ``import commentkit`` stays cheap (spaCy and scikit-learn
load only when an analysis starts).
"""
from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "read": "commentkit.ingest",
    "read_threads": "commentkit.ingest",
    "analyze": "commentkit.analyze",
    "Analyzer": "commentkit.analyze",
    "Options": "commentkit.analyze",
    "ClaimExtractor": "commentkit.nlp.pipeline",
    "Comparer": "commentkit.compare",
    "StanceModel": "commentkit.nlp.stance",
    "StancePredictor": "commentkit.nlp.stance_predictor",
    "load_stance_model": "commentkit.nlp.stance_predictor",
    "open_reporter": "commentkit.report",
    "Thread": "commentkit.model",
    "Post": "commentkit.model",
    "Claim": "commentkit.model",
    "Stance": "commentkit.model",
    "Verdict": "commentkit.model",
    "Check": "commentkit.model",
    "Analysis": "commentkit.model",
    "FileError": "commentkit.model",
    "CommentkitError": "commentkit.errors",
    "IngestError": "commentkit.errors",
    "ModelError": "commentkit.errors",
    "DataError": "commentkit.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'commentkit' has no attribute {name!r}")
