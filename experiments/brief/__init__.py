"""``vcsim brief``: a briefing pack for leadership meetings from any results folder.

Bilingual (Chinese first) charts with the finding as their title, ``brief.pdf`` (cover
numbers, a plain reading, the charts, the key-figures table; the CJK font embedded),
``brief.pptx`` (one chart a slide, editable titles) and ``key_figures.csv`` / ``.xlsx``.
"""

from vcsim.experiments.brief.core import BriefOutput, make_brief

__all__ = ["BriefOutput", "make_brief"]
