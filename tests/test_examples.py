"""`make grade`'s job: the bundled examples, the reference solution and the untouched starter, through the real CLI."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from expectations import parse, verify
from students import RELEASE as STARTER, ROOT, SOURCE as SOLUTION



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
    problems = verify(graded[0][path.resolve()], parse(path))
    assert not problems, "\n".join(problems)


def test_grading_writes_the_reports(graded):
    out = graded[1]
    assert (out / "grades.csv").exists() and (out / "summary.html").exists()
