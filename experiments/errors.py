"""User-input errors: reported as one clear message and exit code 2, never a traceback."""


class InputError(Exception):
    """A user's file or option is wrong. The message names the file, the row or key,
    what was wrong and what is accepted."""
