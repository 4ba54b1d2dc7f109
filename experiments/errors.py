"""User-input errors: reported as one clear message and exit code 2, never a traceback."""

import difflib


class InputError(Exception):
    """A user's file or option is wrong. The message names the file, the row or key,
    what was wrong and what is accepted."""


def did_you_mean(value, accepted, quote: str = "{!r}") -> str:
    """"; did you mean X?" with the accepted name closest to ``value``, or "" if none is
    close; ``quote`` formats the name."""
    hint = difflib.get_close_matches(str(value), list(accepted), n=1)
    return f"; did you mean {quote.format(hint[0])}?" if hint else ""
