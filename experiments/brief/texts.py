"""Words and number formats of the brief, in Chinese and English.

Every number the brief prints goes through one of the ``fmt_*`` functions here, so the
cover page, the table, the slides and the CSV say the same thing, and the tests can
format a value from the results files the same way and look for it.
"""

from __future__ import annotations

import math
import unicodedata

from vcsim.experiments.messages import text

LANGS = ("zh", "en")


class Tr:
    """The brief's language: ``tr.text(key, **fields)`` is a catalogue message
    (``experiments.messages``) in it; the brief writes no sentence of its own."""

    def __init__(self, lang: str):
        if lang not in LANGS:
            raise ValueError(lang)
        self.lang = lang

    def text(self, key: str, /, **fields) -> str:
        """The catalogue message ``key`` (``experiments.messages``) in the brief's language."""
        return text(key, self.lang, **fields)

    @property
    def zh(self) -> bool:
        return self.lang == "zh"


# The two money totals of the programme, named the same way everywhere (cover, charts,
# tables, slides), so that a reader never takes one for the other:
# the fiscal total is parts A and B together; the programme money is part B's public
# money (5025 grants, integrated funds, demonstration extras), what the cost per
# village cleared divides. Their names are the catalogue's "brief.money.*".
MONEY_TOTALS = ("fiscal_total", "programme", "part_a")


def money_name(key: str, lang: str, capital: bool = True) -> str:
    """The name of a money total (``MONEY_TOTALS``) in ``lang``; English mid-sentence in
    lower case (``capital=False``)."""
    name = text(f"brief.money.{key}", lang)
    return name if capital or lang == "zh" else name[0].lower() + name[1:]


# ---------------------------------------------------------------------- numbers
def _finite(x) -> bool:
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)


def fmt_count(x) -> str:
    """A mean count of villages: one decimal (0.6, 84.3)."""
    return f"{x:.1f}" if _finite(x) else "–"


def fmt_expected(x) -> str:
    """An expected (mean) count of villages: one decimal, two below 0.1, so that a small
    risk does not read as none (0.03, 0.4, 2.5)."""
    return f"{x:.2f}" if _finite(x) and 0 < x < 0.095 else fmt_count(x)


def fmt_int(x) -> str:
    """A whole count, or a band end of a count (82, 1,234)."""
    return f"{x:,.0f}" if _finite(x) else "–"


def fmt_range(lo, hi, f=fmt_int) -> str:
    return f"{f(lo)}–{f(hi)}"


def fmt_pct(p) -> str:
    """A probability or share: whole percent (55%). A value between 0 and 1 never shows
    as 0% or 100%: near the ends it gets one decimal (99.8%, 0.3%), or >99.9% / <0.1%
    (399 of 400 replicates is not certainty, and a leader reads 100% as certain)."""
    if not _finite(p):
        return "–"
    if 0 < p < 1 and round(100 * p) in (0, 100):
        text = f"{100 * p:.1f}"
        return {"100.0": ">99.9%", "0.0": "<0.1%"}.get(text, text + "%")
    return f"{100 * p:.0f}%"


def fmt_pct_range(lo, hi) -> str:
    return f"{100 * lo:.0f}–{100 * hi:.0f}%" if _finite(lo) and _finite(hi) else "–"


def fmt_signed(x, decimals: int = 1) -> str:
    """A signed number; a value that rounds to zero is "0.0", never "-0.0" or "+0.0"."""
    if not _finite(x):
        return "–"
    text = f"{x:+,.{decimals}f}"
    return text[1:] if float(text) == 0 else text


def fmt_gini(x) -> str:
    return f"{x:.2f}" if _finite(x) else "–"


def money_unit(values, lang: str) -> tuple[float, str]:
    """(divisor, unit) for money: 万元 below 100 million yuan, else 亿元; in English
    10k yuan below a million, else million yuan."""
    vals = [abs(v) for v in values if _finite(v)]
    big = max(vals) if vals else 0.0
    if lang == "zh":
        return (1e8, "亿元") if big >= 1e8 else (1e4, "万元")
    return (1e6, "million yuan") if big >= 1e6 else (1e4, "10k yuan")


def fmt_money(y, lang: str, unit: tuple[float, str] | None = None, with_unit: bool = True) -> str:
    """Money: 3.9 万元 / 1.91 亿元; 3.9 × 10k yuan is awkward in English, so English
    uses 38,900 yuan / 191.0 million yuan. Pass ``unit`` to force a common unit."""
    if not _finite(y):
        return "–"
    div, name = unit or money_unit([y], lang)
    if lang == "en" and name == "10k yuan" and unit is None:
        return f"{round(y, -2):,.0f} yuan" if with_unit else f"{round(y, -2):,.0f}"
    decimals = 2 if name == "亿元" else 1
    text = f"{y / div:,.{decimals}f}"
    if not with_unit:
        return text
    return f"{text}{name}" if lang == "zh" else f"{text} {name}"  # 3.9万元 / 191.0 million yuan


def fmt_money_whole(y: int, lang: str) -> str:
    """A round sum of money as a reference line's label: 5万元 / 50,000 yuan."""
    return f"{y // 10_000}万元" if lang == "zh" else f"{y:,} yuan"


def fmt_money_short(y, lang: str) -> str:
    """Money for a big number on the cover: 1.92亿元 / 3.9万元; in English ¥191.8m /
    ¥38,600 (the long English units do not fit a cover box)."""
    if lang == "zh" or not _finite(y):
        return fmt_money(y, lang)
    if abs(y) >= 1e6:
        return f"¥{y / 1e6:,.1f}m"
    return f"¥{round(y, -2):,.0f}"


def fmt_money_range(lo, hi, lang: str) -> str:
    """A money band in the unit of its upper end: 1.90–1.92 亿元."""
    unit = money_unit([lo, hi], lang)
    if lang == "en" and unit[1] == "10k yuan":
        return f"{round(lo, -2):,.0f}–{round(hi, -2):,.0f} yuan"
    sep = "" if lang == "zh" else " "
    return f"{fmt_money(lo, lang, unit, False)}–{fmt_money(hi, lang, unit, False)}{sep}{unit[1]}"


def fmt_ratio(x) -> str:
    """Yuan per yuan (income per yuan invested): 0.85."""
    return f"{x:.2f}" if _finite(x) else "–"


# ---------------------------------------------------------------------- text layout
def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_NO_LINE_START = set("，。、；：？！）」』》”’%,.;:!?)]")
_NO_LINE_END = set("（「『《“‘([")


def _tokens(text: str) -> list[str]:
    """Words and numbers stay whole; each CJK character is its own token."""
    out, word = [], ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            if word:
                out.append(word)
            out.append(" ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    # a number keeps its unit: 56.7万元, 2021年, 132个 never break after the digits
    merged: list[str] = []
    for tok in out:
        if merged and tok in _UNITS and (merged[-1][-1].isdigit() or merged[-1][-1] in _UNITS) \
                and any(c.isdigit() for c in merged[-1]) and len(merged[-1]) < 24:
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


_UNITS = set("万亿元个村年月次倍户人项")


def wrap(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese/English text to ``width`` display columns (a CJK character
    counts 2). Numbers and words are never split; closing punctuation never starts a
    line and opening punctuation never ends one."""
    return wrap_by(text, lambda line: display_width(line) <= width)


def wrap_by(text: str, fits) -> list[str]:
    """Wrap text so that every line satisfies ``fits(line)`` where it can: the rules of
    ``wrap`` with any measure of width (display columns, or inches in a font).

    A line takes tokens until the next would not fit. A line only widens as it takes
    tokens, so that token is found by a galloping search (measuring 1, 2, 4 ... tokens
    ahead, then halving): a few measurements a line instead of one a token, the same
    lines. (Measuring text in a font was most of the time a brief spent wrapping.)"""
    lines: list[str] = []
    for para in text.split("\n"):
        toks = _tokens(para)
        i = 0
        while i < len(toks) and toks[i] == " ":
            i += 1
        line = ""
        while i < len(toks):
            # where the line may break: before a token that is no space and no closing
            # punctuation, once the line has something
            breaks = [k for k in range(i, len(toks))
                      if (line or k > i) and toks[k] != " " and toks[k][0] not in _NO_LINE_START]
            end = _first_not_fitting(breaks, lambda k: fits(line + "".join(toks[i:k + 1])))
            if end == len(breaks):  # the rest of the paragraph fits
                line += "".join(toks[i:])
                break
            k = breaks[end]
            line += "".join(toks[i:k])
            carry = ""
            while line and line[-1] in _NO_LINE_END:
                carry = line[-1] + carry
                line = line[:-1]
            lines.append(line.rstrip())
            line = carry + toks[k]
            i = k + 1
        lines.append(line.rstrip())
    return lines


def _first_not_fitting(breaks: list[int], fits_to) -> int:
    """The first index c of ``breaks`` with ``fits_to(breaks[c])`` false (len(breaks) if
    none), for a ``fits_to`` that stays false once false: galloping, then bisection."""
    lo, hi, step = 0, len(breaks), 1  # fits before lo; does not fit from hi on
    while lo < hi:
        c = min(lo + step - 1, hi - 1)
        if not fits_to(breaks[c]):
            hi = c
            break
        lo, step = c + 1, step * 2
    while lo < hi:
        mid = (lo + hi) // 2
        if fits_to(breaks[mid]):
            lo = mid + 1
        else:
            hi = mid
    return lo


def wrap_label(text: str, width: int) -> str:
    return "\n".join(wrap(text, width))
