"""The one exception type of :mod:`sim` that the command line reports as a plain message."""

__all__ = ["SimError"]


class SimError(Exception):
    """A problem with the user's input or environment, reported as one line on stderr.

    The message is complete on its own (no traceback is shown): it names the file or option
    at fault and, when there is one, the command that fixes it.
    """
