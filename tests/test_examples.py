"""`make grade`'s job: the bundled examples, the reference solution and the untouched starter, through the real CLI."""
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solution" / "logistic_regression" / "logistic_regression.ipynb"
STARTER = ROOT / "assignment" / "logistic_regression" / "logistic_regression.ipynb"


def expectation(path):
    """Parse ``# expect: pass=a,b fail=c total<10`` (or ``total=10``) from the top of an example."""
    text = nbformat.read(path, as_version=4).cells[0].source if path.suffix == ".ipynb" else path.read_text()
    line = re.search(r"#\s*expect:(.+)", text).group(1)
    expected = {key: value.split(",") for key, value in re.findall(r"(pass|fail)=([\w,]+)", line)}
    expected.update({f"total{op}": float(value) for op, value in re.findall(r"total([<=])([\d.]+)", line)})
    return expected


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("grading-output")
    result = subprocess.run([sys.executable, "-m", "grader", "grade", str(SOLUTION), str(STARTER),
                             str(ROOT / "examples"), "--json", "--out", str(out), "--timeout", "60"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return {Path(r["submission"]).resolve(): r for r in json.loads(result.stdout)}, out


def test_reference_solution_gets_full_marks(graded):
    report = graded[0][SOLUTION]
    assert report["score"] == report["max_score"] == 10 and report["error"] is None


def test_untouched_starter_gets_zero_without_crashing(graded):
    report = graded[0][STARTER]
    assert report["score"] == 0 and report["error"] is None
    assert any("NotImplementedError" in e["error"] for e in report["cell_errors"])


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.*")), ids=lambda p: p.name)
def test_example_gets_the_verdict_its_file_states(graded, path):
    report, expected = graded[0][path.resolve()], expectation(path)
    scores = {c["name"]: c for c in report["checks"]}
    for name in expected.get("pass", []):
        assert scores[name]["passed"], (name, scores[name]["message"])
    for name in expected.get("fail", []):
        assert not scores[name]["passed"] and scores[name]["message"] != "Well done.", name
    assert report["score"] == expected.get("total=", report["score"])
    assert report["score"] < expected.get("total<", float("inf"))


def test_grading_writes_the_reports(graded):
    out = graded[1]
    assert (out / "grades.csv").exists() and (out / "summary.html").exists()
