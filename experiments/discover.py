"""``vcsim discover``: where in parameter space does an outcome happen? (scenario discovery)

Given a finished sweep and an outcome written over its outputs, for example
``"zero_income_villages[2021] > 0"`` (the plan fails: a village is left at zero income
at the end of 2021), every run is labelled by whether the outcome happens, and two
methods describe the region of the swept parameters where it does:

* PRIM (the Patient Rule Induction Method; Friedman and Fisher 1999), from the EMA
  Workbench (``ema_workbench.analysis.prim``, Kwakkel 2017): a box, a range per
  parameter, peeled until the outcome is frequent inside it. The box reported is the
  one on the peeling trajectory with the most coverage among those whose density reaches
  ``--density`` (default 0.8), else the densest;
* CART (scikit-learn's ``DecisionTreeClassifier``), a second view: the leaves of a
  shallow tree where the outcome is the majority, each a box.

For each box: **coverage** (the share of the runs with the outcome that fall inside
it) and **density** (the share of the runs inside it that have the outcome), and mass
(the share of all runs inside it). Runs, not points, are the cases: a point whose
replicates disagree contributes both ways.

Outputs in ``--out`` (default ``SWEEP_DIR/discover``): ``discover.json`` (the boxes, the
PRIM peeling trajectory, the outcome), ``boxes.csv`` (one row per box and restricted
parameter: the table for a brief), ``discover.png`` (the runs over the two parameters
PRIM restricts most, with its box) and ``provenance.json``.

Outcome expressions are parsed with :mod:`ast` and evaluated over an allow-list: outputs
indexed by a year (``gini[2025]``), numbers, ``+ - * /``, comparisons, ``and``, ``or``,
``not`` and parentheses. Nothing else is accepted, so no code runs.
"""

from __future__ import annotations

import ast
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vcsim.experiments.errors import InputError, did_you_mean_msg

if TYPE_CHECKING:  # (numpy is imported where it is used: the command starts fast)
    import numpy as np

DEFAULT_DENSITY = 0.8
CART_DEPTH = 3

_COMPARE = {ast.Lt: "__lt__", ast.LtE: "__le__", ast.Gt: "__gt__", ast.GtE: "__ge__",
            ast.Eq: "__eq__", ast.NotEq: "__ne__"}
_ARITH = {ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.Div: "__truediv__"}


# ------------------------------------------------------------------------------ outcome


@dataclass
class Outcome:
    """A parsed outcome expression and the (output, year) pairs it reads."""
    text: str
    tree: ast.Expression
    references: list[tuple[str, int]]

    def evaluate(self, table) -> np.ndarray:
        """True/False per row of ``table`` (columns named ``(output, year)``)."""
        import numpy as np
        value = _eval(self.tree.body, table)
        return np.asarray(value, dtype=bool)


def parse_outcome(text: str, outputs: list[str], years: list[int], where: str) -> Outcome:
    """Parse and check an outcome expression against a sweep's outputs and years."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise InputError("discover.bad_expression", expression=text, where=where,
                         reason=exc.msg or "syntax") from None
    refs: list[tuple[str, int]] = []
    _check(tree.body, text, refs, outputs, years, where)
    if not refs:
        raise InputError("discover.no_reference", expression=text, where=where)
    if not isinstance(tree.body, (ast.Compare, ast.BoolOp)) and not (
            isinstance(tree.body, ast.UnaryOp) and isinstance(tree.body.op, ast.Not)):
        raise InputError("discover.not_a_condition", expression=text, where=where)
    return Outcome(text, tree, list(dict.fromkeys(refs)))


def _check(node, text, refs, outputs, years, where) -> None:
    def refuse(what):
        raise InputError("discover.not_allowed", expression=text, where=where, what=what)

    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check(v, text, refs, outputs, years, where)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.Not, ast.USub, ast.UAdd)):
            refuse(type(node.op).__name__)
        _check(node.operand, text, refs, outputs, years, where)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE:
                refuse(type(op).__name__)
        for v in (node.left, *node.comparators):
            _check(v, text, refs, outputs, years, where)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _ARITH:
            refuse(type(node.op).__name__)
        _check(node.left, text, refs, outputs, years, where)
        _check(node.right, text, refs, outputs, years, where)
    elif isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            refuse(repr(node.value))
    elif isinstance(node, ast.Subscript):
        if not isinstance(node.value, ast.Name):
            refuse(ast.unparse(node))
        name = node.value.id
        year = node.slice
        if not (isinstance(year, ast.Constant) and isinstance(year.value, int)
                and not isinstance(year.value, bool)):
            raise InputError("discover.bad_year", expression=text, where=where, output=name,
                             year=ast.unparse(year), years=_span(years))
        if name not in outputs:
            raise InputError("discover.unknown_output", expression=text, where=where, output=name,
                             hint=did_you_mean_msg(name, outputs), accepted=", ".join(outputs))
        if year.value not in years:
            raise InputError("discover.bad_year", expression=text, where=where, output=name,
                             year=year.value, years=_span(years))
        refs.append((name, year.value))
    elif isinstance(node, ast.Name):
        raise InputError("discover.needs_year", expression=text, where=where, output=node.id,
                         example=f"{node.id}[{years[-1]}]")
    else:
        refuse(type(node).__name__)


def _span(years) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])


def _eval(node, table):
    import numpy as np
    if isinstance(node, ast.BoolOp):
        values = [np.asarray(_eval(v, table), dtype=bool) for v in node.values]
        out = values[0]
        for v in values[1:]:
            out = (out & v) if isinstance(node.op, ast.And) else (out | v)
        return out
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, table)
        if isinstance(node.op, ast.Not):
            return ~np.asarray(v, dtype=bool)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Compare):
        out = None
        left = _eval(node.left, table)
        for op, right_node in zip(node.ops, node.comparators):
            right = _eval(right_node, table)
            part = np.asarray(getattr(np.asarray(left, dtype=float), _COMPARE[type(op)])(right))
            out = part if out is None else (out & part)
            left = right
        return out
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, table), _eval(node.right, table)
        return getattr(np.asarray(a, dtype=float), _ARITH[type(node.op)])(b)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Subscript):
        return table[(node.value.id, node.slice.value)].to_numpy(float)
    raise AssertionError(f"unchecked node {node!r}")  # _check refused it already


# ------------------------------------------------------------------------------ the sweep


def read_sweep(folder: Path, outcome_text: str):
    """(manifest, x: one row per run with the parameters, outcome per run, Outcome)."""
    import numpy as np

    from vcsim.experiments.store import MANIFEST, POINTS, ResultsStore, read_parquet, read_runs
    folder = Path(folder)
    manifest = ResultsStore(folder).read_manifest()
    if manifest is None:
        raise InputError("discover.not_a_sweep", folder=folder, file=MANIFEST)
    parts = sorted((folder / "runs").glob("part-*.parquet")) if (folder / "runs").is_dir() else []
    if not parts or not (folder / POINTS).is_file():
        raise InputError("discover.no_runs", folder=folder)
    outputs, years = list(manifest.get("outputs", [])), list(manifest.get("years", []))
    outcome = parse_outcome(outcome_text, outputs, years, str(folder))
    names = sorted({o for o, _ in outcome.references})
    runs = read_runs(folder, columns=names, years=sorted({y for _, y in outcome.references}))
    wide = runs.pivot_table(index=["point", "replicate"], columns="year", values=names, aggfunc="first")
    happens = outcome.evaluate(wide)
    # the parameters of each run's point
    points = read_parquet(folder / POINTS)
    parameters = list(manifest.get("parameters") or [c for c in points.columns if c != "point"])
    index = wide.index.to_frame(index=False)
    x = index.merge(points, on="point", how="left")[parameters]
    for c in x.columns:  # booleans as 0/1: both methods need numbers
        if x[c].dtype == bool:
            x[c] = x[c].astype("int64")
    return manifest, x.reset_index(drop=True), np.asarray(happens, dtype=bool), outcome, index


# ------------------------------------------------------------------------------ PRIM and CART


def box_stats(x, y, limits: dict[str, tuple[float, float]]) -> dict:
    """Coverage, density and mass of a box (parameter -> (low, high), inclusive)."""
    import numpy as np
    inside = np.ones(len(x), dtype=bool)
    for name, (low, high) in limits.items():
        v = x[name].to_numpy(float)
        inside &= (v >= low) & (v <= high)
    hits = int(y.sum())
    n_in = int(inside.sum())
    return {"coverage": float((y & inside).sum() / hits) if hits else math.nan,
            "density": float((y & inside).sum() / n_in) if n_in else math.nan,
            "mass": float(n_in / len(x)), "runs_inside": n_in}


def prim_box(x, y, density: float = DEFAULT_DENSITY) -> tuple[dict, list[dict]]:
    """PRIM's box (see the module docstring) and its peeling trajectory."""
    import logging
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "ipyparallel not installed": not used here
        from ema_workbench.analysis import prim
    logging.getLogger("EMA").setLevel(logging.WARNING)
    x = x.astype(float)
    # Prim's threshold both marks the cases of interest (y >= threshold: for 0/1 outcomes any
    # value in (0, 1] marks the ones) and is the density the final box must reach to be kept
    # rather than replaced by the whole space; the overall share keeps every peeled box, and
    # the box is chosen from the trajectory below
    alg = prim.Prim(x, y.astype(int), threshold=float(y.mean()))
    box = alg.find_box()
    trajectory = box.peeling_trajectory
    steps = []
    for i, row in trajectory.iterrows():
        lims = box.box_lims[i]
        restricted = {c: (float(lims[c].iloc[0]), float(lims[c].iloc[1])) for c in x.columns
                      if (lims[c].iloc[0] > x[c].min()) or (lims[c].iloc[1] < x[c].max())}
        steps.append({"step": int(i), "coverage": float(row["coverage"]),
                      "density": float(row["density"]), "mass": float(row["mass"]),
                      "limits": restricted})
    meeting = [s for s in steps if s["density"] >= density]
    chosen = max(meeting, key=lambda s: (s["coverage"], -s["step"])) if meeting else \
        max(steps, key=lambda s: (s["density"], s["coverage"]))
    return {**chosen, **box_stats(x, y, chosen["limits"]), "method": "prim",
            "density_target": density, "meets_target": bool(meeting)}, steps


def cart_boxes(x, y, depth: int = CART_DEPTH, seed: int = 0) -> list[dict]:
    """The leaves of a shallow classification tree where the outcome is the majority,
    as boxes (scikit-learn's ``DecisionTreeClassifier``), densest first."""
    from sklearn.tree import DecisionTreeClassifier
    tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=max(5, len(x) // 50),
                                  random_state=seed).fit(x.to_numpy(float), y)
    t = tree.tree_
    names = list(x.columns)
    lows = {c: float(x[c].min()) for c in names}
    highs = {c: float(x[c].max()) for c in names}
    boxes = []

    def walk(node, limits):
        if t.children_left[node] == -1:  # a leaf
            counts = t.value[node][0]
            if len(counts) > 1 and counts[1] > counts[0]:
                restricted = {c: lim for c, lim in limits.items() if lim != (lows[c], highs[c])}
                boxes.append({"method": "cart", "limits": restricted,
                              **box_stats(x, y, restricted)})
            return
        name, cut = names[t.feature[node]], float(t.threshold[node])
        low, high = limits[name]
        # sklearn sends x <= cut left; the nearest value above the cut bounds the right
        above = x[name].to_numpy(float)
        above = float(above[above > cut].min()) if (above > cut).any() else cut
        walk(t.children_left[node], {**limits, name: (low, min(high, cut))})
        walk(t.children_right[node], {**limits, name: (max(low, above), high)})

    walk(0, {c: (lows[c], highs[c]) for c in names})
    boxes.sort(key=lambda b: (-b["density"], -b["coverage"]))
    for k, b in enumerate(boxes, 1):
        b["box"] = k
    return boxes


# ------------------------------------------------------------------------------ running


def discover(folder: Path, outcome_text: str, out: Path | None = None, *,
             density: float = DEFAULT_DENSITY, lang: str | None = None) -> dict:
    """Find where the outcome happens in a sweep; write the outputs and return the result."""
    import pandas as pd

    from vcsim.experiments.messages import language
    from vcsim.experiments.provenance import write_provenance
    from vcsim.experiments.store import json_ready, write_json
    if not 0 < density <= 1:
        raise InputError("discover.bad_density", value=density)
    folder = Path(folder)
    manifest, x, y, outcome, index = read_sweep(folder, outcome_text)
    hits = int(y.sum())
    if hits == 0 or hits == len(y):
        raise InputError("discover.constant_outcome", expression=outcome_text, where=str(folder),
                         runs=len(y), share=hits / len(y))
    out = Path(out) if out is not None else folder / "discover"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError("discover.cannot_write", folder=out, reason=exc.strerror) from None
    prim_result, trajectory = prim_box(x, y, density)
    cart = cart_boxes(x, y)
    result = {
        "sweep": str(folder), "outcome": outcome_text,
        "references": [{"output": o, "year": yr} for o, yr in outcome.references],
        "runs": int(len(y)), "runs_with_outcome": hits, "share_with_outcome": hits / len(y),
        "parameters": list(x.columns),
        "prim": prim_result, "prim_trajectory": trajectory, "cart": cart,
        "definitions": {
            "coverage": "share of the runs with the outcome that fall inside the box",
            "density": "share of the runs inside the box that have the outcome",
            "mass": "share of all runs inside the box",
        },
    }
    rows = []
    for b in [prim_result, *cart]:
        label = "PRIM" if b["method"] == "prim" else f"CART {b['box']}"
        for name, (low, high) in (b["limits"] or {"(none)": (math.nan, math.nan)}).items():
            rows.append({"method": b["method"], "box": label, "parameter": name, "low": low,
                         "high": high, "coverage": b["coverage"], "density": b["density"],
                         "mass": b["mass"]})
    pd.DataFrame(rows).to_csv(out / "boxes.csv", index=False)
    write_json(out / "discover.json", json_ready(result))
    draw_chart(out / "discover.png", x, y, index, prim_result, outcome_text, lang or language())
    base = manifest.get("base_scenario") or {}
    write_provenance(out, scenarios={base["name"]: base.get("overrides", {})} if base else None,
                     seed=manifest.get("experiment", {}).get("seed"), engine=manifest.get("engine"),
                     extra={"sweep": str(folder), "experiment_hash": manifest.get("experiment_hash"),
                            "outcome": outcome_text})
    return result


def draw_chart(path: Path, x, y, index, box: dict, outcome: str, lang: str) -> None:
    """The runs over the two parameters PRIM restricts most (share of replicates with the
    outcome per point, as colour), and the PRIM box."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from matplotlib.patches import Rectangle

    from vcsim.experiments.brief.fonts import find_cjk_font
    cjk = find_cjk_font()  # a PNG needs no embedding: the installed CJK face as it is
    zh = lang == "zh" and cjk is not None
    if cjk is not None:
        plt.rcParams["font.family"] = "sans-serif"
        plt.rcParams["font.sans-serif"] = [cjk.name, "DejaVu Sans"]
    names = list(box["limits"]) + [c for c in x.columns if c not in box["limits"]]
    # restricted parameters first, the most narrowed first
    span = {c: x[c].max() - x[c].min() for c in x.columns}
    names.sort(key=lambda c: (c not in box["limits"],
                              (box["limits"][c][1] - box["limits"][c][0]) / span[c]
                              if c in box["limits"] and span[c] else 1.0))
    px = names[0]
    py = names[1] if len(names) > 1 else None
    frame = pd.DataFrame({"point": index["point"].to_numpy(), "y": y, px: x[px].to_numpy()})
    if py:
        frame[py] = x[py].to_numpy()
    per_point = frame.groupby("point").agg({"y": "mean", px: "first", **({py: "first"} if py else {})})
    fig, ax = plt.subplots(figsize=(7.5, 5.5), dpi=150)
    yy = per_point[py] if py else np.zeros(len(per_point))
    sc = ax.scatter(per_point[px], yy, c=per_point["y"], cmap="RdYlBu_r", vmin=0, vmax=1, s=14,
                    edgecolors="none")
    cb = fig.colorbar(sc, ax=ax)
    cb.set_label("结果发生的重复占比" if zh else "share of replicates with the outcome")
    lx = box["limits"].get(px, (x[px].min(), x[px].max()))
    ly = box["limits"].get(py, (float(yy.min()), float(yy.max()))) if py else (-0.5, 0.5)
    ax.add_patch(Rectangle((lx[0], ly[0]), lx[1] - lx[0], ly[1] - ly[0], fill=False,
                           edgecolor="black", linewidth=2))
    ax.set_xlabel(_label(px, zh))
    ax.set_ylabel(_label(py, zh) if py else "")
    title = (f"PRIM 框：覆盖 {box['coverage']:.0%} 的结果，框内发生率 {box['density']:.0%}"
             if zh else f"PRIM box: covers {box['coverage']:.0%} of the outcome, "
                        f"{box['density']:.0%} of runs inside have it")
    ax.set_title(title, fontsize=11)
    fig.text(0.01, 0.01, ("结果：" if zh else "outcome: ") + outcome, fontsize=8, color="#444444")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path)
    plt.close(fig)


def _label(name: str, zh: bool) -> str:
    from vcsim.model.parameters import PARAMETERS
    p = PARAMETERS.get(name)
    return f"{name} ({p.unit})" if p is not None and p.unit not in ("-", "") else name


def format_result(result: dict) -> str:
    from vcsim.experiments.messages import text
    lines = [text("discover.header", outcome=result["outcome"], hits=result["runs_with_outcome"],
                  runs=result["runs"], share=result["share_with_outcome"])]
    for b in [result["prim"], *result["cart"]]:
        label = "PRIM" if b["method"] == "prim" else f"CART {b['box']}"
        lines.append(text("discover.box", label=label, coverage=b["coverage"], density=b["density"],
                          mass=b["mass"]))
        for name, (low, high) in b["limits"].items():
            lines.append(f"      {name:<48} {low:>12.4g} .. {high:<12.4g}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ command line


def add_command(sub) -> None:
    p = sub.add_parser("discover", help="scenario discovery: where in a sweep's parameter space "
                       "an outcome happens (PRIM and CART boxes)")
    p.add_argument("sweep", type=Path, metavar="SWEEP_DIR", help="a finished vcsim sweep folder")
    p.add_argument("--outcome", required=True,
                   help="a condition on the sweep's outputs by year, e.g. "
                        "\"zero_income_villages[2021] > 0\"")
    p.add_argument("--out", "-o", type=Path, help="output folder (default SWEEP_DIR/discover)")
    p.add_argument("--density", type=float, default=DEFAULT_DENSITY,
                   help=f"PRIM: the density a box must reach (default {DEFAULT_DENSITY})")
    p.add_argument("--quiet", "-q", action="store_true", help="no table")
    p.set_defaults(handler=cmd_discover)


def cmd_discover(args) -> int:
    result = discover(args.sweep, args.outcome, args.out, density=args.density)
    if not args.quiet:
        print(format_result(result))
        out = args.out or Path(args.sweep) / "discover"
        print(f"{out}/")
    return 0


if __name__ == "__main__":  # pragma: no cover
    from vcsim.experiments.cli import main
    sys.exit(main(["discover", *sys.argv[1:]]))
