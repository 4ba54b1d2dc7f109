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

No process outlives the command that started it:

- Local workers die with their parent, however it ends (``kill -9`` included). Every
  worker holds the task queue open itself, so a worker waiting for a task would
  otherwise wait forever once its parent is gone. On Linux the kernel kills a worker
  when its parent dies (``prctl(PR_SET_PDEATHSIG)``); on every system a watchdog thread
  in the worker waits on its parent's sentinel (a pipe that the parent holds open and
  that reads end-of-file once the parent is gone) and ends the worker. multiprocessing's
  resource tracker ends by itself once every process holding its pipe (the parent and
  the workers) is gone.
- ``stop_on_signals()`` turns SIGINT (Ctrl-C) and SIGTERM into :class:`Stopped`, raised
  in the main thread like ``KeyboardInterrupt``. Leaving a ``WorkPool`` on an exception
  stops its local workers at once (the tasks they were running are abandoned; callers
  keep only whole results, so nothing half-done is stored) and closes the Dask client
  after cancelling its tasks. A Dask cluster belongs to its user: it is never stopped.
- Workers ignore SIGINT: Ctrl-C in a terminal reaches the whole process group, and the
  parent decides how its workers stop.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
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


class Stopped(BaseException):
    """The command was asked to stop: SIGINT (Ctrl-C) or SIGTERM.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` on
    the way out swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = int(signum)

    @property
    def signal_name(self) -> str:
        """"SIGINT" or "SIGTERM"."""
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        """The shell's convention for a process ended by a signal: 128 + its number
        (130 for SIGINT, 143 for SIGTERM)."""
        return 128 + self.signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise :class:`Stopped` in the main thread; the
    previous handlers come back on leaving. Outside the main thread (where Python cannot
    set handlers) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


TARGET_TASK_SECONDS = 4.0
"""Work per task: a few seconds, so that scheduling costs little next to the work, and a
stopped or lost worker loses little."""


def chunk_size(per_run_seconds: float, runs: int, slots: int, tasks_per_slot: int = 8) -> int:
    """Runs per task: about ``TARGET_TASK_SECONDS`` of work, but small enough that every
    slot gets ``tasks_per_slot`` tasks or more, so the slots finish together."""
    by_time = max(1, int(TARGET_TASK_SECONDS / per_run_seconds))
    by_balance = max(1, math.ceil(runs / (tasks_per_slot * slots)))
    return min(by_time, by_balance)


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# -- local worker side -------------------------------------------------------------------

_WORKER: dict[str, Any] = {}
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _init_worker(fn: Callable, context: Any, parent_pid: int, kernel_watch: bool,
                 warm_up: Callable | None = None) -> None:
    _die_with_parent(parent_pid, kernel_watch)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides (see the module doc)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it started us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])
    _WORKER["fn"] = fn
    _WORKER["context"] = context
    if warm_up is not None:
        warm_up(context)


def _die_with_parent(parent_pid: int, kernel_watch: bool) -> None:
    """End this worker when the process that started it ends, however it ends.

    ``kernel_watch``: ask Linux to SIGKILL this process when its parent dies. Linux
    counts the *thread* that started the process as the parent, so the pool arms it only
    when its workers are started from the main thread, which lives as long as the
    process. The watchdog thread covers every system and every case, a little later
    (it needs the GIL, which a long compiled call may hold)."""
    if kernel_watch and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watchdog alone
            pass
    if os.getppid() != parent_pid:  # the parent died while this worker was starting
        os._exit(1)
    threading.Thread(target=_exit_when_parent_ends, args=(parent_pid,), daemon=True,
                     name="vcsim-parent-watch").start()


def _exit_when_parent_ends(parent_pid: int) -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the parent's sentinel pipe reads end-of-file
    else:  # pragma: no cover - not started by multiprocessing: poll instead
        while os.getppid() == parent_pid:
            time.sleep(0.5)
    os._exit(1)


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
                # The executor starts its workers from the thread that submits the first
                # tasks: the main thread, for the kernel's watch to be safe to arm.
                kernel_watch = threading.current_thread() is threading.main_thread()
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers - 1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker,
                    initargs=(self.fn, self.context, os.getpid(), kernel_watch, self.warm_up))
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(stop_workers=exc_type is not None)

    def close(self, stop_workers: bool = False) -> None:
        """Shut the pool down: wait for the workers to finish their tasks, or, with
        ``stop_workers`` (leaving on an error or a stop signal), stop them at once."""
        if self._executor is not None:
            if stop_workers:
                _terminate_workers(self._executor)
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
                    pending[self._submit(task)] = task
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
        # Tasks still queued are cancelled by close(), not here: on Python 3.11 a future
        # cancelled from this thread breaks the executor's own clean-up when its workers
        # are then stopped (InvalidStateError in its manager thread; fixed in 3.12).

    def _submit(self, task: Any):
        # A submit may start a worker. SIGINT is blocked meanwhile so that the worker is
        # born with it blocked (a signal mask survives exec) and a Ctrl-C during its
        # start-up cannot end it with a traceback; it unblocks SIGINT once it ignores it.
        with _sigint_blocked():
            return self._executor.submit(_call_in_worker, task)

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


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _terminate_workers(executor: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now, abandoning the tasks they are running."""
    if hasattr(executor, "terminate_workers"):  # Python 3.14
        executor.terminate_workers()
        return
    # Before 3.14 the executor exposes its processes only as ``_processes``.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():  # pragma: no cover - SIGTERM is not handled by workers
            process.kill()
            process.join()
