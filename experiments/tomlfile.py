"""Reading a user's TOML file (a scenario or an experiment), with messages a planner
typing on a Chinese keyboard can act on.

A Chinese input method left in full-width mode types ``＝ ， ［ ］ “ ”`` instead of
``= , [ ] "``; spreadsheet habits put thousands separators into numbers (``600,000``).
The TOML parser reports these as "Expected '='" at a column; ``read_toml`` adds which
character on which line to type instead. A village roster handed over where a scenario
belongs is recognised by its content (``sniff_roster``) and named.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import CATALOGUE, Msg, items

# Full-width (Chinese input method) characters and what TOML wants instead.
FULL_WIDTH = {
    "＝": "=", "，": ",", "、": ",", "［": "[", "］": "]", "｛": "{", "｝": "}",
    "“": '"', "”": '"', "＂": '"', "‘": "'", "’": "'", "＇": "'", "：": "=",
    "。": ".", "．": ".", "＃": "#", "－": "-", "＋": "+", "\u3000": " ",
    **{chr(0xFF10 + d): str(d) for d in range(10)},  # full-width digits ０-９
}
_THOUSANDS = re.compile(r"[=＝]\s*([+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?)\s*$")
_UNQUOTED = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*=\s*([^\s\"'\[{0-9+\-.].*?)\s*$")
_LITERALS = {"true", "false", "inf", "nan"}
_AT = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def read_toml(path: Path, what: str = "scenario") -> dict:
    """A TOML file's contents, or InputError saying what is wrong with the ``what`` file
    ("scenario" or "experiment"): missing, a folder, unreadable, a roster or a workbook,
    not UTF-8, not TOML (with the line and the fix for Chinese-keyboard mistakes)."""
    kind = Msg(f"what.{what}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file.not_found", file=path) from None
    except IsADirectoryError:
        raise InputError("file.is_folder", file=path, what=kind) from None
    except OSError as exc:
        raise InputError("file.unreadable", file=path, reason=exc.strerror) from None
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # .xlsx (zip) or .xls (OLE)
        raise InputError("scenario.is_workbook", file=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        headers = sniff_roster(raw.decode("gb18030", errors="replace"))
        if headers:
            raise InputError("scenario.is_roster", file=path, headers=items(headers), what=kind) from None
        raise InputError("file.not_utf8", file=path, what=kind) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        headers = sniff_roster(text)
        if headers:
            raise InputError("scenario.is_roster", file=path, headers=items(headers), what=kind) from None
        raise _syntax_error(path, text, exc) from None


def sniff_roster(text: str) -> list[str]:
    """The recognised roster headers in the first non-blank line of ``text`` if it reads
    as a village roster's header row (two or more recognised column names), else []."""
    from vcsim.experiments.roster import _canonical_header  # the roster's one header rule
    for line in text.splitlines():
        if not line.strip():
            continue
        delimiter = "\t" if "\t" in line and "," not in line else ","
        cells = [c.strip().strip('"') for c in line.split(delimiter)]
        found = [c for c in cells if _canonical_header(c)]
        return found if len(found) >= 2 else []
    return []


def _syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> InputError:
    message = str(exc)
    at = _AT.search(message)
    lines = text.splitlines()
    line = int(at.group(1)) if at and at.group(1) else max(len(lines), 1)
    reason = _AT.sub("", message).strip()
    reason = next((Msg(key) for key, (english, _) in CATALOGUE.items()
                   if key.startswith("toml.reason.") and reason.startswith(english)), reason)
    # the line the parser names first, then the rest of the file: a mistake earlier on
    # (an unclosed full-width quote) can surface lines later
    order = [line] + [n for n in range(1, len(lines) + 1) if n != line]
    fix: Msg | str = ""
    for number in order:
        fix = _fix_for_line(number, lines[number - 1] if number <= len(lines) else "")
        if fix:
            break
    return InputError("toml.syntax", file=path, line=line, reason=reason, fix=fix)


def _fix_for_line(number: int, line: str) -> Msg | str:
    """What to type instead on this line, if it shows a Chinese-keyboard mistake."""
    code = _code_part(line)
    thousands = _THOUSANDS.search(code)
    if thousands:
        written = thousands.group(1)
        return Msg("toml.fix.thousands", line=number, written=written,
                   fixed=re.sub("[,，]", "", written))
    found = list(dict.fromkeys(ch for ch in code if ch in FULL_WIDTH))
    if found:
        shown = [Msg("toml.full_width_space") if ch == "\u3000" else ch for ch in found]
        return Msg("toml.fix.full_width", line=number, found=items(shown, "'{}'"),
                   fixed=items((FULL_WIDTH[ch] for ch in found), "'{}'"))
    unquoted = _UNQUOTED.match(code)
    if unquoted and unquoted.group(2).lower() not in _LITERALS:
        return Msg("toml.fix.unquoted_text", line=number, key=unquoted.group(1),
                   value=unquoted.group(2))
    return ""


def _code_part(line: str) -> str:
    """The line without its comment and with the inside of ASCII-quoted strings blanked,
    so that Chinese text and quotes inside "..." (which are fine) are not flagged."""
    out = []
    quote = None
    escaped = False
    for ch in line:
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = None
                out.append(ch)
            continue
        if ch == "#":
            break
        if ch in "\"'":
            quote = ch
        out.append(ch)
    return "".join(out)
