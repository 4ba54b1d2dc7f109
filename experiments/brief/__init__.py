"""``vcsim brief``: a briefing pack for leadership meetings from any results folder.

Bilingual (Chinese first) charts with the finding as their title, ``brief.pdf`` (cover
numbers, a plain reading, the charts, the key-figures table; the CJK font embedded),
``brief.pptx`` (one chart a slide, editable titles) and ``key_figures.csv`` / ``.xlsx``.

The pack's code (matplotlib and all) is imported when first used, so that building the
command line stays quick.
"""

__all__ = ["BriefOutput", "make_brief"]


def __getattr__(name):
    if name in __all__:
        from vcsim.experiments.brief import core
        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
