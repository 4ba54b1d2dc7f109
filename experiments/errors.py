"""User-input errors: reported as one clear message and exit code 2, never a traceback."""

from __future__ import annotations

import difflib

from vcsim.experiments.messages import Msg, language


class InputError(Exception):
    """A user's file or option is wrong. The message names the file, the row or key,
    what was wrong and what is accepted.

    Raised with a catalogue key and its fields (``InputError("scenario.unknown_setting",
    file=..., ...)``), it is shown in the user's language (``experiments.messages``).
    A plain sentence is still accepted while the remaining messages move into the
    catalogue."""

    def __init__(self, key_or_text: str | Msg, /, **fields):
        if isinstance(key_or_text, Msg):
            self.msg: Msg | None = key_or_text
        elif fields or _is_key(key_or_text):
            self.msg = Msg(key_or_text, **fields)
        else:
            self.msg = None
        self.text = None if self.msg else str(key_or_text)
        super().__init__(key_or_text)

    def render(self, lang: str | None = None) -> str:
        return self.msg.render(lang or language()) if self.msg else self.text

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):  # crosses process boundaries (pools, Dask) with its fields
        return (InputError, (self.msg or self.text,))


def _is_key(text: str) -> bool:
    from vcsim.experiments.messages import CATALOGUE
    return text in CATALOGUE


def did_you_mean(value, accepted, quote: str = "{!r}") -> str:
    """"; did you mean X?" with the accepted name closest to ``value``, or "" if none is
    close; ``quote`` formats the name."""
    hint = difflib.get_close_matches(str(value), list(accepted), n=1)
    return f"; did you mean {quote.format(hint[0])}?" if hint else ""


def did_you_mean_msg(value, accepted):
    """The catalogue's "; did you mean X?" (``hint.did_you_mean``) with the accepted name
    closest to ``value``, rendered in the message's language; "" if none is close."""
    hint = difflib.get_close_matches(str(value), list(accepted), n=1)
    return Msg("hint.did_you_mean", name=repr(hint[0])) if hint else ""
