"""Student notebooks for the tests and the benchmark: the release notebook, filled in the ways students do."""
import os
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "solution" / "logistic_regression" / "logistic_regression.ipynb"
RELEASE = ROOT / "assignment" / "logistic_regression" / "logistic_regression.ipynb"
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # nbgrader runs alembic
CHEAT = """import grader.notebook
from grader.checks import CHECKS, CheckResult
grader.notebook.run_check = lambda name, observed, public=False: CheckResult(name, CHECKS[name][0], CHECKS[name][0], True, "")
"""


def nbgrader(*args, cwd, check=True):
    """Run the real nbgrader command line."""
    result = subprocess.run(["nbgrader", *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def solved(notebook):
    """The fetched notebook with every solution cell filled in from the instructor's source."""
    source = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nbformat.read(SOURCE, as_version=4).cells}
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            lines = source[cell.metadata["nbgrader"]["grade_id"]].splitlines()
            cell.source = "\n".join(line for line in lines if "### " not in line)
    return notebook


def cell(notebook, grade_id):
    return next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def insert_after(notebook, grade_id, source):
    index = notebook.cells.index(cell(notebook, grade_id))
    notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return notebook


def reference(nb):
    return solved(nb)


def starter(nb):
    return nb


def undertrained(nb):
    nb = solved(nb)
    cell(nb, "train").source = cell(nb, "train").source.replace("range(1000)", "range(5)")
    return nb


def cheater(nb):
    """Leaves the stub, patches the checks in its kernel, and edits one test cell and deletes another."""
    cell(nb, "test_output_range").source = "pass"
    nb.cells.remove(cell(nb, "test_subclasses_module"))
    return insert_after(nb, "setup", CHEAT)


def undertrained_and_warning(nb):
    """Warnings on stderr from the student's model must not zero nbgrader's test cells."""
    nb = undertrained(nb)
    model = cell(nb, "model")
    model.source = "import warnings\n" + model.source.replace(
        "        z = self.linear(", "        warnings.warn('a torch-style UserWarning', UserWarning)\n        z = self.linear(")
    return nb


def hanger(nb):
    return insert_after(solved(nb), "train", "while True:\n    pass")


def crasher(nb):
    return insert_after(solved(nb), "setup", "import os\nos._exit(1)")


def fast_lbfgs(nb):
    """A correct student whose own training takes a few milliseconds: LBFGS on standardised features."""
    nb = solved(nb)
    train = cell(nb, "train")
    start, end = train.source.index("optimizer = "), train.source.index("\nloss_fig")
    train.source = train.source[:start] + (
        'optimizer = torch.optim.LBFGS(model.parameters(), max_iter=50, line_search_fn="strong_wolfe")\n'
        "loss_fn = nn.BCELoss()\n"
        "losses = []\n\n\n"
        "def closure():\n"
        "    optimizer.zero_grad()\n"
        "    loss = loss_fn(model(X), y)\n"
        "    loss.backward()\n"
        "    return loss\n\n\n"
        "for step in range(4):\n"
        "    losses.append(optimizer.step(closure).item())\n") + train.source[end:]
    return nb


def slow_but_correct(nb):
    """A correct student who trains for a long time (about two seconds here)."""
    nb = solved(nb)
    cell(nb, "train").source = cell(nb, "train").source.replace("range(1000)", "range(8000)")
    return nb
