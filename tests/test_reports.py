"""grader.reports: the files a grading run leaves, from hand-made reports (no grading needed)."""
import base64
import csv
import io
import json
import re

import numpy as np
import pytest
from matplotlib.image import imread

from grader import reports
from grader.checks import CHECKS, MAX_SCORE
from grader.exercise import reference_fit

HOSTILE = "Your forward raised <script>alert(1)</script> & more."
REFERENCE = [*map(float, reference_fit()[0]), reference_fit()[1]]


def make_report(student, fractions=None, messages=None, error=None, plot=None, **extra):
    """A report like grader.cli.build_report makes; ``fractions`` of each check's points (default all)."""
    fractions, messages = fractions or {}, messages or {}
    checks = []
    for name, (points, _) in CHECKS.items():
        score = 0.0 if error else round(points * fractions.get(name, 1.0), 2)
        message = f"Not checked: {error}." if error else messages.get(name, "Well done.")
        checks.append({"name": name, "score": score, "max_score": points, "passed": score >= points,
                       "message": message})
    report = {"submission": f"/submissions/{student}.ipynb", "student": student,
              "score": round(sum(c["score"] for c in checks), 2), "max_score": MAX_SCORE, "checks": checks,
              "error": error, "cell_errors": [], "output": "", "output_bytes": 0, "seconds": 0.5,
              "plot": plot if plot is not None else {"boundary": REFERENCE, "losses": [0.7, 0.3, 0.2, 0.135],
                                                      "losses_every": 10}}
    report.update(extra)
    return report


REPORTS = [
    make_report("alice"),
    make_report("bob", fractions={"output_range": 0.0, "loss_convergence": 0.25},
                messages={"output_range": HOSTILE,
                          "loss_convergence": "Your loss is 0.2314 nats; fit longer. Try Adam."},
                cell_errors=[{"cell": 3, "error": "NameError: name '<x>' is not defined"}],
                output="\x1b[31mprinted <b>bold</b> & stuff\x1b[0m\n" + "y" * 5000, output_bytes=20480,
                plot={"boundary": [1.0, 0.5, -14.0], "losses": [0.9, float("nan"), 0.5], "losses_every": 1}),
    make_report("carol", error="did not finish within 120 s (an endless loop, or very slow training?)",
                plot={"boundary": None, "losses": []}),
    make_report("dup", fractions={"loss_convergence": 0.0},
                messages={"loss_convergence": "Your loss is 0.5012 nats; fit longer."}),
    make_report("dup"),
]
NAMES = ["alice", "bob", "carol", "dup", "dup-2"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    directory = tmp_path_factory.mktemp("reports") / "out"
    reports.write_all(REPORTS, directory)
    return directory


def embedded_pngs(page):
    """Every inline PNG of a page, decoded to pixels (fails if one is not a valid PNG)."""
    blobs = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    return [imread(io.BytesIO(base64.b64decode(blob, validate=True)), format="png") for blob in blobs]


def test_grades_csv_has_a_row_per_submission_with_every_check(out):
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["student", "submission", *CHECKS, "total", "max", "error"]
    assert [row[0] for row in rows[1:]] == ["alice", "bob", "carol", "dup", "dup"]
    table = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert table[1]["output_range"] == "0.0" and float(table[1]["loss_convergence"]) == 0.5
    assert float(table[1]["total"]) == MAX_SCORE - 2.5 and float(table[1]["max"]) == MAX_SCORE
    assert table[2]["error"].startswith("did not finish") and float(table[2]["total"]) == 0
    assert table[3]["submission"] == table[4]["submission"] == "/submissions/dup.ipynb"
    assert [float(table[3]["total"]), float(table[4]["total"])] == [MAX_SCORE - 2, MAX_SCORE]


def test_feedback_pages_exist_per_submission_with_plots(out):
    assert sorted(p.name for p in (out / "feedback").iterdir()) == sorted(f"{n}.html" for n in NAMES)
    for name in NAMES:
        page = (out / "feedback" / f"{name}.html").read_text(encoding="utf-8")
        images = embedded_pngs(page)
        assert len(images) == 1 and images[0].ndim == 3 and images[0].shape[0] > 100
        assert "<script" not in page.lower()


def test_feedback_escapes_everything_the_submission_controls(out):
    page = (out / "feedback" / "bob.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in page
    assert "name &#x27;&lt;x&gt;&#x27; is not defined" in page
    assert "printed &lt;b&gt;bold&lt;/b&gt; &amp; stuff" in page and "<b>bold" not in page
    assert "\x1b" not in page
    shown = re.search(r"<pre>(.*?)</pre>", page, re.S).group(1)
    assert len(shown) <= reports.OUTPUT_SHOWN + 50 and "20,480 bytes" in page
    assert "7.5 / 10" in page


def test_feedback_explains_an_error_and_missing_plot_data(out):
    page = (out / "feedback" / "carol.html").read_text(encoding="utf-8")
    assert "Grading stopped early" in page and "did not finish within 120 s" in page
    assert "could not be worked out" in page and "No loss history" in page


def test_gradescope_results_follow_the_spec(out):
    for report, name in zip(REPORTS, NAMES):
        result = json.loads((out / "gradescope" / name / "results.json").read_text(encoding="utf-8"))
        assert result["visibility"] == "visible" and result["stdout_visibility"] == "hidden"
        assert isinstance(result["output"], str) and isinstance(result["execution_time"], (int, float))
        tests = result["tests"]
        assert [t["name"].rsplit("(", 1)[1].rstrip(")") for t in tests] == list(CHECKS)
        for test, check in zip(tests, report["checks"]):
            assert set(test) == {"name", "score", "max_score", "status", "output"}
            assert test["status"] == ("passed" if check["passed"] else "failed")
            assert test["output"] == check["message"]
        assert sum(t["score"] for t in tests) == pytest.approx(result["score"]) == pytest.approx(report["score"])
        assert sum(t["max_score"] for t in tests) == pytest.approx(MAX_SCORE)
    assert "did not finish" in json.loads((out / "gradescope" / "carol" / "results.json").read_text())["output"]


def test_summary_counts_failed_checks_and_groups_mistakes(out):
    assert reports.failed_counts(REPORTS) == {"subclasses_module": 1, "output_range": 2, "logistic_form": 1,
                                              "loss_convergence": 3, "test_accuracy": 1, "decision_boundary": 1}
    mistakes = reports.common_mistakes(REPORTS)
    assert mistakes["loss_convergence"][0] == ("Your loss is # nats; fit longer.", 2)
    assert len(mistakes["loss_convergence"]) == 2 and "subclasses_module" in mistakes
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "3 of 5" in page and "2 \u00d7 Your loss is # nats; fit longer." in page
    assert "&lt;script&gt;" in page and "<script" not in page.lower()
    assert len(embedded_pngs(page)) == 1
    for name in NAMES:
        assert f'href="feedback/{name}.html"' in page


def test_reports_json_round_trips(out):
    assert json.loads((out / "reports.json").read_text(encoding="utf-8"))[0] == REPORTS[0]


def test_file_names_are_safe_and_unique():
    names = reports.file_names([{"student": s} for s in
                                ["../../etc/passwd", "Alice", "alice", "", "..", "é <b>", "alice-2"]])
    assert names == ["_.._etc_passwd", "Alice", "alice-2", "student", "student-2", "___b_", "alice-2-2"]
    assert all(re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", n) for n in names)


def test_boundary_segment_clips_to_the_window():
    assert reports.boundary_segment([1.0, 0.0, -5.0], (0, 10), (0, 20)) == ((5.0, 0), (5.0, 20))
    assert reports.boundary_segment([1.0, 1.0, -100.0], (0, 10), (0, 20)) is None
    assert reports.boundary_segment([0.0, 0.0, 1.0], (0, 10), (0, 20)) is None
    assert reports.boundary_segment([np.inf, 1.0, 0.0], (0, 10), (0, 20)) is None

