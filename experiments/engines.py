"""The simulation engines, and the one place where one is chosen.

``ENGINES`` is the registry: each engine turns a list of runs, each ``(params,
replicate)``, into :class:`Results`, the same tables (columns and types of
``model.outputs``) whatever the engine. Every experiment (``vcsim run``, ``compare``,
``sweep``, ``bench``, the dashboard's replicates) runs through :func:`simulate_runs` or
its shorthands :func:`simulate` and :func:`simulate_detail`, never through a model class,
so a new engine is one class registered here. An engine must give the same numbers for
the same parameters, seed and replicate, whatever process runs it and whatever else is
in the batch.

- ``agents``: the Mesa agent model (``model.CollectiveEconomyModel``), the readable
  reference, one run at a time;
- ``vector``: the array engine (``model.vector.VectorEngine``), the same numbers,
  faster: runs whose parameters differ in anything but ``simulation.end_year`` go
  through it as one batch (the replicates of a point, many sweep points, several
  scenarios), in batches of about two million village states.

This module imports nothing heavy, so the command line can list the engines quickly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.experiments.messages import items

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

DEFAULT_ENGINE = "vector"  # for compare and sweep; `vcsim run` defaults to the agents
VILLAGE_STATES_PER_BATCH = 2_000_000  # vector engine: replicates x villages run together


@dataclass
class Results(Sequence):
    """The tables of a list of runs, each run's rows together and the runs in the order
    given. ``results[k]`` is run k's annual table without its ``replicate`` column (as
    ``simulate`` gives it); ``annual``, ``villages`` and ``projects`` hold every run's
    rows (the latter two only with ``detail``), and ``run_of[table]`` the run each row
    belongs to; ``initial_zero_income_share[k]``: run k's share of villages with zero
    income before the programme."""

    annual: pd.DataFrame
    villages: pd.DataFrame | None
    projects: pd.DataFrame | None
    run_of: dict[str, np.ndarray]
    initial_zero_income_share: np.ndarray

    def __len__(self) -> int:
        return len(self.initial_zero_income_share)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if not -len(self) <= k < len(self):
            raise IndexError(k)
        return self.rows("annual", k % len(self)).drop(columns="replicate")

    def rows(self, table: str, k: int) -> pd.DataFrame:
        """Run k's rows of ``table`` (annual, villages or projects), indexed from 0."""
        import numpy as np
        run = self.run_of[table]
        lo, hi = np.searchsorted(run, k, "left"), np.searchsorted(run, k, "right")
        return getattr(self, table).iloc[lo:hi].reset_index(drop=True)

    @staticmethod
    def concat(parts: list[Results]) -> Results:
        """Results of consecutive lists of runs, as one."""
        import numpy as np
        import pandas as pd
        offsets = np.cumsum([0] + [len(p) for p in parts[:-1]])

        def stack(table):
            frames = [getattr(p, table) for p in parts]
            if frames[0] is None:
                return None
            nonempty = [f for f in frames if len(f)] or frames[:1]
            return pd.concat(nonempty, ignore_index=True)

        return Results(stack("annual"), stack("villages"), stack("projects"),
                       {t: np.concatenate([p.run_of[t] + o for p, o in zip(parts, offsets)])
                        for t in parts[0].run_of},
                       np.concatenate([p.initial_zero_income_share for p in parts]))


class Engine:
    """A simulation engine: ``run`` gives the :class:`Results` of a list of runs."""

    name = ""
    title = ""

    def run(self, runs: list[tuple], roster: pd.DataFrame, seed: int, detail: bool) -> Results:
        raise NotImplementedError

    def seconds_per_run(self, n_villages: int, n_years: int) -> float:
        """Rough wall time of one run on one core, used only to size work chunks."""
        raise NotImplementedError

    def warm_up(self, roster: pd.DataFrame) -> None:
        """Load what the first run would load (a worker process calls it as it starts)."""


class AgentEngine(Engine):
    name = "agents"
    title = "the Mesa agent model, the readable reference"

    def run(self, runs, roster, seed, detail):
        import numpy as np
        from vcsim.model import CollectiveEconomyModel
        parts = []
        for params, replicate in runs:
            model = CollectiveEconomyModel(roster, params, replicate=replicate, seed=seed).run()
            annual = model.annual_frame()
            villages = model.village_frame() if detail else None
            projects = model.project_frame() if detail else None
            parts.append(Results(annual, villages, projects,
                                 {"annual": np.zeros(len(annual), int),
                                  **({"villages": np.zeros(len(villages), int),
                                      "projects": np.zeros(len(projects), int)} if detail else {})},
                                 np.array([model.initial_zero_income_share()])))
        return Results.concat(parts)

    def seconds_per_run(self, n_villages, n_years):
        return 0.3 * max(n_villages, 1) / 210 * max(n_years, 1) / 7  # 0.3 s: default county


class VectorEngine(Engine):
    name = "vector"
    title = "the array engine, the same numbers, much faster"

    def run(self, runs, roster, seed, detail):
        import numpy as np
        from vcsim.model.vector import VectorEngine as Vector
        _note_first_compile()
        # runs of one length go together, in batches of bounded memory
        by_length: dict[int, list[int]] = {}
        for k, (params, _) in enumerate(runs):
            by_length.setdefault(params.simulation.end_year, []).append(k)
        size = max(1, VILLAGE_STATES_PER_BATCH // max(len(roster), 1))
        batches = [ks[i:i + size] for ks in by_length.values() for i in range(0, len(ks), size)]
        parts = []
        for ks in batches:
            engine = Vector(roster, [runs[k][0] for k in ks], seed, [runs[k][1] for k in ks],
                            keep_villages=detail).run()
            parts.append(Results(
                engine.annual_frame(), engine.village_frame() if detail else None,
                engine.project_frame() if detail else None,
                {t: engine.rows_of(t) for t in (("annual", "villages", "projects") if detail else ("annual",))},
                engine.initial_zero_income_shares()))
        results = Results.concat(parts)
        order = np.concatenate(batches)
        if (np.diff(order) < 0).any():  # runs of several lengths: back to the order given
            results = _reordered(results, order)
        return results

    def seconds_per_run(self, n_villages, n_years):
        return AgentEngine().seconds_per_run(n_villages, n_years) / 100

    def warm_up(self, roster):
        """Load the compiled kernels from numba's cache: one village for a year."""
        from vcsim.model.parameters import make_params
        from vcsim.model.vector import VectorEngine as Vector
        Vector(roster.iloc[:1], make_params({"simulation.end_year": 2019}), 0, [0], keep_villages=False).run()


_first_compile_noted = False


def _note_first_compile() -> None:
    """Tell the person at the terminal, once, that this run compiles the array engine
    (about a minute, the first time these sources run): otherwise a progress bar stands
    still with an estimate of half an hour. Only the main process speaks, and only to a
    terminal (pipes, logs and tests get no note)."""
    global _first_compile_noted
    if _first_compile_noted:
        return
    _first_compile_noted = True
    import multiprocessing
    import sys
    if multiprocessing.parent_process() is not None or not sys.stderr.isatty():
        return
    from vcsim.compiled import is_compiled
    if not is_compiled("vector_kernels", "advance"):  # what a run calls
        from tqdm import tqdm

        from vcsim.experiments.messages import text
        tqdm.write(text("engine.compiling"), file=sys.stderr)  # above a running bar


ENGINES: dict[str, Engine] = {e.name: e for e in (VectorEngine(), AgentEngine())}
ENGINE_NAMES = tuple(ENGINES)


def check_engine(name: str) -> str:
    """The engine name, or InputError naming the accepted ones."""
    if name in ENGINES:
        return name
    raise InputError("engine.unknown", name=name, hint=did_you_mean(name, ENGINE_NAMES),
                     accepted=items(ENGINE_NAMES))


def simulate_runs(runs, roster: pd.DataFrame, seed: int, engine: str = DEFAULT_ENGINE,
                  detail: bool = False) -> Results:
    """The tables of many runs, each ``(params, replicate)`` with its own parameters
    (sweep points, plan candidates, calibration samples, posterior draws, scenarios):
    ``results[k]`` is run k's annual table (one row per year, no ``replicate`` column);
    with ``detail`` the village and project tables too (see :class:`Results`). The vector
    engine runs them as few batches as memory allows; each run's numbers are those it
    gives alone."""
    return ENGINES[engine].run(list(runs), roster, seed, detail)


def simulate(params, roster: pd.DataFrame, seed: int, replicates: list[int],
             engine: str = DEFAULT_ENGINE) -> Results:
    """Some replicates of one parameter set: ``results[k]`` is replicate
    ``replicates[k]``'s annual table (see :func:`simulate_runs`)."""
    return simulate_runs([(params, r) for r in replicates], roster, seed, engine)


def simulate_detail(params, roster: pd.DataFrame, seed: int, replicates: list[int],
                    engine: str = DEFAULT_ENGINE) -> Results:
    """Some replicates of one parameter set with every table ``vcsim run`` writes."""
    return simulate_runs([(params, r) for r in replicates], roster, seed, engine, detail=True)


def warm_up_worker(context) -> None:
    """``WorkPool``'s ``warm_up`` for a task context with ``engine`` and ``roster``
    (sweeps, plans, comparisons, calibrations): a worker process loads its engine as it
    starts (the vector engine's compiled kernels: about half a second)."""
    if getattr(context, "roster", None) is not None:
        ENGINES[context.engine].warm_up(context.roster)


def run_cost_seconds(n_villages: int, n_years: int, engine: str = DEFAULT_ENGINE) -> float:
    """Rough wall time of one run on one core, used only to size work chunks."""
    return ENGINES[engine].seconds_per_run(n_villages, n_years)


def _reordered(results: Results, order) -> Results:
    """``results`` of the runs ``order[0], order[1], ...`` as the results of runs 0, 1, ..."""
    import numpy as np
    position = np.empty(len(order), int)
    position[order] = np.arange(len(order))  # where run k is in ``results``
    tables, run_of = {}, {}
    for table, runs in results.run_of.items():
        new_run = np.asarray(order)[runs]
        rows = np.argsort(new_run, kind="stable")
        tables[table] = getattr(results, table).iloc[rows].reset_index(drop=True)
        run_of[table] = new_run[rows]
    return Results(tables["annual"], tables.get("villages"), tables.get("projects"), run_of,
                   results.initial_zero_income_share[position])
