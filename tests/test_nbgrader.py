"""nbgrader end to end, with the real command line and real kernels, in a scratch course and exchange.

release -> fetch -> submit -> collect -> autograde -> sync -> generate_feedback -> export, and zip_collect,
for a class whose students each stress one part: the reference solution, the untouched starter, an
under-trained model that warns, a kernel-side cheat that also edits and deletes test cells, a hang and a crash.
"""
import csv
import json
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from students import ENV, ROOT, cell, cheater, crasher, hanger, nbgrader, reference, starter, undertrained_and_warning
ASSIGNMENT = "logistic_regression"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
CELL_TIMEOUT = 10  # seconds; nbgrader_config.py sets the real one, this keeps the hanging student short
STUDENTS = {"ref": reference, "starter": starter, "slow": undertrained_and_warning, "cheat": cheater,
            "hangs": hanger, "crash": crasher}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("nbgrader")
    course, exchange = base / "course", base / "exchange"
    course.mkdir()
    exchange.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solution", course / "solution")
    ex = f"--Exchange.root={exchange}"
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course)
    nbgrader("release_assignment", ASSIGNMENT, ex, cwd=course)

    def fetch_work_submit(student):
        home = base / "students" / student
        home.mkdir(parents=True)
        nbgrader("fetch_assignment", ASSIGNMENT, "--course=logreg-kit", ex, cwd=home)
        path = home / ASSIGNMENT / NOTEBOOK
        text = path.read_text()
        nbformat.write(STUDENTS[student](nbformat.read(path, as_version=4)), path)
        nbgrader("submit", ASSIGNMENT, "--course=logreg-kit", ex, f"--student={student}", cwd=home)
        return student, text

    with ThreadPoolExecutor(max_workers=2) as pool:  # students work side by side, as in a real class
        fetched = dict(pool.map(fetch_work_submit, STUDENTS))
    nbgrader("collect", ASSIGNMENT, ex, cwd=course)
    autograde = nbgrader("autograde", ASSIGNMENT, f"--Execute.timeout={CELL_TIMEOUT}", cwd=course, check=False)
    sync = subprocess.run([sys.executable, "-m", "grader", "sync", ASSIGNMENT, "--timeout", "30"], cwd=course,
                          env=ENV, capture_output=True, text=True)
    assert sync.returncode == 0, sync.stderr
    nbgrader("generate_feedback", ASSIGNMENT, cwd=course)
    nbgrader("export", cwd=course)
    isolated = subprocess.run([sys.executable, "-m", "grader", "grade", str(course / "submitted"), "--json",
                               "--timeout", "30"], cwd=course, env=ENV, capture_output=True, text=True)
    return {"dir": course, "fetched": fetched, "autograde": autograde, "sync": sync.stdout,
            "isolated": {r["student"]: r["score"] for r in json.loads(isolated.stdout)}}


def exported(course):
    with open(course["dir"] / "grades.csv") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}


def sync_rows(course):
    rows = {}
    for line in course["sync"].splitlines()[2:]:
        student, in_kernel, isolated = line.split()[:3]
        rows[student] = (in_kernel, float(isolated), "FLAGGED" in line)
    return rows


def test_exported_grades_are_the_isolated_grader_scores(course):
    grades = exported(course)
    assert set(grades) == set(STUDENTS)
    assert grades == course["isolated"]
    assert grades["ref"] == 10
    assert grades["starter"] == grades["cheat"] == 0
    assert 0 < grades["slow"] < 10


def test_honest_in_kernel_scores_match_and_the_cheat_is_flagged(course):
    rows = sync_rows(course)
    for student in ("ref", "starter", "slow"):
        in_kernel, isolated, flagged = rows[student]
        assert float(in_kernel) == isolated and not flagged, student
    in_kernel, isolated, flagged = rows["cheat"]
    assert float(in_kernel) == 10 and isolated == 0 and flagged


def test_hidden_tests_ran_at_autograde_but_never_reached_students(course):
    for text in course["fetched"].values():
        assert "HIDDEN TESTS" not in text and 'grade("' not in text
    autograded = (course["dir"] / "autograded" / "ref" / ASSIGNMENT / NOTEBOOK).read_text()
    assert 'grade(\\"loss_convergence\\")' in autograded


def test_edited_and_deleted_test_cells_are_restored(course):
    notebook = nbformat.read(course["dir"] / "autograded" / "cheat" / ASSIGNMENT / NOTEBOOK, as_version=4)
    assert 'check("output_range")' in cell(notebook, "test_output_range").source
    assert 'check("subclasses_module")' in cell(notebook, "test_subclasses_module").source
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course['dir'] / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, "cheat")
        assert not submission.needs_manual_grade


def test_feedback_exists_for_everyone_and_leaks_no_reference_answer(course):
    for student in STUDENTS:
        if student == "crash":
            continue
        html = (course["dir"] / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert "Python" in html or "python" in html
        if student in ("starter", "slow", "cheat"):  # their own outputs show no fitted numbers
            for figure in ("1.743", "0.8963", "19.55", "0.13247"):
                assert figure not in html, (student, figure)


def test_a_hang_or_a_crash_fails_only_that_student(course):
    grades = exported(course)
    assert grades["hangs"] == course["isolated"]["hangs"] == 0
    assert grades["crash"] == course["isolated"]["crash"] == 0
    assert grades["ref"] == 10  # the others were graded


def test_zip_collect_takes_lms_downloads(course, tmp_path):
    """Submissions downloaded from an LMS as a zip of <student>_<notebook>.ipynb files."""
    archive = course["dir"] / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "lms-export.zip", "w") as bundle:
        bundle.writestr(f"lms-alice_{ASSIGNMENT}.ipynb", course["fetched"]["ref"])
    nbgrader("zip_collect", ASSIGNMENT, "--force", cwd=course["dir"])
    assert (course["dir"] / "submitted" / "lms-alice" / ASSIGNMENT / NOTEBOOK).exists()


def test_course_config_handles_nbgraders_traps():
    """The config every nbgrader command loads: the grader's timeout per cell, deleted test cells restored."""
    from traitlets.config.loader import PyFileConfigLoader

    from grader.sandbox import DEFAULT_TIMEOUT
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert config.Execute.timeout == DEFAULT_TIMEOUT > 30
    assert config.OverwriteCells.add_missing_cells is True
    assert config.CourseDirectory.source_directory == "solution"
    assert config.CourseDirectory.release_directory == "assignment"
