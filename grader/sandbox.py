"""Run submissions in isolation: one forked child each, with limits, and only plain data coming back.

Process layout (all on one machine, no containers)::

    grader CLI (trusted: turns observations into verdicts)
      └─ supervisor: warm (torch, numpy, matplotlib, IPython imported once), child subreaper
           ├─ child: one submission, own session, scratch dir, memory limit, headless plots
           └─ ...   up to ``jobs`` at a time

A child executes the submission and sends back JSON built by ``grader.harvest``;
its stdout/stderr go to a pipe the supervisor drains (and truncates), so printed
text can never pose as a report.  When a child finishes, times out or dies, its
process group is killed, and any process it left behind (they are re-parented to
the supervisor, a subreaper) is killed too.
"""
import ctypes
import json
import os
import resource
import selectors
import signal
import shutil
import sys
import tempfile
import time
from pathlib import Path

from IPython.core.interactiveshell import InteractiveShell

DEFAULT_TIMEOUT = 120.0         # seconds of wall-clock time per submission (also nbgrader's per-cell limit)
DEFAULT_MEMORY_MB = 2048        # memory a submission may allocate beyond the warm interpreter's own
OUTPUT_KEPT = 20_000            # bytes of a submission's printed output kept for its report
RESULT_LIMIT = 64 * 2**20       # a result larger than this is junk, not observations
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36


class SubmissionError(Exception):
    """A submission that cannot even be started (unreadable file, malformed notebook)."""


def code_cells(path):
    """The code to run, as a list of cell sources: one for a ``.py``, one per code cell of a ``.ipynb``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SubmissionError(f"could not read {path.name}: {exc}") from None
    if path.suffix == ".py":
        return [text]
    import nbformat
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several unrelated types for bad JSON
        raise SubmissionError(f"{path.name} is not a valid notebook: {str(exc)[:200]}") from None
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


class NotebookShell(InteractiveShell):
    """IPython as a Jupyter kernel runs it: magics work, and an error ends its cell, not the notebook."""

    def enable_gui(self, gui=None):
        """Inline plots need no GUI event loop (the base class refuses every GUI)."""


def warm_up():
    """Import and exercise torch, matplotlib and IPython once, so forked children start warm.

    The first optimiser step and the first rendered figure each cost about a second
    here; paid once in the supervisor, every child inherits them for free.
    """
    os.environ["MPLBACKEND"] = "Agg"
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch

    import grader.harvest  # noqa: F401  (binds pristine references before any submission runs)
    torch.set_num_threads(1)  # one thread per child: jobs run side by side, and forked OpenMP pools hang
    model = torch.nn.Linear(2, 1)
    for optimiser in (torch.optim.SGD(model.parameters(), lr=0.1), torch.optim.Adam(model.parameters()),
                      torch.optim.LBFGS(model.parameters())):
        def closure():
            optimiser.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(model(torch.ones(4, 2))), torch.ones(4, 1))
            loss.backward()
            return loss
        optimiser.step(closure)
    figure, axes = plt.subplots()
    axes.plot([0, 1], [0, 1], "o")
    axes.contour([[0, 1], [1, 2]], levels=[0.5])
    figure.canvas.draw()
    plt.close("all")
    shell = NotebookShell.instance()
    shell.run_cell("import numpy as np, torch, matplotlib.pyplot as plt", store_history=False)
    shell.run_cell("%matplotlib inline", store_history=False)
    shell.reset(new_session=False)
    matplotlib.use("Agg")


def _execute(cells, is_notebook):
    """Run the cells as Jupyter would (notebook) or as ``python file.py`` would; return ``(namespace, errors)``."""
    errors = []
    if is_notebook:
        shell = NotebookShell.instance()
        shell.run_line_magic("matplotlib", "inline")
        for index, source in enumerate(cells):
            result = shell.run_cell(source, store_history=True)
            failure = result.error_before_exec or result.error_in_exec
            if failure is not None:
                errors.append({"cell": index + 1, "error": f"{type(failure).__name__}: {str(failure)[:300]}"})
        return shell.user_ns, errors
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    try:
        exec(compile(cells[0], "submission.py", "exec"), namespace)
    except SystemExit:
        pass  # a script may end itself; what it defined before that still counts
    except BaseException as exc:
        import traceback
        line = traceback.extract_tb(exc.__traceback__)[-1].lineno if exc.__traceback__ else None
        errors.append({"line": line, "error": f"{type(exc).__name__}: {str(exc)[:300]}"})
    return namespace, errors


def _child(cells, is_notebook, result_fd, output_fd, scratch, memory_bytes):
    """Body of a forked child. Never returns."""
    try:
        os.setsid()
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        with open("/proc/self/status") as status:
            vm_size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
        resource.setrlimit(resource.RLIMIT_AS, (vm_size + memory_bytes, vm_size + memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.chdir(scratch)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.closerange(3, result_fd)
        os.closerange(result_fd + 1, 65536)
        import grader.harvest as harvest
        collect = harvest.collect
        # Submissions that import the grader get fresh copies: patching them cannot reach `collect`.
        for name in [name for name in sys.modules if name == "grader" or name.startswith("grader.")]:
            del sys.modules[name]
        sys.argv = ["submission"]
        namespace, errors = _execute(cells, is_notebook)
        payload = json.dumps({"observed": collect(namespace, errors)}, allow_nan=True)
    except BaseException as exc:  # the harness itself failed (out of memory while collecting, say)
        payload = json.dumps({"harness_error": f"{type(exc).__name__}: {str(exc)[:300]}"})
    try:
        with os.fdopen(result_fd, "wb", closefd=False) as channel:
            channel.write(payload.encode())
    finally:
        os._exit(0)


class _Job:
    """One running child and what it has sent so far."""

    def __init__(self, index, path, timeout, memory_bytes):
        self.index, self.path, self.timeout = index, Path(path), timeout
        self.result, self.output, self.output_bytes = bytearray(), bytearray(), 0
        self.error = None
        self.scratch = tempfile.mkdtemp(prefix="logreg-grade-")
        cells = code_cells(self.path)
        result_read, result_write = os.pipe()
        output_read, output_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:
            _child(cells, self.path.suffix == ".ipynb", result_write, output_write, self.scratch, memory_bytes)
        os.close(result_write)
        os.close(output_write)
        self.pipes = {result_read: "result", output_read: "output"}
        self.started = time.monotonic()

    def feed(self, fd):
        """Read what is ready on ``fd``; returns False at end of file."""
        data = os.read(fd, 1 << 16)
        if not data:
            return False
        if self.pipes[fd] == "result":
            if len(self.result) + len(data) > RESULT_LIMIT:
                self.error = "sent far more data than a report needs"
                return False
            self.result += data
        else:
            self.output_bytes += len(data)
            if len(self.output) < OUTPUT_KEPT:
                self.output += data[: OUTPUT_KEPT - len(self.output)]
        return True

    def finish(self, status, rusage, timed_out):
        """The child's outcome as a plain dict: observations, or the reason there are none."""
        shutil.rmtree(self.scratch, ignore_errors=True)
        outcome = {"index": self.index, "seconds": round(time.monotonic() - self.started, 3),
                   "peak_memory_mb": round(rusage.ru_maxrss / 1024, 1),
                   "output": self.output.decode("utf-8", "replace"), "output_bytes": self.output_bytes}
        if timed_out:
            outcome["error"] = f"did not finish within {self.timeout:g} s (an endless loop, or very slow training?)"
        elif self.error:
            outcome["error"] = self.error
        else:
            try:
                outcome.update(json.loads(self.result.decode()))
            except ValueError:
                outcome["error"] = _death_reason(status)
            if "harness_error" in outcome:
                outcome["error"] = f"the grader could not inspect the result ({outcome.pop('harness_error')})"
        return outcome


def _death_reason(status):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        hint = " (often: out of memory)" if number in (signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS) else ""
        return f"the Python process was killed by {name}{hint} before it finished"
    return (f"the Python process ended early (exit status {os.WEXITSTATUS(status)}), "
            "e.g. through os._exit(), before the grader could look at the result")


def _stray_children(known):
    """Pids whose parent is this process but that no job owns: processes left behind by submissions."""
    me, strays = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in known:
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                strays.append(int(entry))
    return strays


def _kill_strays(known):
    """Kill and reap every stray child until none is left (a stray may fork while we look)."""
    for _ in range(100):
        strays = _stray_children(known)
        if not strays:
            return
        for pid in strays:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in strays:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _supervise(paths, jobs, timeout, memory_bytes, report):
    """Run every submission, ``jobs`` at a time, calling ``report(outcome)`` as each ends."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    pending = list(enumerate(paths))
    running = {}
    selector = selectors.DefaultSelector()
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index, path = pending.pop(0)
                try:
                    job = _Job(index, path, timeout, memory_bytes)
                except SubmissionError as exc:
                    report({"index": index, "error": str(exc), "seconds": 0.0, "output": "", "output_bytes": 0})
                    continue
                running[job.pid] = job
                for fd in job.pipes:
                    selector.register(fd, selectors.EVENT_READ, job)
            deadline = min(job.started + job.timeout for job in running.values()) if running else 0
            for key, _ in selector.select(timeout=max(0.0, min(0.2, deadline - time.monotonic()))):
                job = key.data
                if not job.feed(key.fd):
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    del job.pipes[key.fd]
            for pid, job in list(running.items()):
                timed_out = time.monotonic() > job.started + job.timeout
                if job.pipes and not timed_out and job.error is None:
                    continue
                if timed_out or job.error:
                    _kill_group(pid)
                _, status, rusage = os.wait4(pid, 0)
                _kill_group(pid)
                for fd in job.pipes:
                    selector.unregister(fd)
                    os.close(fd)
                del running[pid]
                _kill_strays(running)
                report(job.finish(status, rusage, timed_out))
            _kill_strays(running)
    finally:
        for pid in running:
            _kill_group(pid)
        _kill_strays(set())


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_batch(paths, jobs=None, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB):
    """Run submissions in isolation; yield one outcome dict per submission, in the order they finish.

    Each outcome has ``index`` (position in ``paths``), ``seconds``, ``output`` (the first
    ``OUTPUT_KEPT`` bytes printed), ``output_bytes``, and either ``observed`` (see
    ``grader.harvest.collect``) or ``error`` (why there is nothing to observe).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    supervisor = os.fork()
    if supervisor == 0:
        os.close(read_fd)
        status = 0
        try:
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
            signal.signal(signal.SIGINT, lambda *_: sys.exit(1))
            channel = os.fdopen(write_fd, "w")
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)  # the supervisor prints nothing; warm-up chatter must not reach --json
            warm_up()

            def report(outcome):
                channel.write(json.dumps(outcome) + "\n")
                channel.flush()
            _supervise([str(p) for p in paths], jobs, timeout, memory_mb * 2**20, report)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as channel:
            for line in channel:
                yield json.loads(line)
    finally:
        try:
            os.kill(supervisor, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(supervisor, 0)
