"""Error types. Every user-facing failure is a CommentkitError with a one-line message."""


class CommentkitError(Exception):
    """Base class: the message is one line a user can act on."""


class IngestError(CommentkitError):
    """A file could not be read as a discussion. The message names the file and the reason."""

    def __init__(self, source: str, reason: str):
        self.source = str(source)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.source}: {self.reason}")


class ModelError(CommentkitError):
    """A model file is missing, foreign, tampered with or incompatible."""


class DataError(CommentkitError):
    """Training or evaluation data is unusable (one label, empty texts, unknown columns...)."""
