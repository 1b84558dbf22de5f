"""Error types. Every user-facing failure is a CommentkitError with a one-line message."""


class CommentkitError(Exception):
    """Base class: the message is one line a user can act on."""


class IngestError(CommentkitError):
    """A file could not be read as a discussion. The message names the file and the reason."""

    def __init__(self, source: str, reason: str):
        from commentkit.model import writable_text

        self.source = writable_text(str(source))[0]  # a file name that is not UTF-8 stays printable
        self.reason = writable_text(" ".join(str(reason).split()))[0]
        super().__init__(f"{self.source}: {self.reason}")


class ModelError(CommentkitError):
    """A model file is missing, foreign, tampered with or incompatible."""


class DataError(CommentkitError):
    """Training or evaluation data is unusable (one label, empty texts, unknown columns...)."""
