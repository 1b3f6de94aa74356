"""nbgrader configuration: the repository root is the course directory.

The instructor's source notebooks live in ``solution/<assignment>/`` and the generated
student release in ``assignment/<assignment>/`` (committed, never edited by hand).
"""
from grader.sandbox import DEFAULT_TIMEOUT

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "logreg-kit"
c.CourseDirectory.source_directory = "solution"
c.CourseDirectory.release_directory = "assignment"
c.CourseDirectory.db_assignments = [dict(name="logistic_regression")]

c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("Replace this line with your code.")'}

# nbgrader's default of 30 s per cell is shorter than some students' training: use the grader's limit.
c.Execute.timeout = int(DEFAULT_TIMEOUT)
# A student who deletes a test cell must not leave it at "needs manual grading": nbgrader puts it back.
c.OverwriteCells.add_missing_cells = True
# zip_collect: files downloaded from an LMS, named <student>_<notebook>.ipynb (student ids without "_").
# Adjust to your LMS's naming; see `nbgrader zip_collect --help-all`.
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[^_/]+)_(?P<file_id>[\w-]+)\.ipynb$"
