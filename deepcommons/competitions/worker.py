"""Scoring in a child process under an address-space limit, a CPU limit and a timeout.

A hostile CSV (a 50 MB line, a million fields, a file built to make pandas
allocate without end) can at worst kill this child: the web process and the
task worker only receive its small answer, or a refusal naming the limit.

No Django here: the child imports only numpy, pandas, scikit-learn and
`competitions.scoring`.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import signal
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MEMORY_BYTES = 2 * 1024**3
DEFAULT_TIMEOUT_SECONDS = 60.0

# Messages the web side translates (`models.Submission.error_text`).
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"


_context: Any = None


def _forkserver() -> Any:
    """A fork server that has imported pandas and scikit-learn once.

    Each scoring child is forked from it (milliseconds) instead of starting a
    fresh interpreter (over a second of imports). The server is a clean
    process: it holds no Django state, database connection or request data.
    """
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(
            ["deepcommons.competitions.scoring", "sklearn.metrics", "deepcommons.competitions.warm"]
        )
        # The server is a fresh interpreter: it finds this project through
        # PYTHONPATH (Python 3.11's fork server ignores the parent's sys.path),
        # and its thread pools get one thread each (each reserves address space).
        extra = {
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        saved = {name: os.environ.get(name) for name in extra}
        os.environ.update(extra)
        try:
            multiprocessing.forkserver.ensure_running()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        _context = context
    return _context


def _child(conn: Any, request: dict[str, Any], memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        answer = handle(request)
    except MemoryError:
        answer = _refusal(MEMORY, "Scoring ran out of memory.")
    conn.send(answer)
    conn.close()
    # Skip the interpreter's teardown (freeing pandas and scikit-learn takes
    # longer than the scoring): nothing in this child needs flushing.
    os._exit(0)


def run_isolated(
    request: dict[str, Any],
    *,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> dict[str, Any]:
    """Run `request` ({"mode": "score"|"solution", paths, spec}) in a limited child.

    Returns the child's answer: {"ok": True, ...} or {"ok": False, "code",
    "message", "params"}; a killed or timed-out child gives code "timeout",
    "memory" or "crashed".
    """
    request = {
        **request,
        **{
            k: str(Path(request[k]).resolve())
            for k in ("solution", "submission", "cache")
            if request.get(k)
        },
    }
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(sender, request, memory_bytes, max(1, int(timeout) + 1)),
        daemon=True,
    )
    process.start()
    sender.close()
    answer: dict[str, Any] | None = None
    timed_out = False
    try:
        if receiver.poll(timeout):
            answer = receiver.recv()
        else:
            timed_out = True
    except (EOFError, OSError):
        answer = None  # the child died before answering
    finally:
        receiver.close()
    if timed_out:
        process.kill()
        process.join(5)
        return _refusal(TIMEOUT, f"Scoring took longer than {timeout:g} seconds.", seconds=timeout)
    process.join(5)
    if answer is not None:
        return answer
    code = process.exitcode
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return _refusal(TIMEOUT, f"Scoring took longer than {timeout:g} seconds.", seconds=timeout)
    # Under RLIMIT_AS a failed allocation in C code often ends in SIGSEGV or
    # SIGABRT rather than a Python MemoryError.
    if code in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        return _refusal(MEMORY, "Scoring ran out of memory.")
    logger.warning("scoring child exited with %s", code)
    return _refusal(CRASHED, "The scorer stopped unexpectedly.")


def _refusal(code: str, message: str, **params: Any) -> dict[str, Any]:
    return {"ok": False, "code": code, "message": message, "params": params}


def _prepared(request: dict[str, Any], spec: Any) -> Any:
    """The parsed solution and mask, from the cache file when it matches the spec.

    The cache is a pickle this worker wrote itself in private storage (never
    a user's file), keyed by the spec, so a changed seed or split re-parses.
    """
    import pickle

    from deepcommons.competitions.scoring import prepare_solution

    cache = Path(request["cache"]) if request.get("cache") else None
    if cache is not None and cache.exists():
        try:
            with cache.open("rb") as handle_:
                stored = pickle.load(handle_)
            if stored["spec"] == spec.as_dict():
                return stored["solution"], stored["mask"]
        except Exception:  # a stale or torn cache: rebuild it
            logger.warning("ignoring unreadable solution cache %s", cache)
    solution, mask = prepare_solution(Path(request["solution"]).read_bytes(), spec)
    if cache is not None:
        tmp = cache.with_suffix(".tmp")
        with tmp.open("wb") as handle_:
            pickle.dump({"spec": spec.as_dict(), "solution": solution, "mask": mask}, handle_)
        tmp.replace(cache)
    return solution, mask


def handle(request: dict[str, Any]) -> dict[str, Any]:
    from deepcommons.competitions.scoring import Spec, SubmissionError, score_prepared

    spec = Spec.from_dict(request["spec"])
    try:
        solution, mask = _prepared(request, spec)
        if request["mode"] == "solution":
            return {"ok": True, "rows": len(solution), "public_rows": int(mask.sum())}
        submission = Path(request["submission"]).read_bytes()
        return {"ok": True, **score_prepared(solution, mask, submission, spec)}
    except SubmissionError as exc:
        return {"ok": False, "code": exc.code, "message": exc.message, "params": exc.params}
