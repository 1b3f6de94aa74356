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
import gc
import json
import os
import resource
import selectors
import signal
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

from _json import encode_basestring_ascii as _json_string  # C; bound before any submission can patch json
from IPython.core.interactiveshell import InteractiveShell

DEFAULT_TIMEOUT = 120.0         # seconds of wall-clock time per submission (also nbgrader's per-cell limit)
DEFAULT_MEMORY_MB = 2048        # memory a submission may allocate beyond the warm interpreter's own
OUTPUT_KEPT = 20_000            # bytes of a submission's printed output kept for its report
STRAY_SWEEP_SECONDS = 0.5      # how often processes orphaned by still-running jobs are looked for
RESULT_LIMIT = 64 * 2**20       # a result larger than this is junk, not observations
PR_SET_PDEATHSIG, PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 1, 3, 4, 36
DRAIN_READS = 256               # reads (64 KiB each) taken from a finished child's pipes, at most

# What a child uses after the submission has run, bound now: a submission may replace os._exit,
# os.write, json.dumps, sys.exc_info or builtins (type, str, isinstance ...) in its own process.
_os_write, _os_exit, _exc_info, _perf_counter = os.write, os._exit, sys.exc_info, time.perf_counter
_type, _str, _isinstance, _memoryview = type, str, isinstance, memoryview
_float_repr, _int_repr, _str_join, _dict_items = float.__repr__, int.__repr__, str.join, dict.items
_INFINITY = float("inf")


def _plain_json(value):
    """JSON text of plain data (dict, list, tuple, str, int, float, bool, None), NaN allowed.

    A tiny encoder of our own instead of ``json.dumps``: the child runs it after the submission,
    and a submission can patch ``json`` (dumps, JSONEncoder, the C accelerator) in its process.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if _isinstance(value, int):
        return _int_repr(value)
    if _isinstance(value, float):
        if value != value:
            return "NaN"
        if value == _INFINITY or value == -_INFINITY:
            return "Infinity" if value > 0 else "-Infinity"
        return _float_repr(value)
    if _isinstance(value, str):
        return _json_string(value)
    if _isinstance(value, (list, tuple)):
        return "[" + _str_join(",", [_plain_json(item) for item in value]) + "]"
    if _isinstance(value, dict):
        return "{" + _str_join(",", [_json_string(key) + ":" + _plain_json(item)
                                     for key, item in _dict_items(value)]) + "}"
    raise TypeError(f"not plain data: {_type(value).__name__}")


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


#: Run once in the supervisor before any child is forked: the first call of each torch operator,
#: optimiser and line search, and of each kind of plot, costs far more than later ones (measured:
#: 0.95 s for a first LBFGS fit with line search, 7 ms after), and children inherit the warm state.
WARM_UP_CODE = """
import numpy as np, torch, matplotlib.pyplot as plt
from torch import nn
from grader.exercise import training_data, test_points
X, y = (torch.tensor(a, dtype=torch.float32) for a in training_data())

class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)
        self.register_buffer("center", X.mean(0))
        self.register_buffer("spread", X.std(0))

    def forward(self, x):
        return torch.sigmoid(self.linear((x - self.center) / self.spread)).squeeze(-1)

for make in (lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.9), lambda p: torch.optim.Adam(p, lr=0.1),
             lambda p: torch.optim.LBFGS(p, line_search_fn="strong_wolfe"), torch.optim.LBFGS):
    model = LogisticRegression(2)
    optimiser = make(model.parameters())
    def closure():
        optimiser.zero_grad()
        loss = nn.BCELoss()(model(X), y) + nn.BCEWithLogitsLoss()(model.linear(X).squeeze(1), y) * 0
        loss.backward()
        return loss
    losses = [optimiser.step(closure).item() for _ in range(3)]
test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.plot(X[:, 0], X[:, 1], "o")
ax.scatter(X[:, 0], X[:, 1])
ax.axline((0, 20), slope=-2)
ax.contour(np.linspace(0, 12, 20), np.linspace(0, 20, 20), np.random.rand(20, 20), levels=[0.5])
ax.legend(["a"])
_, loss_ax = plt.subplots()
loss_ax.plot(losses)
loss_ax.set_yscale("log")
for figure in map(plt.figure, plt.get_fignums()):
    figure.canvas.draw()
plt.close("all")
"""


def warm_up():
    """Import and exercise torch, matplotlib, IPython and the harvest once, so forked children start warm."""
    os.environ["MPLBACKEND"] = "Agg"
    import matplotlib
    matplotlib.use("Agg")
    import nbformat  # noqa: F401  (read for each notebook: importing it costs a second, once)
    import torch

    import grader.harvest  # binds pristine references before any submission runs
    torch.set_num_threads(1)  # one thread per child: jobs run side by side, and forked OpenMP pools hang
    namespace = {}
    exec(compile(WARM_UP_CODE, "warm-up", "exec"), namespace)
    grader.harvest.collect(namespace)
    # History in memory: forked children must not share one SQLite file (and session number),
    # which fails with "Session/line number was not unique" and writes into the grader's ~/.ipython.
    from traitlets.config import Config
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = NotebookShell.instance(config=config)
    _set_up_notebook_shell(shell)
    shell.run_cell(WARM_UP_CODE, store_history=False)  # again, under the inline backend's settings
    shell.reset(new_session=False)
    matplotlib.use("Agg")


def _set_up_notebook_shell(shell):
    """Plots as in Jupyter (inline backend: figures shown and closed after each cell), but not drawn.

    Drawing and rendering to images nobody will see is most of a fast notebook's run time
    (measured: 0.2 of 0.3 s), and changes nothing the checks read: a figure's data and limits
    do not depend on it.
    """
    import matplotlib.pyplot as plt
    shell.run_line_magic("matplotlib", "inline")
    for mime in ("image/png", "image/jpeg", "image/svg+xml", "application/pdf"):
        shell.display_formatter.formatters[mime].enabled = False
    if plt._draw_all_if_interactive in shell.events.callbacks["post_execute"]:
        shell.events.unregister("post_execute", plt._draw_all_if_interactive)


def _execute(cells, is_notebook):
    """Run the cells as Jupyter would (notebook) or as ``python file.py`` would; return ``(namespace, errors)``."""
    errors = []
    if is_notebook:
        shell = NotebookShell.instance()
        _set_up_notebook_shell(shell)
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
        # The line in the submission (not in a library it called), found without the traceback
        # module: a submission that patched isinstance or str must not break its own error report.
        line, frame = None, exc.__traceback__
        while frame is not None:
            if frame.tb_frame.f_code.co_filename == "submission.py":
                line = frame.tb_lineno
            frame = frame.tb_next
        if line is None and _isinstance(exc, SyntaxError):
            line = exc.lineno
        errors.append({"line": line, "error": f"{_type(exc).__name__}: {_str(exc)[:300]}"})
    return namespace, errors


def _child(cells, is_notebook, result_fd, output_fd, scratch, memory_bytes):
    """Body of a forked child. Never returns.

    After the submission has run, only names bound before it ran are used (``collect``,
    ``_plain_json``, ``_os_write``, ``_os_exit``), and the handlers are bare ``except:`` clauses,
    which look up no name: a submission that patches json, os or builtins (even BaseException)
    can neither change what is sent back nor make this function return into the supervisor's code.
    """
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
        started = _perf_counter()
        namespace, errors = _execute(cells, is_notebook)
        run_seconds = _perf_counter() - started  # the submission's own run time, for the benchmark
        payload = _plain_json({"observed": collect(namespace, errors), "run_seconds": run_seconds})
    except:  # noqa: E722  the harness itself failed (out of memory while collecting, say)
        try:
            exc = _exc_info()[1]
            payload = _plain_json({"harness_error": f"{_type(exc).__name__}: {_str(exc)[:300]}"})
        except:  # noqa: E722
            payload = '{"harness_error": "an exception that cannot be described"}'
    try:
        view = _memoryview(payload.encode())
        while view:
            view = view[_os_write(result_fd, view):]
    except:  # noqa: E722
        pass
    _os_exit(0)


class _Job:
    """One running child and what it has sent so far."""

    def __init__(self, index, path, timeout, memory_bytes):
        self.index, self.path, self.timeout = index, Path(path), timeout
        self.result, self.output, self.output_bytes = bytearray(), bytearray(), 0
        self.error = None
        self.scratch = tempfile.mkdtemp(prefix="logreg-grade-", dir=_SCRATCH_ROOT)
        cells = code_cells(self.path)
        # The result travels over a socket, not a pipe: another submission could reopen a pipe
        # through /proc/<pid>/fd/N and write a forged result into it; a socket cannot be reopened.
        result_read, result_write = (end.detach() for end in socket.socketpair())
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

    def drain(self):
        """Read what a finished child left in its pipes, without waiting for them to close.

        A process the child left behind may hold the write ends open (so no end of file comes)
        or keep writing; it is killed right after, so take only what is already there.
        """
        for fd in list(self.pipes):
            os.set_blocking(fd, False)
            for _ in range(DRAIN_READS):
                try:
                    if not self.feed(fd):
                        break
                except BlockingIOError:
                    break

    def finish(self, status, timed_out):
        """The child's outcome as a plain dict: observations, or the reason there are none."""
        shutil.rmtree(self.scratch, ignore_errors=True)
        outcome = {"index": self.index, "seconds": round(time.monotonic() - self.started, 3),
                   "output": self.output.decode("utf-8", "replace"), "output_bytes": self.output_bytes}
        if timed_out:
            outcome["error"] = f"did not finish within {self.timeout:g} s (an endless loop, or very slow training?)"
        elif self.error:
            outcome["error"] = self.error
        elif not self.result:
            outcome["error"] = _death_reason(status)
        else:
            # Take only the two fields a child may send: anything else (an "index" naming another
            # submission, say) would let one submission overwrite another's report.
            try:
                sent = json.loads(self.result.decode())
            except Exception:  # not JSON, not UTF-8, nested too deeply ...
                sent = None
            from grader.harvest import malformed  # this process's copy: submissions run in other processes
            if isinstance(sent, dict) and "observed" in sent and malformed(sent["observed"]) is None:
                outcome["observed"] = sent["observed"]
                if isinstance(sent.get("run_seconds"), float):  # only statistics: never judged
                    outcome["run_seconds"] = round(min(max(sent["run_seconds"], 0.0), outcome["seconds"]), 3)
            elif isinstance(sent, dict) and isinstance(sent.get("harness_error"), str):
                outcome["error"] = f"the grader could not inspect the result ({sent['harness_error'][:300]})"
            else:
                outcome["error"] = "sent back something that is not the grader's observations"
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


def _supervise(items, jobs, timeout, memory_bytes, report):
    """Run every ``(index, path, alone)``, ``jobs`` at a time, calling ``report`` as each starts and ends.

    An item marked ``alone`` runs with nothing beside it (see ``run_batch``).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    pending = list(items)
    running = {}
    selector = selectors.DefaultSelector()
    next_sweep = 0.0
    try:
        while pending or running:
            while pending and len(running) < jobs and not (running and pending[0][2]) \
                    and not any(job.alone for job in running.values()):
                index, path, alone = pending.pop(0)
                try:
                    job = _Job(index, path, timeout, memory_bytes)
                except SubmissionError as exc:
                    report({"index": index, "error": str(exc), "seconds": 0.0, "output": "", "output_bytes": 0})
                    continue
                job.alone = alone
                running[job.pid] = job
                report({"started": index})
                for fd in job.pipes:
                    selector.register(fd, selectors.EVENT_READ, job)
            deadline = min(job.started + job.timeout for job in running.values()) if running else 0
            # A child whose pipes have closed is exiting: look again in a moment, not at the next 0.2 s tick.
            tick = 0.002 if any(not job.pipes for job in running.values()) else 0.2
            for key, _ in selector.select(timeout=max(0.0, min(tick, deadline - time.monotonic()))):
                job = key.data
                if not job.feed(key.fd):
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    del job.pipes[key.fd]
            for pid, job in list(running.items()):
                timed_out = time.monotonic() > job.started + job.timeout
                # A job ends when its process exits, not when its pipes close: processes it left
                # behind may hold them open, and a submission may close them and carry on.
                ended = None if timed_out or job.error else _reap(pid)
                if ended is None and not timed_out and job.error is None:
                    continue
                if ended is None:
                    _kill_group(pid)
                    _kill(pid)
                    _, status = os.waitpid(pid, 0)
                else:
                    status = ended
                    job.drain()
                _kill_group(pid)
                for fd in job.pipes:
                    selector.unregister(fd)
                    os.close(fd)
                del running[pid]
                _kill_strays(running)
                report(job.finish(status, timed_out))
            if time.monotonic() >= next_sweep:  # orphans of jobs still running: a /proc scan costs ~5 ms
                _kill_strays(running)
                next_sweep = time.monotonic() + STRAY_SWEEP_SECONDS
    finally:
        for pid in running:
            _kill_group(pid)
        _kill_strays(set())


def _reap(pid):
    """The child's wait status if it has exited (and is now reaped), else None."""
    done, status = os.waitpid(pid, os.WNOHANG)
    return status if done else None


def _kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_batch(paths, jobs=None, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB):
    """Run submissions in isolation; yield one outcome dict per submission, in the order they finish.

    Each outcome has ``index`` (position in ``paths``), ``seconds`` (from fork to exit),
    ``output`` (the first ``OUTPUT_KEPT`` bytes printed), ``output_bytes``, and either
    ``observed`` (see ``grader.harvest.collect``) and
    ``run_seconds`` (the submission's own run time), or ``error`` (why there is nothing to observe).

    A submission can kill its supervisor (``os.kill(os.getppid(), 9)``).  The batch survives it:
    submissions not yet started go on in a new supervisor, and those that were running are run
    again after them, each alone; one that kills its supervisor even then gets an error outcome.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    libc = ctypes.CDLL(None, use_errno=True)
    # Non-dumpable while grading: a submission (same user) cannot open /proc/<this pid>/fd/N to
    # write into our stdout or channels, nor read our memory.  (Root ignores this: grade as a
    # dedicated unprivileged user.)  Restored afterwards, as callers may be long-lived processes.
    dumpable = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    try:
        queue = [(index, str(path), False) for index, path in enumerate(paths)]
        for _ in range(2 * len(paths) + 2):  # every round but the last finishes, suspects or convicts one
            started, finished = set(), set()
            for message in _supervised(queue, jobs, timeout, memory_mb):
                if "started" in message:
                    started.add(message["started"])
                else:
                    finished.add(message["index"])
                    yield message
            if not started and not finished:  # the supervisor cannot even start
                break
            # It died (or ended).  Whichever ran alone when it died killed it; those that ran
            # beside others are suspects, rerun alone after the others; the rest simply go on.
            convicted = [item for item in queue if item[0] in started and item[0] not in finished and item[2]]
            for index, _, _ in convicted:
                yield _failed(index, "the grading process was killed while this submission ran "
                                     "(does it kill its parent process?)")
            suspects = [(index, path, True) for index, path, alone in queue
                        if index in started and index not in finished and not alone]
            queue = [item for item in queue if item[0] not in started and item[0] not in finished]
            queue = [item for item in queue if not item[2]] + [item for item in queue if item[2]] + suspects
            if not queue:
                return
        for index, _, _ in queue:
            yield _failed(index, "the grading process could not run; this submission was not graded")
    finally:
        libc.prctl(PR_SET_DUMPABLE, 1 if dumpable > 0 else 0, 0, 0, 0)  # 2 (suid) cannot be set back


#: Folder holding the scratch folders of one supervisor's jobs; run_batch removes it when that
#: supervisor ends, so a supervisor killed mid-job (see run_batch) leaves no scratch folder behind.
_SCRATCH_ROOT = None


def _failed(index, reason):
    return {"index": index, "seconds": 0.0, "output": "", "output_bytes": 0, "error": reason}


def _supervised(items, jobs, timeout, memory_mb):
    """Run ``(index, path, alone)`` items in a new supervisor; yield its messages until it ends or dies."""
    # A socket, not a pipe, from the supervisor: a pipe could be reopened through /proc and fed
    # forged outcomes by a submission.
    read_end, write_end = socket.socketpair()
    scratch_root = tempfile.mkdtemp(prefix="logreg-grade-")
    sys.stdout.flush()
    sys.stderr.flush()
    supervisor = os.fork()
    if supervisor == 0:
        global _SCRATCH_ROOT
        _SCRATCH_ROOT = scratch_root
        read_end.close()
        status = 0
        try:
            libc = ctypes.CDLL(None)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
            signal.signal(signal.SIGINT, lambda *_: sys.exit(1))
            channel = write_end.makefile("w")
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)  # the supervisor prints nothing; warm-up chatter must not reach --json
            warm_up()

            def report(outcome):
                channel.write(json.dumps(outcome) + "\n")
                channel.flush()
            gc.freeze()  # keep the warm objects out of the children's garbage collections: fewer copied pages
            _supervise(items, jobs, timeout, memory_mb * 2**20, report)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    write_end.close()
    try:
        with read_end, read_end.makefile("r") as channel:
            for line in channel:
                try:
                    message = json.loads(line)
                except ValueError:  # a line cut short by the supervisor's death
                    break
                yield message
    finally:
        try:
            os.kill(supervisor, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(supervisor, 0)
        shutil.rmtree(scratch_root, ignore_errors=True)
