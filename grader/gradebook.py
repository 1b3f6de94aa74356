"""Make the isolated grader the source of truth for nbgrader's gradebook.

``nbgrader autograde`` runs the notebook's test cells inside each student's own kernel,
where a student cell can redefine ``check`` or ``np.allclose`` and award itself full
marks.  ``sync`` regrades every notebook of ``submitted/`` with ``python -m grader``'s
isolated runner and writes those scores over the autograded ones, through nbgrader's
own ``Gradebook`` API, so ``generate_feedback`` and ``export`` report them.  Any
submission whose in-kernel score was higher than its isolated score is flagged.
"""
from pathlib import Path

from grader.checks import grade_cell_id


def submitted_notebooks(course_dir, assignment):
    """``submitted/<student>/<assignment>/*.ipynb`` in the course, sorted by student."""
    return sorted(Path(course_dir, "submitted").glob(f"*/{assignment}/*.ipynb"))


def sync(course_dir, assignment, reports):
    """Write isolated ``reports`` (one per submitted notebook) into the gradebook; return one row per notebook.

    Each row: ``student``, ``notebook``, ``in_kernel`` (the autograded score, None if the
    notebook was never autograded), ``isolated``, and ``flagged`` (in-kernel > isolated).
    """
    from nbgrader.api import Gradebook, MissingEntry

    rows = []
    with Gradebook(f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}") as gradebook:
        for report in reports:
            student, notebook = report["student"], Path(report["submission"]).stem
            row = {"student": student, "notebook": notebook, "isolated": report["score"], "in_kernel": None,
                   "flagged": False}
            rows.append(row)
            try:
                grades = {check["name"]: gradebook.find_grade(grade_cell_id(check["name"]), notebook, assignment,
                                                              student) for check in report["checks"]}
            except MissingEntry:
                continue  # not autograded yet: nbgrader has no grade cells to write into
            row["in_kernel"] = sum(grade.auto_score or 0.0 for grade in grades.values())
            for check in report["checks"]:  # an instructor's manual override (manual_score) still wins
                grades[check["name"]].auto_score = check["score"]
                grades[check["name"]].needs_manual_grade = False
            gradebook.db.commit()
            row["flagged"] = row["in_kernel"] > row["isolated"] + 1e-9
    return rows
