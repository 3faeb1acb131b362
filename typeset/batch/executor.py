"""Where the issues are built: a pool of local worker processes, or an
existing Dask distributed cluster (`--scheduler tcp://HOST:PORT`).

Both run `worker.build_job` in long-lived workers that ran `worker.warm_up`
once, and hand back outcomes as they finish; the client alone writes OUT and
the SQLite state. Local workers are spawned (not forked: the client may have
threads), ignore Ctrl-C (the client handles it and stops them), and exit by
themselves when the client is gone — even after SIGKILL, which no handler
sees — so a killed run leaves no orphan builds behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .worker import Outcome, Task, build_job, warm_up

PARENT_POLL_S = 0.5


class LocalExecutor:
    def __init__(self, workers: int):
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers,
                                         mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_local_worker,
                                         initargs=(os.getpid(),))

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        # Keep a few tasks per worker in flight, not the whole archive: a
        # stopped run then has little queued to cancel.
        pending = set()
        tasks = iter(tasks)
        for task in tasks:
            pending.add(self._pool.submit(build_job, task))
            if len(pending) >= 2 * self.workers:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                next_task = next(tasks, None)
                if next_task is not None:
                    pending.add(self._pool.submit(build_job, next_task))
                yield future.result()

    def close(self, stop: bool = False) -> None:
        """Wait for the workers; `stop`: end the builds under way at once."""
        if stop:
            # ProcessPoolExecutor has no public way to end running tasks
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start_local_worker(client_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without_client, args=(client_pid,), daemon=True).start()
    warm_up()


def _exit_without_client(client_pid: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != client_pid:      # re-parented: the client died
            os._exit(1)


class DaskExecutor:
    """Issues sent to a Dask distributed scheduler. The archive must be
    readable at the same path on the workers (a shared file system); results
    come back to this client, which writes OUT."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            from ..diagnostics import TypesetError
            raise TypesetError("--scheduler needs Dask distributed: "
                               "pip install 'typeset[cluster]'") from None
        self._client = Client(address)
        self._client.register_plugin(_warm_plugin(), name="typeset-fonts")
        self.workers = len(self._client.scheduler_info().get("workers", {})) or 1

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        from distributed import as_completed
        futures = [self._client.submit(build_job, task, pure=False,
                                       key=f"typeset-{task.job.rel}-{os.getpid()}-{i}")
                   for i, task in enumerate(tasks)]
        self._futures = futures
        for future in as_completed(futures):
            yield future.result()
            future.release()

    def close(self, stop: bool = False) -> None:
        if stop:
            for future in getattr(self, "_futures", ()):
                future.cancel()
        self._client.close()


def _warm_plugin():
    from distributed import WorkerPlugin

    class WarmFonts(WorkerPlugin):
        """Each Dask worker parses the layouts' fonts once, when it joins."""

        def setup(self, worker):
            warm_up()

    return WarmFonts()
