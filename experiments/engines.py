"""The one place where a simulation engine is chosen.

Every experiment (``vcsim compare``, ``vcsim sweep``, ``vcsim bench --sweep``) runs a
replicate through :func:`simulate` or :func:`simulate_detail`, never through the model
class directly, so a new engine is added here and nowhere else: register its name in
``ENGINES`` and branch on it in the two functions below.
An engine must give the same numbers for the same parameters, seed and replicate,
whatever process runs it.
"""

from __future__ import annotations


import pandas as pd

from vcsim.experiments.errors import InputError, did_you_mean
from vcsim.experiments.messages import items

# "agents": the Mesa agent model (model.CollectiveEconomyModel), the readable reference;
# "vector": the array engine (model.vector.VectorEngine), the same numbers, faster
ENGINES = ("vector", "agents")
DEFAULT_ENGINE = "vector"  # for compare and sweep; `vcsim run` defaults to the agents


def check_engine(name: str) -> str:
    """The engine name, or InputError naming the accepted ones."""
    if name in ENGINES:
        return name
    raise InputError("engine.unknown", name=name, hint=did_you_mean(name, ENGINES),
                     accepted=items(ENGINES))


def simulate(params, roster: pd.DataFrame, seed: int, replicates: list[int],
             engine: str = DEFAULT_ENGINE) -> list[pd.DataFrame]:
    """Some replicates' county measures: one ``annual`` table per replicate, in order (one
    row per year, column ``year`` first, no ``replicate`` column). The vector engine runs
    them together, as one batch."""
    if engine == "agents":
        from vcsim.model import CollectiveEconomyModel
        return [CollectiveEconomyModel(roster, params, replicate=rep, seed=seed).run().annual_frame()
                for rep in replicates]
    if engine == "vector":
        from vcsim.model.vector import VectorEngine
        out = []
        for batch in _vector_batches(roster, replicates):
            annual = VectorEngine(roster, params, seed, batch, keep_villages=False).run().annual_frame()
            out += [_of(annual, rep).drop(columns="replicate") for rep in batch]
        return out
    raise ValueError(f"unknown engine {engine!r}")  # callers check with check_engine first


def simulate_runs(runs, roster: pd.DataFrame, seed: int,
                  engine: str = DEFAULT_ENGINE) -> list[pd.DataFrame]:
    """County measures of many runs, each ``(params, replicate)`` with its own parameters
    (sweep points, plan candidates, calibration samples, posterior draws): one ``annual``
    table per run, in order, as ``simulate`` gives them.

    Runs are grouped by their parameters and each group goes through ``simulate``, which
    batches its replicates on the vector engine."""
    groups: dict[int, tuple] = {}
    for k, (params, rep) in enumerate(runs):
        groups.setdefault(id(params), (params, []))[1].append((k, rep))
    out: list[pd.DataFrame | None] = [None] * len(runs)
    for params, members in groups.values():
        tables = simulate(params, roster, seed, [rep for _, rep in members], engine)
        for (k, _), table in zip(members, tables):
            out[k] = table
    return out


def simulate_detail(params, roster: pd.DataFrame, seed: int, replicates: list[int],
                    engine: str = DEFAULT_ENGINE) -> list[tuple]:
    """Some replicates with every table ``vcsim run`` writes: one (replicate, annual,
    villages, projects, initial zero-income share) per replicate, each table with a
    ``replicate`` column first. The vector engine runs them together, as one batch."""
    if engine == "agents":
        from vcsim.experiments.runner import run_replicate
        return [(rep, *run_replicate(params, roster, seed, rep)) for rep in replicates]
    if engine == "vector":
        from vcsim.experiments.runner import run_replicates_vector
        out = []
        for batch in _vector_batches(roster, replicates):
            annual, villages, projects, initial = run_replicates_vector(params, roster, seed, batch)
            out += [(rep, _of(annual, rep), _of(villages, rep), _of(projects, rep), initial) for rep in batch]
        return out
    raise ValueError(f"unknown engine {engine!r}")


def _vector_batches(roster: pd.DataFrame, replicates: list[int]) -> list[list[int]]:
    """Replicates in the vector engine's batches (memory-bound, see ``vector_batch_size``)."""
    from vcsim.experiments.runner import vector_batch_size
    size = vector_batch_size(len(roster))
    return [replicates[i:i + size] for i in range(0, len(replicates), size)]


def _of(table: pd.DataFrame, replicate: int) -> pd.DataFrame:
    """One replicate's rows of a batch's table."""
    return table[table["replicate"] == replicate].reset_index(drop=True)


def run_cost_seconds(n_villages: int, n_years: int, engine: str = DEFAULT_ENGINE) -> float:
    """Rough wall time of one replicate on one core, used only to size work chunks
    (agents: about 0.3 s for the default county's 210 villages over 7 years; the vector
    engine about a fifth of that for one replicate)."""
    agents = 0.3 * max(n_villages, 1) / 210 * max(n_years, 1) / 7
    return agents / 5 if engine == "vector" else agents
