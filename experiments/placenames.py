"""Chinese place names as English text shows them: Hanyu Pinyin.

Township names come from the user's roster in Chinese (白云镇); an English brief or
dashboard writes them in pinyin with the administrative unit translated ("Baiyun Town").
The syllables come from ``pypinyin`` (its phrase dictionary picks the reading of
characters with several, such as 长 or 重); joining them follows the rules for place
names (GB/T 16159): one word, capitalised, with an apostrophe before a syllable that
starts with a, o or e (Xi'an).
"""

from __future__ import annotations

from functools import lru_cache

# Unit suffixes of Chinese place names, longest first, and their English words.
UNITS = (("街道办事处", "Subdistrict"), ("街道", "Subdistrict"), ("民族乡", "Ethnic Township"),
         ("镇", "Town"), ("乡", "Township"), ("村", "Village"), ("县", "County"))


@lru_cache(maxsize=4096)
def pinyin(name: str) -> str:
    """``name`` in pinyin as one capitalised word ("三道沟" -> "Sandaogou"); characters
    that are not Chinese (letters, digits) are kept."""
    from pypinyin import Style, lazy_pinyin
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: [chars])
    out = ""
    for k, syllable in enumerate(syllables):
        if k and out and syllable[:1] in "aoe" and out[-1].isalpha():
            out += "'"
        out += syllable
    return out[:1].upper() + out[1:]


def place_name(name: str, lang: str) -> str:
    """A township or village name in ``lang``: as written in Chinese; in English, pinyin
    with the unit in English (白云镇 -> "Baiyun Town")."""
    name = str(name)
    if lang == "zh" or not any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name
    for suffix, word in UNITS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{pinyin(name[:-len(suffix)])} {word}"
    return pinyin(name)
