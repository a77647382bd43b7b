"""Real concurrency for tests: N threads, each on its own database connection, started together."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection, connections

from danchu.core.errors import DomainError


@dataclass
class Outcome:
    results: list[object] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    @property
    def every(self) -> list[object]:
        """Every thread's result or the exception it raised."""
        return [*self.results, *self.errors]

    def tally(self) -> Counter[str]:
        """ "ok" per success, "refused" per DomainError, and any other failure by its name and message."""
        counts: Counter[str] = Counter({"ok": len(self.results)} if self.results else {})
        for error in self.errors:
            counts[
                "refused" if isinstance(error, DomainError) else f"error: {type(error).__name__}: {error}"
            ] += 1
        return counts


def shares_database_across_threads() -> bool:
    """Whether threads see one database: PostgreSQL, or SQLite stored in a file (an in-memory test
    database is one per connection, or shared-cache, whose table locks fail at once instead of waiting)."""
    if connection.vendor != "sqlite":
        return True
    return not connection.is_in_memory_db()


def need_shared_database() -> None:
    if not shares_database_across_threads():
        pytest.skip("SQLite test database is in memory: threads cannot share it (run with a file database)")


def race(n: int, call: Callable[[int], object]) -> Outcome:
    """Run `call(i)` in `n` threads that start at the same moment; collect what each returned or raised."""
    barrier = threading.Barrier(n)
    outcome = Outcome()
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait()
            result = call(i)
            with lock:
                outcome.results.append(result)
        except BaseException as exc:  # every failure is collected for the assertion
            with lock:
                outcome.errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome
