"""The CLI's contract and the runner's failure modes, through one real `python -m grader grade` call."""
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORRECT = (ROOT / "examples" / "alice_adam.py").read_text()
BROKEN_BONUS = 'ax.contour(S, T, P.numpy(), levels=[0.5], colors="k")'


def notebook(*cells):
    return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))


def grade(*args):
    return subprocess.run([sys.executable, "-m", "grader", "grade", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    submitted = folder / "submitted" / "erin" / "logistic_regression"
    submitted.mkdir(parents=True)
    files = {
        "syntax_error.py": "def broken(:\n",
        "not_json.ipynb": "{this is not a notebook",
        "raises_early.py": "raise RuntimeError('student bug')\n",
        "noisy.py": "import sys, warnings\nwarnings.warn('careful', UserWarning)\nprint('x' * 10, file=sys.stderr)\n"
                    + CORRECT,
        "bonus_fails.ipynb": notebook("%matplotlib inline\n" + CORRECT.replace(BROKEN_BONUS, ""),
                                      "raise ValueError('bonus 2 not done')", "print('still running')"),
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    (submitted / "logistic_regression.ipynb").write_text(notebook(CORRECT))
    result = grade(folder, "--json", "--timeout", "60")
    assert result.returncode == 0, result.stderr
    return {r["student"]: r for r in json.loads(result.stdout)}


def scores(report):
    return {c["name"]: c["score"] for c in report["checks"]}


def test_reports_follow_the_json_contract(reports):
    for report in reports.values():
        assert {"submission", "student", "score", "max_score", "checks", "error"} <= set(report)
        assert [set(c) >= {"name", "score", "max_score", "passed", "message"} for c in report["checks"]]
        assert report["score"] == pytest.approx(sum(c["score"] for c in report["checks"]))


def test_nbgrader_submitted_tree_names_the_student(reports):
    assert reports["erin"]["score"] == 10


def test_unparsable_submissions_get_zero_with_a_reason(reports):
    assert reports["not_json"]["score"] == 0 and "not a valid notebook" in reports["not_json"]["error"]
    syntax = reports["syntax_error"]
    assert syntax["score"] == 0 and "SyntaxError" in syntax["cell_errors"][0]["error"]


def test_a_raising_script_is_reported_not_fatal(reports):
    assert reports["raises_early"]["score"] == 0
    assert "RuntimeError: student bug" in reports["raises_early"]["cell_errors"][0]["error"]


def test_warnings_and_stderr_cost_nothing(reports):
    assert reports["noisy"]["score"] == 10


def test_a_failing_cell_does_not_stop_the_notebook(reports):
    report = reports["bonus_fails"]
    assert "still running" in report["output"]
    assert report["cell_errors"][0]["cell"] == 2
    assert scores(report)["decision_boundary"] == 0
    assert report["score"] == 9  # everything before Bonus 2 still earns its points


def test_bad_arguments_exit_nonzero(tmp_path):
    assert grade(tmp_path / "missing.py").returncode == 2
    assert grade(tmp_path).returncode == 2  # an empty folder holds no submissions
    assert grade(ROOT / "examples", "--jobs", "0").returncode == 2


def test_an_interrupted_batch_resumes_without_regrading(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    (folder / "a_done.py").write_text(CORRECT)
    (folder / "b_slow.py").write_text("import time\ntime.sleep(600)\n")
    command = [sys.executable, "-m", "grader", "grade", str(folder), "--out", str(out), "--jobs", "1"]
    batch = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((out / "reports").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    [saved] = list((out / "reports").glob("*.json"))
    batch.send_signal(signal.SIGINT)
    _, stderr = batch.communicate(timeout=60)
    assert batch.returncode == 130 and "--resume" in stderr
    assert json.loads(saved.read_text())["score"] == 10
    first_write = saved.stat().st_mtime_ns

    resumed = subprocess.run(command + ["--resume", "--timeout", "3", "--json"], cwd=ROOT, capture_output=True,
                             text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert saved.stat().st_mtime_ns == first_write  # kept, not graded again
    assert [(r["student"], r["score"]) for r in json.loads(resumed.stdout)] == [("a_done", 10), ("b_slow", 0)]
    assert (out / "grades.csv").read_text().count("\n") == 3
