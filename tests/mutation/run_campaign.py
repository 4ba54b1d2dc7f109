"""Mutation campaign: do the tests guard the model's rules, or only the engines' agreement?

Each mutation is one plausible mistake in a rule of the programme (Part A counted twice
in the fiscal cost, the capacity term dropped from the failure hazard, 2022 taking
2021's tourism index, ...), made the same way in both engines, so that
``tests/test_parity.py`` cannot see it. For each one the campaign copies the repository
(the files git tracks or would track, as they are when the campaign starts; never the
working tree itself), applies the
mutation to the copy, runs the domain tests in the copy, and records whether they fail
(the mutant is *killed*, by which tests) or all pass (it *survived*: a test is missing,
or the mutant is equivalent). An unmutated copy runs first and must pass, or the
campaign stops.

Usage, from the repository (not collected by pytest: no ``test_`` prefix)::

    .venv/bin/python tests/mutation/run_campaign.py [--only NAME ...] [--out DIR]
        [--tests PATH ...] [--timeout SECONDS] [--first-failure] [--list]
        .venv/bin/python tests/mutation/run_campaign.py --table results/mutation/campaign.json

It writes ``campaign.json`` and ``campaign.md`` (the table) to DIR (default
``results/mutation/``) and prints the table. Every mutant compiles the vector engine's
kernels afresh: the numba cache is keyed on the model's source (``vcsim/compiled.py``),
so a mutant never meets code compiled from other source; that takes about a minute per
mutant, so the whole campaign takes the better part of an hour. The campaign's compiled
code goes to its own folder (``NUMBA_CACHE_DIR``), removed at the end.

The copy is imported as ``vcsim`` through a ``sitecustomize`` module the campaign
writes (first on ``PYTHONPATH``): it maps the package to the copy's folders as
``pyproject.toml``'s ``package-dir`` says, ahead of the editable install of this
checkout, for the test process and any process it starts. Each run checks that the copy
is what it imports.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The domain tests: fast (about a minute once the kernels are compiled), and every test
# that checks what the model computes rather than how results are stored or shown.
TESTS = ("tests/test_rules.py", "tests/test_capacity.py", "tests/test_model.py", "tests/validation", "tests/test_parity.py")
TIMEOUT_SECONDS = 1200


@dataclass(frozen=True)
class Mutation:
    """One mistake: ``edits`` are (file, old text, new text); each old text must occur
    exactly once in its file, so a mutation never lands somewhere else after the code
    has changed (it is then reported as not applicable)."""

    name: str
    where: str
    what: str
    edits: tuple[tuple[str, str, str], ...]
    origin: str = "designed"  # "issue 15": one of the first campaign's survivors or near misses


MUTATIONS: tuple[Mutation, ...] = (
    # --- the first campaign's survivors and near misses (issue 15) ---
    Mutation("part_a_twice", "rules.fiscal_cost", "Part A counted twice in the fiscal cost",
             (("model/rules.py", "return grants + integrated + demonstration + part_a",
               "return grants + integrated + demonstration + 2 * part_a"),), "issue 15"),
    Mutation("hazard_without_capacity", "business_models.monthly_failure_hazard",
             "leadership capacity's term removed from the failure hazard",
             (("model/business_models.py",
               "    h = (base * quality ** (-p.village.quality_failure_effect)\n"
               "         * math.exp(-p.village.capacity_failure_effect * (capacity - 0.5)))",
               "    h = base * quality ** (-p.village.quality_failure_effect)"),), "issue 15"),
    Mutation("hazard_capacity_sign", "business_models.monthly_failure_hazard",
             "capacity raises the failure hazard instead of lowering it",
             (("model/business_models.py", "math.exp(-p.village.capacity_failure_effect * (capacity - 0.5))",
               "math.exp(p.village.capacity_failure_effect * (capacity - 0.5))"),), "issue 15"),
    Mutation("tourism_2022_is_2021", "business_models.tourism_index", "2022 takes 2021's tourism index",
             (("model/business_models.py", "return s.index_2021 if year == 2021 else s.index_2022",
               "return s.index_2021 if year >= 2021 else s.index_2022"),), "issue 15"),
    Mutation("zero_income_from_net", "model._close_year, vector_kernels.close_year",
             "the zero-income flag taken from net income instead of operating receipts",
             (("model/model.py", "rules.zero_income(p, r) for r in receipts]",
               "rules.zero_income(p, r) for r in incomes]"),
              ("model/vector_kernels.py", "out.zero[y, r, v] = rules.zero_income(p, receipts)",
               "out.zero[y, r, v] = rules.zero_income(p, ro.own_income[v] + pincome)")), "issue 15"),
    Mutation("no_midyear_resupport", "rules.inspection_resupports",
             "no mid-year re-support under monthly inspection",
             (("model/rules.py", "return (month != 1 and p.programme.enabled",
               "return (month == 0 and p.programme.enabled"),), "issue 15"),
    Mutation("step_2_default_2021", "parameters: rollout.priority_year",
             "step 2 of the rollout moved to 2021 (the registry's default)",
             (("model/parameters.py", '_p("rollout.priority_year", 2020,', '_p("rollout.priority_year", 2021,'),),
             "issue 15"),
    # --- designed in the same spirit ---
    Mutation("step_2_a_year_late", "rules.rollout", "step-2 villages enter the year after rollout.priority_year",
             (("model/rules.py", "elif (not poor and year == r.priority_year",
               "elif (not poor and year == r.priority_year + 1"),)),
    Mutation("step_2_without_deep_mountain", "rules.rollout", "deep-mountain villages left out of step 2",
             (("model/rules.py", "(poor_households > r.priority_poor_households or deep_mountain)",
               "(poor_households > r.priority_poor_households)"),)),
    Mutation("grant_shares_swapped", "rules.grant_split", "central and province shares of a grant swapped",
             (("model/rules.py", "return grant * f.central_share, grant * f.province_share,",
               "return grant * f.province_share, grant * f.central_share,"),)),
    Mutation("county_cost_without_part_a", "rules.county_fiscal_cost",
             "Part A left out of the county's fiscal cost",
             (("model/rules.py", "return grant_city_county + demonstration + part_a",
               "return grant_city_county + demonstration"),)),
    Mutation("part_a_without_pay_raises", "rules.part_a_cost_yuan", "cadre pay never raised",
             (("model/rules.py", "raises = max(0, (year - 2018) // a.pay_raise_every_years)", "raises = 0"),)),
    Mutation("misuse_cut_ignored", "rules.misuse_share", "两个一律 does not cut misuse",
             (("model/rules.py", "misuse *= 1 - org.two_alwayses_effect", "misuse *= 1.0"),)),
    Mutation("demo_extra_not_from_pool", "agents._select_and_fund, vector_kernels._select_and_fund",
             "demonstration extras not drawn from the county's pool",
             (("model/agents.py", "            self._commit(demo)\n", ""),
              ("model/vector_kernels.py", "        pool -= demo\n        released -= demo\n", ""))),
    Mutation("demo_extra_every_project", "rules.demonstration_asked",
             "demonstration villages get the extra with every project, not the first only",
             (("model/rules.py", "if is_demo and not has_had_project else 0.0", "if is_demo else 0.0"),)),
    Mutation("integrated_cap_ignored", "rules.integrated_top_up", "integrated funds not capped per project",
             (("model/rules.py", "return min(p.funding.integrated_cap_yuan, left / n_funded)",
               "return left / n_funded"),)),
    Mutation("reinvest_losses", "rules.reinvested", "the reinvested share applied to losses too",
             (("model/rules.py",
               "return p.village.reinvest_share * project_income_yuan if project_income_yuan > 0 else 0.0",
               "return p.village.reinvest_share * project_income_yuan"),)),
    Mutation("pv_arrears_never_paid", "rules.operate", "late PV subsidies never paid",
             (("model/rules.py", "return gross - late - om, gross - late, late",
               "return gross - late - om, gross - late, 0.0"),)),
    Mutation("dividend_skip_inverted", "rules.dividend_paid", "firms pay the dividend only when they should skip it",
             (("model/rules.py", "return u >= p.models.enterprise_equity.skip_per_year",
               "return u < p.models.enterprise_equity.skip_per_year"),)),
    Mutation("instructors_to_the_strongest", "rules.instructed", "instructors sent to the strongest villages",
             (("model/rules.py", 'order = np.argsort(leadership, kind="mergesort")',
               'order = np.argsort(-leadership, kind="mergesort")'),)),
    Mutation("training_effect_without_training", "rules.leadership_capacity",
             "training raises capacity even when there is none",
             (("model/rules.py", "    if p.party.training:\n        cap = cap + p.party.training_effect",
               "    if True:\n        cap = cap + p.party.training_effect"),)),
    Mutation("comparison_raises_hazard", "business_models.monthly_failure_hazard",
             "the quarterly comparison raises the failure hazard",
             (("model/business_models.py", "h = h * (1 - p.organisation.comparison_effect)",
               "h = h * (1 + p.organisation.comparison_effect)"),)),
    Mutation("zero_income_strict", "rules.zero_income", "receipts equal to the threshold count as income",
             (("model/rules.py", "return receipts_yuan <= p.village.zero_income_threshold_yuan",
               "return receipts_yuan < p.village.zero_income_threshold_yuan"),)),
    Mutation("self_start_in_programme", "rules.self_start_chance",
             "programme villages also start projects of their own",
             (("model/rules.py", "if cohort == 0 and wis else 0.0", "if wis else 0.0"),)),
    Mutation("loss_closure_on_profit", "rules.assessment",
             "the year-end assessment closes projects that made money instead of those that lost it",
             (("model/rules.py", "operating_t <= t - 11 and income_this_year < 0",
               "operating_t <= t - 11 and income_this_year > 0"),)),
    Mutation("mop_up_ignored", "rules.supports_zero_income_villages",
             "no mop-up: after the clearance year, villages at zero are not supported again each January",
             (("model/rules.py", "return year == r.remaining_year or (r.mop_up and year > r.remaining_year)",
               "return year == r.remaining_year"),)),
    Mutation("capacity_unclipped", "rules.leadership_capacity", "capacity not kept within 0-1",
             (("model/rules.py", "return min(max(cap, 0.0), 1.0)", "return cap"),)),
    Mutation("poor_without_first_secretary", "rules.has_first_secretary",
             "poor villages no longer sure of a first secretary",
             (("model/rules.py", "return poor or u < p.first_secretary.nonpoor_share",
               "return u < p.first_secretary.nonpoor_share"),)),
    Mutation("secretary_money_mean_off", "rules.first_secretary_money",
             "first secretaries' money log-normal without the mean correction (mean 38% too high)",
             (("model/rules.py", "mu = math.log(fs.money_mean_yuan) - fs.money_sd * fs.money_sd / 2",
               "mu = math.log(fs.money_mean_yuan)"),)),
    Mutation("contacts_lower_arrival", "rules.arrival_chance",
             "a first secretary's contacts lower the chance an investor or factory comes",
             (("model/rules.py", "(1 + p.first_secretary.contacts_effect * has_first_secretary)",
               "(1 - p.first_secretary.contacts_effect * has_first_secretary)"),)),
    Mutation("inspection_no_delay_cut", "rules.extra_delay_mean",
             "monthly inspection does not cut construction delays",
             (("model/rules.py", "(1 / 3 if org.monthly_inspection else 1.0)", "1.0"),)),
    Mutation("cluster_needs_one_more", "rules.cluster_forms", "a cluster needs one village more than set",
             (("model/rules.py", "return villages_choosing >= p.models.cluster.min_villages",
               "return villages_choosing > p.models.cluster.min_villages"),)),
    Mutation("demonstrations_least_capable", "rules.choose_demonstrations",
             "the least capable villages chosen as demonstrations",
             (("model/rules.py", "while j > 0 and capacity[order[j - 1]] < capacity[i]:",
               "while j > 0 and capacity[order[j - 1]] > capacity[i]:"),)),
    Mutation("price_not_mean_one", "rules.price_factor",
             "the shiitake price swing without its mean correction (prices 2% high on average)",
             (("model/rules.py", "return math.exp(c.price_sd * z - c.price_sd * c.price_sd / 2)",
               "return math.exp(c.price_sd * z)"),)),
    Mutation("season_not_normalised", "business_models.tourism_season",
             "the seasonal profile used as given, not normalised to mean 1 (0.8% low)",
             (("model/business_models.py", "return profile[month - 1] / (total / len(profile))",
               "return profile[month - 1]"),)),
    Mutation("investor_given_up_a_month_late", "rules.investor_gives_up",
             "an investor project given up a month after give_up_months",
             (("model/rules.py", "return months_waited >= p.models.attract_investor.give_up_months",
               "return months_waited > p.models.attract_investor.give_up_months"),)),
    # --- the county's capacity and the money's timing (issue 11) ---
    Mutation("capacity_one_more", "rules.waits_for", "the county takes one project a year more than its capacity",
             (("model/rules.py", "if funded_this_year >= p.capacity.projects_per_year:",
               "if funded_this_year > p.capacity.projects_per_year:"),)),
    Mutation("capacity_per_round", "agents._select_and_fund, vector_kernels._select_and_fund",
             "the capacity counted per round of selection, not per year",
             (("model/agents.py", "rules.waits_for(p, year, self.funded_this_year + funded_now,",
               "rules.waits_for(p, year, funded_now,"),
              ("model/vector_kernels.py", "rules.waits_for(p, year, C.funded[r, c] + funded_now,",
               "rules.waits_for(p, year, funded_now,"))),
    Mutation("tranche_first_share_every_year", "rules.released_after_tranche",
             "every year's tranche is the first year's share of the pool",
             (("model/rules.py", "released_yuan + p.funding.tranche_shares[i] * p.funding.grant_pool_yuan",
               "released_yuan + p.funding.tranche_shares[0] * p.funding.grant_pool_yuan"),)),
    Mutation("tranche_not_carried_over", "rules.released_after_tranche",
             "money released but not committed is lost at the next tranche",
             (("model/rules.py", "return min(released_yuan + p.funding.tranche_shares[i]",
               "return min(p.funding.tranche_shares[i]"),)),
    Mutation("review_threshold_strict", "rules.options",
             "the review approves only returns strictly above its minimum",
             (("model/rules.py", "if -w[_JUDGED, m] >= s.review_min_return:",
               "if -w[_JUDGED, m] > s.review_min_return:"),)),
)


SITECUSTOMIZE = '''\
"""Written by tests/mutation/run_campaign.py: import ``vcsim`` from the mutant's copy
(VCSIM_MUTANT_ROOT), its folders mapped as pyproject.toml's package-dir says."""
import os
import sys
import tomllib
from importlib.util import spec_from_file_location
from pathlib import Path

_ROOT = Path(os.environ["VCSIM_MUTANT_ROOT"])
with open(_ROOT / "pyproject.toml", "rb") as _f:
    _FOLDERS = tomllib.load(_f)["tool"]["setuptools"]["package-dir"]


class _MutantFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname not in _FOLDERS:
            return None  # subpackages and modules: found in their parent's folder
        folder = _ROOT / _FOLDERS[fullname]
        return spec_from_file_location(fullname, folder / "__init__.py",
                                       submodule_search_locations=[str(folder)])


sys.meta_path.insert(0, _MutantFinder)
'''


@dataclass
class Outcome:
    name: str
    where: str
    what: str
    origin: str
    result: str  # "killed", "survived", "not applicable", "baseline"
    failed: list[str] = field(default_factory=list)
    tests_run: int = 0
    seconds: float = 0.0
    note: str = ""


def repository_files(root: Path) -> list[Path]:
    """The files git tracks or would track (ignored ones, such as .venv and results, left out)."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=root, capture_output=True, check=True).stdout
    return [Path(p) for p in sorted(set(out.decode().split("\0"))) if p and (root / p).is_file()]


def copy_repository(root: Path, dest: Path) -> None:
    for rel in repository_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)


class NotApplicable(Exception):
    pass


def apply(mutation: Mutation, copy: Path) -> None:
    for rel, old, new in mutation.edits:
        path = copy / rel
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise NotApplicable(f"{rel}: the text to mutate occurs {text.count(old)} times, not once")
        path.write_text(text.replace(old, new), encoding="utf-8")


def run(cmd: list[str], cwd: Path, env: dict, timeout: float, log: Path) -> int | None:
    """Run ``cmd`` in its own process group, output to ``log``; the return code, or None
    on timeout (the group killed). Interrupting the campaign kills the group too."""
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def failed_tests(junit: Path) -> tuple[list[str], int]:
    """Node ids of the failed or erroring tests in a JUnit XML report, and how many ran."""
    if not junit.exists():
        return [], 0
    failed, total = [], 0
    for case in ET.parse(junit).getroot().iter("testcase"):
        total += 1
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            failed.append(f"{module}.py::{case.get('name')}")
    return failed, total


def run_one(mutation: Mutation | None, source: Path, work: Path, shim: Path, cache: Path,
            tests: tuple[str, ...], timeout: float, first_failure: bool = False) -> Outcome:
    """Copy ``source`` (the campaign's snapshot of the repository), mutate the copy, run
    ``tests`` in it (``first_failure``: stop at the first failing test, so a killed
    mutant names one test that kills it); the copy is removed afterwards."""
    name = mutation.name if mutation else "baseline"
    outcome = Outcome(name, mutation.where if mutation else "-", mutation.what if mutation else "no mutation",
                      mutation.origin if mutation else "-", "baseline")
    copy = work / name
    shutil.copytree(source, copy)
    started = time.monotonic()
    try:
        if mutation:
            apply(mutation, copy)
    except NotApplicable as e:
        outcome.result, outcome.note = "not applicable", str(e)
        shutil.rmtree(copy)
        return outcome
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shim)] + [p for p in [os.environ.get("PYTHONPATH")] if p]),
           "VCSIM_MUTANT_ROOT": str(copy), "NUMBA_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    check = subprocess.run([sys.executable, "-c", "import vcsim.model.rules as r, vcsim.experiments as e; "
                            "print(r.__file__); print(e.__file__)"],
                           cwd=copy, env=env, capture_output=True, text=True)
    if check.returncode != 0 or not all(Path(line).is_relative_to(copy) for line in check.stdout.split()):
        raise RuntimeError(f"the copy is not what the tests import:\n{check.stdout}{check.stderr}")
    junit = work / f"{name}.xml"
    stop = ["-x"] if first_failure and mutation else []
    code = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *stop, f"--junitxml={junit}", *tests],
               copy, env, timeout, work / f"{name}.log")
    outcome.seconds = round(time.monotonic() - started, 1)
    outcome.failed, outcome.tests_run = failed_tests(junit)
    if code is None:
        outcome.note = f"timed out after {timeout:.0f} s"
    if mutation:
        outcome.result = "killed" if (code != 0 or outcome.failed) else "survived"
    elif code != 0:
        outcome.result = "baseline failed"
        outcome.note = outcome.note or f"pytest exit code {code}; see {work / (name + '.log')}"
    shutil.rmtree(copy)
    return outcome


def table(outcomes: list[Outcome]) -> str:
    """The campaign as a Markdown table: the mutation, the files and rule it changes, what
    it changes, where it comes from, and the tests that killed it (or why not)."""
    files = {m.name: sorted({rel for rel, _, _ in m.edits}) for m in MUTATIONS}
    lines = ["| mutation | file | where | what it changes | origin | result | killed by (failing tests) |",
             "|---|---|---|---|---|---|---|"]
    for o in outcomes:
        if o.result == "killed":
            shown = ", ".join(f"`{f.split('/')[-1]}`" for f in o.failed[:4])
            more = f" and {len(o.failed) - 4} more" if len(o.failed) > 4 else ""
            detail = f"{len(o.failed)}: {shown}{more}" + (f" ({o.note})" if o.note else "")
        else:
            detail = o.note
        shown_files = ", ".join(f"`{f}`" for f in files.get(o.name, []))
        lines.append(f"| `{o.name}` | {shown_files} | `{o.where}` | {o.what} | {o.origin} | {o.result} | {detail} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these mutations only")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "mutation", help="where to write the table")
    parser.add_argument("--tests", nargs="+", default=list(TESTS), help="test paths run for every mutant")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, help="seconds per mutant")
    parser.add_argument("--first-failure", action="store_true",
                        help="stop each mutant's tests at the first failure (a killed mutant then names one "
                             "killing test; survivors still run every test); several times quicker")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("--table", type=Path, metavar="CAMPAIGN.json",
                        help="print the table of an earlier campaign's campaign.json and exit")
    args = parser.parse_args(argv)
    if args.table:
        saved = json.loads(args.table.read_text(encoding="utf-8"))
        done = [Outcome(**o) for o in saved["outcomes"] if o["result"] != "baseline"]
        print(table(done))
        return 0
    if args.list:
        for m in MUTATIONS:
            texts = [(ROOT / rel).read_text(encoding="utf-8").count(old) for rel, old, _ in m.edits]
            state = "applies" if all(n == 1 for n in texts) else "NOT APPLICABLE"
            print(f"{m.name:34} {state:15} {m.where:40} {m.what}")
        return 0
    unknown = set(args.only or ()) - {m.name for m in MUTATIONS}
    if unknown:
        parser.error(f"no such mutation: {', '.join(sorted(unknown))}")
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    args.out.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="vcsim-mutation-") as tmp:
        work = Path(tmp)
        shim = work / "shim"
        shim.mkdir()
        (shim / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        cache = work / "numba-cache"
        source = work / "snapshot"  # the repository as it is now, whatever is edited meanwhile
        copy_repository(ROOT, source)
        for mutation in [None, *chosen]:
            outcome = run_one(mutation, source, work, shim, cache, tuple(args.tests), args.timeout,
                              args.first_failure)
            outcomes.append(outcome)
            print(f"{outcome.name:34} {outcome.result:15} {outcome.seconds:7.1f} s  "
                  f"{len(outcome.failed)} of {outcome.tests_run} tests failed", flush=True)
            for log in work.glob(f"{outcome.name}.*"):
                shutil.copy2(log, args.out / log.name)
            if outcome.result == "baseline failed":
                print(f"the unmutated copy fails its tests: {outcome.note}", file=sys.stderr)
                print("\n".join(outcome.failed), file=sys.stderr)
                return 1
            (args.out / "campaign.json").write_text(
                json.dumps({"tests": args.tests, "first_failure": args.first_failure,
                            "outcomes": [o.__dict__ for o in outcomes]}, indent=1),
                encoding="utf-8")
    mutants = [o for o in outcomes if o.result in ("killed", "survived")]
    text = table(outcomes[1:]) + (f"\n\n{sum(o.result == 'killed' for o in mutants)} of {len(mutants)} "
                                  f"mutants killed by {' '.join(args.tests)}"
                                  + (" (each mutant's tests stopped at the first failure)" if args.first_failure
                                     else "") + ".\n")
    (args.out / "campaign.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
