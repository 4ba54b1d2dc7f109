"""Where the work runs: this process, a local process pool, or a Dask cluster.

``WorkPool(fn, context, workers=N)`` or ``WorkPool(fn, context, scheduler="tcp://...")``
calls ``fn(context, task)`` for every task and yields ``(task, result)`` as results
arrive, in whatever order they finish. ``fn`` must be a module-level function (workers
import it by name). The ``context`` (roster, base parameters, seed ...) is sent to each
worker once, not with every task: local workers get it through the pool initializer,
Dask workers through ``Client.scatter(..., broadcast=True)``.

At most ``inflight`` tasks are submitted at a time, so neither this process nor the
cluster ever holds more than a few chunks' results: results stream to the caller,
which writes them to disk and lets them go.

Local pools use the "spawn" start method (importing mesa forces it anyway) and keep
their workers alive for the whole pool, so each worker pays its start-up (imports, and
``warm_up``: loading compiled code) once, as it starts. This process is one of the N
local workers: it starts N - 1 others and runs tasks itself whenever none of theirs has
finished, so it computes while they start, and a short job pays N - 1 start-ups, not N
(the others get one task running and one waiting each, so the work ends evenly). With
one worker and no scheduler, tasks run in this process alone.

If a local worker process dies (out of memory, killed), ``WorkerLost`` is raised; on a
Dask cluster the scheduler reschedules the lost worker's tasks on the others by itself.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from vcsim.experiments.errors import InputError
from vcsim.experiments.messages import Msg, text


class WorkerLost(RuntimeError):
    """A worker died while running tasks; the tasks it had were not completed. Carries a
    catalogue message (``msg``) shown in the user's language."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.key)

    def __str__(self) -> str:
        return str(self.msg)


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# -- local worker side -------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(fn: Callable, context: Any, warm_up: Callable | None = None) -> None:
    _WORKER["fn"] = fn
    _WORKER["context"] = context
    if warm_up is not None:
        warm_up(context)


def _call_in_worker(task: Any) -> Any:
    return _WORKER["fn"](_WORKER["context"], task)


# -- the pool ------------------------------------------------------------------------------


class WorkPool:
    """Run ``fn(context, task)`` over many tasks on this process, local processes or Dask.

    Use as a context manager; ``slots`` is the number of tasks that run at once.
    ``warm_up(context)``, if given, runs in each local worker process as it starts (for
    example loading the engine's compiled code), before its first task."""

    def __init__(self, fn: Callable, context: Any, workers: int | None = None,
                 scheduler: str | None = None, connect_timeout_s: float = 20.0,
                 warm_up: Callable | None = None):
        self.fn = fn
        self.context = context
        self.warm_up = warm_up
        self.scheduler = scheduler
        self.workers = workers
        self._executor = None
        self._client = None
        self._ctx_future = None
        self.connect_timeout_s = connect_timeout_s

    # opening and closing
    def __enter__(self) -> "WorkPool":
        if self.scheduler:
            self._open_dask()
        else:
            self.workers = self.workers or default_workers()
            if self.workers > 1:  # this process and workers - 1 others
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers - 1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker, initargs=(self.fn, self.context, self.warm_up))
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._client is not None:
            try:
                self._client.close()
            finally:
                self._client = None

    def _open_dask(self) -> None:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - dask[distributed] is a dependency
            raise InputError("execution.no_distributed") from None
        try:
            self._client = Client(self.scheduler, timeout=f"{self.connect_timeout_s}s",
                                  set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError("execution.no_scheduler", scheduler=self.scheduler,
                             reason=exc) from None
        try:
            self._client.wait_for_workers(1, timeout=self.connect_timeout_s)
        except (TimeoutError, OSError):
            self.close()
            raise InputError("execution.no_workers", scheduler=self.scheduler) from None
        self._ctx_future = self._client.scatter(self.context, broadcast=True, hash=False)

    @property
    def slots(self) -> int:
        if self._client is not None:
            return max(1, sum(self._client.nthreads().values()))
        return self.workers or 1

    def describe(self) -> str:
        if self._client is not None:
            n = len(self._client.nthreads())
            return text("execution.on_dask", scheduler=self.scheduler, workers=n,
                        threads=self.slots)
        if self._executor is not None:
            return text("execution.on_local", workers=self.workers, others=self.workers - 1)
        return text("execution.on_this_process")

    # running
    def imap_unordered(self, tasks: Iterable, inflight: int | None = None) -> Iterator[tuple[Any, Any]]:
        """Yield ``(task, fn(context, task))`` as each task finishes."""
        inflight = inflight or 2 * self.slots + 1
        if self._client is not None:
            yield from self._dask(tasks, inflight)
        elif self._executor is not None:
            yield from self._local(tasks, inflight)
        else:
            for task in tasks:
                yield task, self.fn(self.context, task)

    def _local(self, tasks: Iterable, inflight: int) -> Iterator[tuple[Any, Any]]:
        pending: dict = {}
        source = iter(tasks)
        ahead = min(inflight, 2 * (self.workers - 1))  # one running and one waiting each
        try:
            while True:
                while len(pending) < ahead and (task := next(source, _END)) is not _END:
                    pending[self._executor.submit(_call_in_worker, task)] = task
                done = [fut for fut in pending if fut.done()]
                if not done:
                    task = next(source, _END)
                    if task is not _END:  # none of theirs is ready: this process works too
                        yield task, self.fn(self.context, task)
                        continue
                    if not pending:
                        return
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    task = pending.pop(fut)
                    yield task, fut.result()
        except BrokenProcessPool:
            raise WorkerLost(Msg("execution.worker_died")) from None
        finally:
            for fut in pending:
                fut.cancel()

    def _dask(self, tasks: Iterable, inflight: int) -> Iterator[tuple[Any, Any]]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        pending: dict = {}
        source = iter(tasks)
        queue = as_completed(loop=self._client.loop, raise_errors=False)

        def submit(task):
            fut = self._client.submit(self.fn, self._ctx_future, task, pure=False)
            pending[fut.key] = (fut, task)
            queue.add(fut)

        try:
            for task in source:
                submit(task)
                if len(pending) >= inflight:
                    break
            for fut in queue:
                _, task = pending.pop(fut.key)
                try:
                    result = fut.result()
                except KilledWorker as exc:
                    raise WorkerLost(Msg("execution.dask_gave_up", reason=exc)) from None
                fut.release()
                nxt = next(source, _END)
                if nxt is not _END:
                    submit(nxt)
                yield task, result
        finally:
            if pending and self._client is not None:
                self._client.cancel([f for f, _ in pending.values()])


_END = object()
