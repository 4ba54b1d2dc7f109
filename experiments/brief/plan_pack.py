"""``vcsim brief PLAN_DIR``: a short pack from a ``vcsim plan`` folder.

The pack answers the leaders' question as ``vcsim plan`` found it: a cover with the
chosen levers in words, their cost, the probability verified on fresh replicates with its
one-sided 95% lower bound (or, when no plan in the bounds meets the target, that and the
best found); a chart of cost against certainty (every plan tried, the least cost found
for each certainty, the chosen plan's verification); the best plans tried; and how to run
``best.toml``. Written like any brief: ``brief.pdf``, ``brief.pptx``, the chart's PNG,
``key_figures.csv`` / ``.xlsx`` and ``brief.json``, in Chinese or English.

Every number is ``plan.json``'s or ``evaluations.parquet``'s as ``vcsim plan`` wrote
it; the frontier is ``experiments.plan.frontier``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from vcsim.experiments.brief.charts import Chart, _clean, param_label
from vcsim.experiments.brief.document import TablePage, TextPage, TextTable
from vcsim.experiments.brief.figures import CSV_HEADERS, CoverNumber, unit_word
from vcsim.experiments.brief.texts import (fmt_money, fmt_money_range, fmt_money_short, fmt_pct,
                                           fmt_pct_range, wrap_label)
from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import CATALOGUE, Msg, items, text
from vcsim.experiments.store import read_parquet

PLAN_FILES = ("plan.json", "evaluations.parquet")
BEST_ROWS = 8  # plans in the table of the best tried
CHART_FILE = "01_frontier.png"


def is_plan_folder(folder: Path) -> bool:
    return (Path(folder) / "plan.json").is_file()


@dataclass
class PlanFolder:
    """What ``vcsim plan`` wrote to a folder."""
    root: Path
    record: dict  # plan.json
    evaluations: pd.DataFrame  # every plan tried
    best_toml: str  # best.toml's text ("" if missing)
    villages: int | None  # the roster's villages (provenance.json)

    @property
    def year(self) -> int:
        return int(self.record["target"]["year"])

    @property
    def at_least(self) -> float:
        return float(self.record["target"]["at_least"])

    @property
    def levers(self) -> list[str]:
        return list(self.record["levers"])


def load_plan_folder(root: Path) -> PlanFolder:
    """Read a ``vcsim plan`` folder; InputError naming a missing or unreadable file."""
    root = Path(root)
    missing = [f for f in PLAN_FILES if not (root / f).is_file()]
    if missing:
        raise InputError("brief.plan_missing", folder=root, files=items(missing))
    try:
        record = json.loads((root / "plan.json").read_text(encoding="utf-8"))
        for key in ("target", "objective", "levers", "chosen", "verification", "references"):
            record[key]  # noqa: B018 - every key the pack reads
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError("brief.plan_unreadable", file=root / "plan.json", reason=exc) from None
    try:
        evaluations = read_parquet(root / "evaluations.parquet")
    except Exception as exc:
        raise InputError("brief.bad_parquet", file=root / "evaluations.parquet", reason=exc) from None
    best = (root / "best.toml").read_text(encoding="utf-8") if (root / "best.toml").is_file() else ""
    villages = None
    if (root / "provenance.json").is_file():
        try:
            villages = json.loads((root / "provenance.json").read_text(encoding="utf-8")).get("villages")
        except ValueError:
            villages = None
    return PlanFolder(root, record, evaluations, best, villages)


# ---------------------------------------------------------------------- words
def lever_label(key: str, lang: str) -> str:
    """A lever's short name: the catalogue's for the usual planner's levers, else the
    parameter's label."""
    short = f"brief.plan.lever.{key}"
    return text(short, lang) if short in CATALOGUE else param_label(key, lang)


def lever_value(key: str, value, lang: str) -> str:
    """A lever's value with its unit: 1,879万元 / 18.79 million yuan, 2020年, 是/否."""
    from vcsim.experiments.messages import unit_text
    from vcsim.model.parameters import PARAMETERS
    unit = PARAMETERS[key].unit if key in PARAMETERS else "-"
    if isinstance(value, (bool, np.bool_)):
        return text("brief.plan.yes" if value else "brief.plan.no", lang)
    if unit == "year":
        return text("brief.plan.year_value", lang, year=int(value))
    if unit.startswith("yuan") and abs(value) >= 1e4:
        per = unit[len("yuan"):]  # "/yr" for yearly money
        if lang == "zh":
            wan = value / 1e4
            number = f"{wan:,.0f}" if float(wan).is_integer() else f"{wan:,.1f}"
            return f"{number}万元" + ("/年" if per == "/yr" else "")
        number = f"{value / 1e6:,.2f} million yuan" if abs(value) >= 1e6 else f"{value:,.0f} yuan"
        return number + (" a year" if per == "/yr" else "")
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"
    shown = unit_text(unit, lang)
    return number if unit in ("-", "") else (f"{number}{shown}" if lang == "zh" else f"{number} {shown}")


def levers_in_words(levers: dict, lang: str) -> str:
    sep, space = ("；", "") if lang == "zh" else ("; ", " ")
    return sep.join(f"{lever_label(k, lang)}{space}{lever_value(k, v, lang)}" for k, v in levers.items())


def _state(P: PlanFolder) -> str:
    """"verified" (found, and met on fresh replicates), "unconfirmed" (found on the
    search replicates, not met on fresh ones) or "none" (no plan in the bounds met it)."""
    if not P.record.get("found"):
        return "none"
    return "verified" if P.record["verification"].get("meets_target") else "unconfirmed"


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _target(P: PlanFolder, lang: str) -> str:
    """The target probability, and the confidence its lower bound had to reach if the
    plan file asked for one: 90% / 90% (at 95% confidence)."""
    confidence = P.record["target"].get("confidence")
    if not confidence:
        return _p(P.at_least)
    return text("brief.plan.target_confident", lang, target=_p(P.at_least), confidence=_p(confidence))


def _p(x: float) -> str:
    return fmt_pct(x)


# ---------------------------------------------------------------------- cover
def plan_cover(P: PlanFolder, lang: str) -> tuple[str, list[CoverNumber], str]:
    """(subtitle, cover numbers, the reading in plain words)."""
    r, v, c = P.record, P.record["verification"], P.record["chosen"]
    year, target = P.year, _target(P, lang)
    base = r["base"]
    search = r.get("search", {})
    objective = text(f"brief.plan.objective.{r['objective']['minimise']}", lang, year=year)
    county = text("brief.plan.county", lang, villages=P.villages) if P.villages else ""
    subtitle = text("brief.plan.subtitle", lang, name=r["plan"], target=target, year=year,
                    objective=objective, levers=len(P.levers), trials=search.get("trials", len(P.evaluations)),
                    replicates=search.get("replicates", c["replicates"]), seed=search.get("seed", "?"),
                    base=base, county=county)
    state = _state(P)
    low, high = v["interval_95"]
    met = int(P.evaluations["meets_target"].sum())
    numbers = [
        CoverNumber("cost", fmt_money_short(v["cost_yuan"], lang),
                    text("brief.plan.cover.cost_label", lang, objective=objective),
                    text("brief.plan.cover.cost_detail", lang, n=v["replicates"],
                         band=fmt_money_range(v["cost_p05_yuan"], v["cost_p95_yuan"], lang),
                         search=fmt_money(c["cost_yuan"], lang))),
        CoverNumber("verified_probability", _p(v["probability"]),
                    text("brief.plan.cover.p_label", lang, year=year),
                    text("brief.plan.cover.p_detail", lang, k=v["successes"], n=v["replicates"],
                         interval=fmt_pct_range(low, high), bound=_p(v["lower_bound_95_one_sided"]),
                         target=target)),
        CoverNumber("target", text("brief.plan.cover.target_value", lang, target=target),
                    text("brief.plan.cover.target_label", lang, year=year),
                    text("brief.plan.cover.target_detail", lang, met=met, tried=len(P.evaluations))),
    ]
    if state == "none":  # that no plan was found first, then the best found
        numbers = [CoverNumber("found", text("brief.plan.cover.none_value", lang),
                               text("brief.plan.cover.none_label", lang, target=target, year=year),
                               text("brief.plan.cover.none_detail", lang, tried=len(P.evaluations))),
                   numbers[1], numbers[0]]
    words = levers_in_words(c["levers"], lang)
    up, base_ref = r["references"]["upper_bounds"], r["references"].get("base_in_bounds")
    parts = [text(f"brief.plan.reading.{state}", lang, levers=words, target=target, year=year,
                  p=_p(v["probability"]), n=v["replicates"], seed=v["seed"],
                  interval=fmt_pct_range(low, high), bound=_p(v["lower_bound_95_one_sided"]),
                  cost=fmt_money(v["cost_yuan"], lang), search_p=_p(c["probability"]),
                  search_n=c["replicates"])]
    if c["adjusted"]:
        parts.append(text("brief.plan.reading.adjusted", lang, levers=levers_in_words(c["adjusted"], lang)))
    parts.append(text("brief.plan.reading.upper", lang, cost=fmt_money(up["cost_yuan"], lang),
                      p=_p(up["probability"]), n=up["replicates"]))
    if base_ref and base_ref["trial"] != up["trial"]:
        parts.append(text("brief.plan.reading.base", lang, base=base, cost=fmt_money(base_ref["cost_yuan"], lang),
                          p=_p(base_ref["probability"])))
    parts.append(text("brief.plan.reading.caveat", lang))
    sep = "" if lang == "zh" else " "
    return subtitle, numbers, sep.join(parts)


# ---------------------------------------------------------------------- the chart
def _money_scale(lang: str) -> tuple[float, str]:
    return (1e4, "万元") if lang == "zh" else (1e6, "million yuan")


def _unique_plans(e: pd.DataFrame) -> pd.DataFrame:
    """Each plan tried once (a plan the sampler asked again is a repeat)."""
    return e[~e["repeat_of_earlier"].astype(bool)] if "repeat_of_earlier" in e.columns else e


def frontier_chart(P: PlanFolder, lang: str) -> Chart:
    from vcsim.experiments.plan import frontier
    r, v, c = P.record, P.record["verification"], P.record["chosen"]
    year, target, state = P.year, _target(P, lang), _state(P)
    e = _unique_plans(P.evaluations)
    scale, unit = _money_scale(lang)
    low, high = v["interval_95"]
    cost = fmt_money(v["cost_yuan"], lang)
    title = text(f"brief.plan.chart.title_{state}", lang, target=target, year=year, cost=cost,
                 p=_p(v["probability"]))
    subtitle = text("brief.plan.chart.subtitle", lang, n=c["replicates"], vn=v["replicates"],
                    p=_p(v["probability"]), interval=fmt_pct_range(low, high),
                    bound=_p(v["lower_bound_95_one_sided"]))
    caption = text("brief.plan.chart.caption", lang, n=c["replicates"], seed=r["search"]["seed"],
                   vseed=v["seed"])
    up, base = r["references"]["upper_bounds"], r["references"].get("base_in_bounds")
    # the certainties near the target: a plan far below it (a lever at its lowest) would
    # squeeze the ones that matter into a corner; how many are left out is said
    x_low = max(0.0, min(P.at_least, low, up["probability"]) - 0.25)
    shown = e[e["probability"] >= x_low]
    if len(shown) < len(e):
        caption += text("brief.plan.chart.left_out", lang, count=len(e) - len(shown),
                        below=_p(x_low))
    objective_axis = text(f"brief.plan.chart.y.{r['objective']['minimise']}", lang, year=year, unit=unit)

    def draw(fig: Figure) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.ticker import PercentFormatter, StrMethodFormatter
        grid = fig.add_gridspec(2, 1, height_ratios=[0.22, 1.0])
        legend_ax = fig.add_subplot(grid[0])
        legend_ax.axis("off")
        ax = fig.add_subplot(grid[1])
        ax.scatter(shown["probability"], shown["cost_yuan"] / scale, s=28, color="#BBBBBB", zorder=2)
        f = frontier(e)
        f = f[f["probability"] >= x_low]
        # from the chart's left edge: any certainty up to the first point costs at least that
        steps = np.r_[x_low - 0.02, f["probability"]], np.r_[f["cost_yuan"].iloc[0], f["cost_yuan"]]
        ax.step(steps[0], steps[1] / scale, where="pre", color="#0072B2", lw=2.2, zorder=3)
        ax.scatter(f["probability"], f["cost_yuan"] / scale, s=36, color="#0072B2", zorder=3)
        ax.axvline(P.at_least, color="#D55E00", ls=(0, (5, 3)), lw=1.6, zorder=1)
        ax.scatter([up["probability"]], [up["cost_yuan"] / scale], marker="s", s=80,
                   facecolor="none", edgecolor="#333333", linewidth=1.6, zorder=4)
        if base and base["trial"] != up["trial"]:
            ax.scatter([base["probability"]], [base["cost_yuan"] / scale], marker="^", s=90,
                       facecolor="none", edgecolor="#333333", linewidth=1.6, zorder=4)
        ax.errorbar([v["probability"]], [v["cost_yuan"] / scale],
                    xerr=[[v["probability"] - low], [high - v["probability"]]],
                    yerr=[[(v["cost_yuan"] - v["cost_p05_yuan"]) / scale],
                          [(v["cost_p95_yuan"] - v["cost_yuan"]) / scale]],
                    fmt="*", ms=18, color="#009E73", ecolor="#009E73", elinewidth=2, capsize=5,
                    zorder=5)
        ax.set_xlim(x_low - 0.02, 1.02)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_ylim(0, max(float(shown["cost_yuan"].max()), v["cost_p95_yuan"], up["cost_yuan"]) / scale * 1.1)
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,g}"))
        ax.set_xlabel(text(f"brief.plan.chart.x.{r['target']['measure']}", lang, year=year))
        ax.set_ylabel(wrap_label(objective_axis, 30), labelpad=8)  # no longer than the axis
        _clean(ax)
        handles = [
            Line2D([], [], color="#BBBBBB", marker="o", linestyle="none", markersize=7,
                   label=text("brief.plan.chart.tried", lang, count=len(e), n=c["replicates"])),
            Line2D([], [], color="#0072B2", marker="o", lw=2.2, markersize=6,
                   label=text("brief.plan.chart.frontier", lang)),
            Line2D([], [], color="#D55E00", ls=(0, (5, 3)), lw=1.6,
                   label=text("brief.plan.chart.target", lang, target=target)),
            Line2D([], [], color="#009E73", marker="*", markersize=14, lw=2,
                   label=text("brief.plan.chart.chosen", lang, n=v["replicates"])),
            Line2D([], [], color="#333333", marker="s", markerfacecolor="none", linestyle="none",
                   markersize=8, label=text("brief.plan.chart.upper", lang)),
        ]
        if base and base["trial"] != up["trial"]:
            handles.append(Line2D([], [], color="#333333", marker="^", markerfacecolor="none",
                                  linestyle="none", markersize=9,
                                  label=text("brief.plan.chart.base", lang, base=r["base"])))
        legend_ax.legend(handles=handles, loc="center left", ncol=3 if len(handles) < 6 else 2,
                         frameon=False, fontsize="small", borderaxespad=0, columnspacing=1.6)

    return Chart("frontier", title, subtitle, caption, draw, size=(11.0, 6.8))


# ---------------------------------------------------------------------- the best plans
def best_plans(P: PlanFolder) -> pd.DataFrame:
    """The plans that met the target, cheapest first, then the others, likeliest first."""
    e = _unique_plans(P.evaluations)
    met = e[e["meets_target"].astype(bool)].sort_values(["cost_yuan", "probability"],
                                                        ascending=[True, False], kind="stable")
    rest = e[~e["meets_target"].astype(bool)].sort_values(["probability", "cost_yuan"],
                                                          ascending=[False, True], kind="stable")
    return pd.concat([met, rest]).head(BEST_ROWS)


def best_plans_page(P: PlanFolder, lang: str) -> TablePage:
    from vcsim.experiments.plan import exact_interval
    rows = best_plans(P)
    chosen = P.record["chosen"]["trial"]
    c = P.record["chosen"]
    columns = ([text("brief.plan.table.trial", lang)] + [_capital(lever_label(k, lang)) for k in P.levers]
               + [text("brief.plan.table.p", lang, n=c["replicates"]),
                  text("brief.plan.table.cost", lang), text("brief.plan.table.meets", lang)])
    body = []
    for r in rows.itertuples(index=False):
        values = dict(zip(rows.columns, r))
        lo, hi = exact_interval(int(values["successes"]), int(values["replicates"]))
        trial = int(values["trial"])
        body.append([text("brief.plan.table.chosen" if trial == chosen else "brief.plan.table.number",
                          lang, trial=trial)]
                    + [lever_value(k, values[f"lever:{k}"], lang) for k in P.levers]
                    + [f"{_p(values['probability'])} ({fmt_pct_range(lo, hi)})",
                       f"{fmt_money(values['cost_yuan'], lang)} "
                       f"({fmt_money_range(values['cost_p05_yuan'], values['cost_p95_yuan'], lang)})",
                       text("brief.plan.yes" if values["meets_target"] else "brief.plan.no", lang)])
    widths = [0.9] + [1.1] * len(P.levers) + [1.45, 2.35, 0.75]
    met = int(_unique_plans(P.evaluations)["meets_target"].sum())
    key = "title" if met >= len(body) else "title_mixed" if met else "title_none"
    title = text(f"brief.plan.table.{key}", lang, shown=len(body), met=met, rest=len(body) - met,
                 target=_target(P, lang))
    subtitle = text("brief.plan.table.subtitle", lang, n=c["replicates"], seed=P.record["search"]["seed"],
                    tried=len(_unique_plans(P.evaluations)))
    note = text("brief.plan.table.note", lang)
    return TablePage(title, subtitle, [TextTable(columns, body, widths)], note)


# ---------------------------------------------------------------------- how to run best.toml
def _base_for_commands(P: PlanFolder) -> str:
    """The base scenario as a command names it: a shipped scenario by its name, another by
    the path best.toml extends (relative to where the brief was made)."""
    from vcsim.experiments.scenario import SCENARIO_DIR
    extends = next((line.split("=", 1)[1].strip().strip('"') for line in P.best_toml.splitlines()
                    if line.startswith("extends")), None)
    if extends:
        path = (P.root / extends).resolve()
        if path == (SCENARIO_DIR / f"{path.stem}.toml").resolve():
            return path.stem
        return os.path.relpath(path)
    return str(P.record["base"])


def how_to_page(P: PlanFolder, lang: str, folder_as_typed: Path) -> TextPage:
    best = (Path(folder_as_typed) / "best.toml").as_posix()
    roster = P.record.get("roster")
    roster_arg = f" --roster {Path(roster).as_posix()}" if roster else ""
    base = _base_for_commands(P)
    check = f"results/{P.record['plan']}-check"
    lines = P.best_toml.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    settings = "\n".join(line for line in lines[first:] if line.strip())  # the levers' sections
    blocks = [("text", text("brief.plan.howto.run", lang)),
              ("code", f"vcsim run {best}{roster_arg} --replicates 100 --engine vector"),
              ("text", text("brief.plan.howto.compare", lang, base=base)),
              ("code", f"vcsim compare {base} {best}{roster_arg} --replicates 100 --out {check}\n"
                       f"vcsim brief {check}"),
              ("text", text("brief.plan.howto.file", lang)),
              ("code", settings or "-"),
              ("text", text("brief.plan.howto.files", lang))]
    if roster:
        blocks.insert(1, ("text", text("brief.plan.howto.roster", lang, roster=Path(roster).as_posix())))
    return TextPage(text("brief.plan.howto.title", lang), text("brief.plan.howto.subtitle", lang),
                    blocks)


# ---------------------------------------------------------------------- key figures
def plan_key_figures(P: PlanFolder, lang: str) -> pd.DataFrame:
    """key_figures.csv of a plan: every figure with its raw value, band or interval and
    the text the pack prints (columns as the scenario brief's)."""
    r, v, c = P.record, P.record["verification"], P.record["chosen"]
    year = P.year
    span = f"{2019}–{year}"
    band90 = text("brief.plan.fig.band90", lang, n=c["replicates"])
    vband = text("brief.plan.fig.band90", lang, n=v["replicates"])
    exact = text("brief.plan.fig.exact", lang)
    rows = []

    def add(measure, label, yr, unit, mean, low, high, interval, shown):
        rows.append([r["plan"], r["plan"], measure, label, yr, unit, mean, low, high, interval, shown])

    add("target_probability", text("brief.plan.fig.target", lang, year=year), str(year), "share",
        P.at_least, None, None, "", _target(P, lang))
    for k, value in {**c["levers"], **c["adjusted"]}.items():
        add(f"lever:{k}", _capital(lever_label(k, lang)), "", "value", float(value), None, None, "",
            lever_value(k, value, lang))
    add("verified_cost_yuan", text("brief.plan.fig.verified_cost", lang), span, "yuan", v["cost_yuan"],
        v["cost_p05_yuan"], v["cost_p95_yuan"], vband,
        f"{fmt_money(v['cost_yuan'], lang)} ({fmt_money_range(v['cost_p05_yuan'], v['cost_p95_yuan'], lang)})")
    add("verified_probability", text("brief.plan.fig.verified_p", lang, year=year), str(year), "share",
        v["probability"], *v["interval_95"], exact,
        f"{_p(v['probability'])} ({fmt_pct_range(*v['interval_95'])})")
    add("verified_lower_bound_95", text("brief.plan.fig.bound", lang), str(year), "share",
        v["lower_bound_95_one_sided"], None, None, "", _p(v["lower_bound_95_one_sided"]))
    add("search_cost_yuan", text("brief.plan.fig.search_cost", lang), span, "yuan", c["cost_yuan"],
        c["cost_p05_yuan"], c["cost_p95_yuan"], band90,
        f"{fmt_money(c['cost_yuan'], lang)} ({fmt_money_range(c['cost_p05_yuan'], c['cost_p95_yuan'], lang)})")
    add("search_probability", text("brief.plan.fig.search_p", lang, n=c["replicates"]), str(year), "share",
        c["probability"], None, None, "", _p(c["probability"]))
    for ref in ("upper_bounds", "base_in_bounds"):
        b = r["references"].get(ref)
        if b:
            add(f"{ref}_cost_yuan", text(f"brief.plan.fig.{ref}_cost", lang), span, "yuan", b["cost_yuan"],
                b["cost_p05_yuan"], b["cost_p95_yuan"], band90, fmt_money(b["cost_yuan"], lang))
            add(f"{ref}_probability", text(f"brief.plan.fig.{ref}_p", lang), str(year), "share",
                b["probability"], None, None, "", _p(b["probability"]))
    e = _unique_plans(P.evaluations)
    add("plans_tried", text("brief.plan.fig.tried", lang), "", "plans", float(len(e)), None, None, "",
        str(len(e)))
    add("plans_meeting_target", text("brief.plan.fig.met", lang), "", "plans",
        float(e["meets_target"].sum()), None, None, "", str(int(e["meets_target"].sum())))
    return pd.DataFrame(rows, columns=CSV_HEADERS[lang])


def evaluations_sheet(P: PlanFolder, lang: str) -> pd.DataFrame:
    """evaluations.parquet for people: every plan tried, its levers in words."""
    e = P.evaluations.sort_values("trial")
    out = pd.DataFrame({text("brief.plan.table.trial", lang): e["trial"].astype(int)})
    for k in P.levers:
        out[_capital(lever_label(k, lang))] = [lever_value(k, x, lang) for x in e[f"lever:{k}"]]
    for column in ("probability", "probability_lower_95", "cost_yuan", "cost_p05_yuan",
                   "cost_p95_yuan", "meets_target"):
        out[text(f"brief.plan.sheet.{column}", lang)] = e[column].to_numpy()
    return out


# ---------------------------------------------------------------------- the pack
def make_plan_brief(root: Path, lang: str, year: int | None, out: Path | None, warn):
    """Write the pack of a ``vcsim plan`` folder; see the module docstring."""
    from vcsim.experiments.brief.core import BriefOutput, default_out
    from vcsim.experiments.brief.document import (cover_figure, table_page_figures,
                                                  text_page_figure, write_pdf, write_pptx)
    from vcsim.experiments.brief.fonts import prepare_font
    from vcsim.experiments.brief.render import DPI, chart_style, png_bytes, render, texts_of
    from vcsim.experiments.store import atomic_write
    P = load_plan_folder(root)
    if year is not None and year != P.year:
        raise InputError("brief.plan_year", folder=root, year=year, target=P.year)
    font = prepare_font(P.record["plan"] + P.record["base"], lang)
    notes: list = []
    if not font.cjk and lang == "zh":
        warn(text("brief.no_cjk_font"))
        lang = "en"
    out = Path(out) if out else default_out(root, lang)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("file.cannot_create_folder", file=out, reason=exc.strerror) from None

    title = text("brief.plan.title", lang)
    today = _dt.date.today().isoformat()
    footer = text("brief.plan.footer", lang, today=today, folder=root)
    files, texts = [], {}
    with chart_style(font.family):
        chart = frontier_chart(P, lang)
        fig = render(chart, "png")
        data = png_bytes(fig, DPI)
        atomic_write(out / CHART_FILE, lambda f: f.write(data))
        files.append(out / CHART_FILE)
        texts["frontier"] = texts_of(fig)
        slide_png = png_bytes(render(chart, "slide"), DPI)
        chart_page = render(chart, "pdf", caption_footer=title)
        subtitle, numbers, paragraph = plan_cover(P, lang)
        cover, _ = cover_figure(title, subtitle, numbers, paragraph, footer)
        best_page, how_page = best_plans_page(P, lang), how_to_page(P, lang, root)
        pages = [chart_page, *table_page_figures(best_page, title), text_page_figure(how_page, title)]
        meta = {"Title": title, "Subject": subtitle, "Creator": "vcsim brief"}
        texts["pdf"] = write_pdf(out / "brief.pdf", cover, pages, [], meta)
    files.append(out / "brief.pdf")
    with chart_style(font.family):
        write_pptx(out / "brief.pptx", lang, title, subtitle, numbers, paragraph,
                   [(chart.title, chart.subtitle, chart.caption, slide_png)], None, "",
                   pages=[best_page, how_page])
    files.append(out / "brief.pptx")

    frame = plan_key_figures(P, lang)
    atomic_write(out / "key_figures.csv", lambda f: frame.to_csv(f, index=False, encoding="utf-8-sig"))
    files.append(out / "key_figures.csv")
    head = CSV_HEADERS[lang]
    wide = frame[[head[3], head[4], head[10]]]
    people = frame.drop(columns=[head[2]])
    people[head[5]] = people[head[5]].map(lambda u: unit_word(u, lang))
    from vcsim.experiments.brief.core import _write_xlsx
    from vcsim.experiments.brief.texts import Tr
    _write_xlsx(out / "key_figures.xlsx", wide, people, Tr(lang),
                {text("brief.plan.sheet.name", lang): evaluations_sheet(P, lang)})
    files.append(out / "key_figures.xlsx")
    manifest = {"results": str(root), "kind": "plan", "lang": lang, "year": P.year,
                "font": str(font.source), "state": _state(P),
                "charts": [{"file": CHART_FILE, "key": chart.key, "title": chart.title,
                            "subtitle": chart.subtitle, "caption": chart.caption}],
                "skipped": [], "notes": []}
    atomic_write(out / "brief.json", lambda f: f.write(
        json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")))
    files.append(out / "brief.json")
    missing = font.missing_chars(t for v in texts.values() for t in v)
    if missing:
        notes.append(Msg("brief.note.missing_glyphs", family=font.family, chars="".join(sorted(missing))))
    notes = [str(n) for n in notes]
    for n in notes:
        warn(n)
    return BriefOutput(out=out, lang=lang, year=P.year, font=font, charts=[chart], skipped=[],
                       files=files, texts=texts, notes=notes, missing_glyphs=missing)
