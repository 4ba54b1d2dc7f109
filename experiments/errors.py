"""User-input errors: reported as one clear message and exit code 2, never a traceback."""

from __future__ import annotations

import difflib

from vcsim.experiments.messages import Msg, language


class InputError(Exception):
    """A user's file or option is wrong. The message names the file, the row or key,
    what was wrong and what is accepted.

    Raised with a catalogue key and its fields (``InputError("scenario.unknown_setting",
    file=..., ...)``) or a ``Msg``, it is shown in the user's language
    (``experiments.messages``). Literal text is refused: every message is in the
    catalogue, in Chinese and English."""

    def __init__(self, key: str | Msg, /, **fields):
        if isinstance(key, Msg):
            if fields:
                raise TypeError("InputError(Msg) takes no further fields")
            self.msg = key
        else:
            self.msg = Msg(key, **fields)  # KeyError for text that is not a catalogue key
        super().__init__(self.msg.key)

    @property
    def key(self) -> str:
        return self.msg.key

    def render(self, lang: str | None = None) -> str:
        return self.msg.render(lang or language())

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):  # crosses process boundaries (pools, Dask) with its fields
        return (InputError, (self.msg,))


def did_you_mean(value, accepted, quote: str = "'{}'") -> Msg | str:
    """"; did you mean X?" (a ``Msg``) with the accepted name closest to ``value``, or ""
    if none is close; ``quote`` formats the name."""
    hint = difflib.get_close_matches(str(value), list(accepted), n=1)
    return Msg("hint.did_you_mean", name=quote.format(hint[0])) if hint else ""


def did_you_mean_msg(value, accepted) -> Msg | str:
    """``did_you_mean`` with the name quoted as Python writes it (``repr``)."""
    return did_you_mean(value, accepted, "{!r}")
