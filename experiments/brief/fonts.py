"""Find a CJK font, make it embeddable, and check that every character has a glyph.

matplotlib embeds fonts in PDFs as TrueType (``pdf.fonttype = 42``), but the CJK fonts
most Linux machines have (Noto Sans CJK / Source Han Sans) are OpenType collections with
CFF (PostScript) outlines: matplotlib then writes the CFF program where a TrueType one
belongs, which poppler reports as "Mismatch between font type and embedded font file"
and strict viewers may refuse. So the chosen face is subset (GB2312 and the characters
the brief needs, about 8,000 glyphs) and, if its outlines are CFF, converted to
quadratic TrueType outlines with fontTools (cu2qu). The result is cached under the
user's cache folder (``VCSIM_CACHE_DIR``, else ``$XDG_CACHE_HOME/vcsim``, else
``~/.cache/vcsim``); the first brief on a machine takes about 20 s for this, later ones
reuse the file.

The cached font is the *only* font the charts use (no silent fallback), so its cmap is
the exact test for missing glyphs ("tofu"): ``missing_chars``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

# Preferred families, best first: Simplified Chinese faces of the usual platforms.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "DengXian",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti", "Droid Sans Fallback",
    "Noto Sans CJK TC", "Noto Sans CJK JP", "Source Han Sans", "AR PL UMing CN",
    "Noto Serif CJK SC", "SimSun",
)
PROBE = "空白村清零光伏发电型万元县乡镇"  # a font must have all of these
VERSION = "1"  # bump to rebuild cached fonts after a change to the conversion

# Characters every brief may draw besides GB2312's hanzi and symbols.
_BASE_RANGES = ((0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x2100, 0x2150),
                (0x2190, 0x2200), (0x2200, 0x2300), (0x2460, 0x24A0), (0x25A0, 0x2600),
                (0x3000, 0x3040), (0xFF00, 0xFFF0))


@dataclass
class BriefFont:
    """The font the brief draws with."""
    family: str  # name to give matplotlib
    path: Path  # the (cached, TrueType) file matplotlib uses
    source: Path  # the installed font it came from
    cmap: frozenset[int] = field(repr=False)
    cjk: bool = True  # False: no CJK font was found (English only)

    def missing_chars(self, texts) -> set[str]:
        """Characters of ``texts`` (strings) that have no glyph in this font.
        Whitespace and control characters draw nothing and are skipped."""
        out = set()
        for text in texts:
            for ch in str(text):
                if ch.isspace() or ord(ch) < 0x20:
                    continue
                if ord(ch) not in self.cmap:
                    out.add(ch)
        return out


def cache_dir() -> Path:
    if os.environ.get("VCSIM_CACHE_DIR"):
        return Path(os.environ["VCSIM_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vcsim"


def _base_chars() -> set[int]:
    chars = set()
    for lo, hi in _BASE_RANGES:
        chars.update(range(lo, hi))
    for hi in range(0xA1, 0xF8):  # GB2312: symbols (A1-A9) and both levels of hanzi
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def _font_has(path: str, index: int, probe: str) -> bool:
    from fontTools.ttLib import TTFont
    try:
        with TTFont(path, fontNumber=index, lazy=True) as f:
            cmap = f.getBestCmap() or {}
    except Exception:  # unreadable or unsupported file: not a candidate
        return False
    return all(ord(c) in cmap for c in probe)


def find_cjk_font():
    """The installed CJK font to use: a matplotlib ``FontEntry`` (regular weight of the
    first available preferred family, else any font whose cmap has ``PROBE``), or None."""
    from matplotlib import font_manager as fm
    entries = [e for e in fm.fontManager.ttflist
               if str(e.fname).lower().endswith((".ttf", ".otf", ".ttc", ".otc"))]

    def weight(e) -> int:
        w = e.weight if isinstance(e.weight, int) else 400
        return abs(w - 400) + (0 if e.style == "normal" else 1000)

    for family in PREFERRED_FAMILIES:
        cands = sorted((e for e in entries if e.name == family), key=weight)
        for e in cands:
            if _font_has(e.fname, getattr(e, "index", 0), PROBE):
                return e
    for e in sorted(entries, key=weight)[:600]:
        if _font_has(e.fname, getattr(e, "index", 0), PROBE):
            return e
    return None


def prepare_font(extra_text: str = "", lang: str = "zh") -> BriefFont:
    """The font for the brief: the CJK font made embeddable (cached), or, with no CJK font
    on the machine, matplotlib's DejaVu Sans with ``cjk=False``."""
    entry = find_cjk_font()
    if entry is None:
        return _dejavu()
    base = _base_chars()
    extra = sorted({ord(c) for c in extra_text if not c.isspace()} - base)
    src = Path(entry.fname)
    index = getattr(entry, "index", 0)
    stat = src.stat()
    key = hashlib.sha1(f"{VERSION}|{src}|{index}|{stat.st_size}|{stat.st_mtime_ns}|"
                       f"{''.join(map(chr, extra))}".encode()).hexdigest()[:12]
    folder = cache_dir() / "fonts"
    target = folder / f"{_safe(entry.name)}-{key}.ttf"
    if not target.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _build(src, index, base | set(extra), target)
        except OSError:  # cache not writable: build in a temporary folder
            target = Path(tempfile.mkdtemp(prefix="vcsim-font-")) / target.name
            _build(src, index, base | set(extra), target)
    return _register(target, src)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name)


def _register(path: Path, source: Path) -> BriefFont:
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager as fm
    fm.fontManager.addfont(str(path))
    family = fm.FontProperties(fname=str(path)).get_name()
    with TTFont(str(path), lazy=True) as f:
        cmap = frozenset((f.getBestCmap() or {}).keys())
    return BriefFont(family=family, path=path, source=source, cmap=cmap, cjk=True)


def _dejavu() -> BriefFont:
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager as fm
    path = Path(fm.findfont(fm.FontProperties(family="DejaVu Sans"), fallback_to_default=True))
    with TTFont(str(path), lazy=True) as f:
        cmap = frozenset((f.getBestCmap() or {}).keys())
    return BriefFont(family="DejaVu Sans", path=path, source=path, cmap=cmap, cjk=False)


def _build(src: Path, index: int, chars: set[int], target: Path) -> None:
    """Subset face ``index`` of ``src`` to ``chars``; convert CFF outlines to TrueType;
    rename the family (so matplotlib cannot confuse it with the original); write
    ``target`` atomically."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        font = TTFont(str(src), fontNumber=index, lazy=True)
        opts = subset.Options()
        opts.layout_features = []
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False
        opts.glyph_names = False
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=chars)
        sub.subset(font)
        if "CFF " in font or "CFF2" in font:
            _cff_to_truetype(font)
        family = font["name"].getDebugName(1) or "CJK"
        new_family = f"{family} vcsim"
        for rec in font["name"].names:
            if rec.nameID in (1, 16):
                rec.string = new_family
            elif rec.nameID == 4:
                rec.string = f"{new_family} Regular"
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".ttf.tmp")
        os.close(fd)
        try:
            font.save(tmp)
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)


def _cff_to_truetype(font) -> None:
    """Replace a font's CFF outlines by quadratic TrueType outlines (fontTools' otf2ttf
    recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        g.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], getattr(g, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
                 "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                 "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # no glyph names
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
