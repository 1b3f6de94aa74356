"""The instructor's notebook and the student release, run in a real Jupyter kernel and by the real nbgrader."""
import json
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from grader.exercise import reference_fit
from students import RELEASE, ROOT, SOURCE, nbgrader


def run_notebook(notebook, workdir):
    """Execute like nbgrader does: every cell, errors recorded and execution going on."""
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook


def outputs_by_id(notebook):
    return {cell.metadata["nbgrader"]["grade_id"]: cell.get("outputs", [])
            for cell in notebook.cells if "nbgrader" in cell.metadata}


def errors(outputs):
    return [o for o in outputs if o.output_type == "error"]


@pytest.fixture(scope="module")
def executed_solution(tmp_path_factory):
    notebook = nbformat.read(SOURCE, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "from grader.exercise import training_data, reference_fit, mean_bce_of_probabilities\n"
        "X_, y_ = training_data()\n"
        "with torch.no_grad():\n"
        "    p_ = model(torch.tensor(X_, dtype=torch.float32)).double().numpy().ravel()\n"
        "print('GAP', mean_bce_of_probabilities(p_, y_) - reference_fit()[2])",
        metadata={"nbgrader": {"grade_id": "measure"}}))
    return run_notebook(notebook, tmp_path_factory.mktemp("solution"))


def test_solution_reaches_the_optimum_within_1e_4_nats(executed_solution):
    text = "".join(o.text for o in outputs_by_id(executed_solution)["measure"] if o.output_type == "stream")
    gap = float(text.split("GAP")[1])
    assert 0 <= gap < 1e-4


def test_solution_runs_clean_and_passes_every_test_cell_with_hidden_tests(executed_solution):
    outputs = outputs_by_id(executed_solution)
    failing = {cell_id: errors(out) for cell_id, out in outputs.items() if errors(out)}
    assert not failing
    for cell_id, out in outputs.items():
        if cell_id.startswith("test_"):  # full marks: no partial-credit value, nothing on stderr
            assert not [o for o in out if o.output_type == "execute_result" or o.get("name") == "stderr"], cell_id


def test_solution_draws_the_boundary_figure(executed_solution):
    images = [o for o in outputs_by_id(executed_solution)["bonus2"] if "image/png" in o.get("data", {})]
    assert images, "Bonus 2 shows no figure"


def test_untouched_starter_stops_at_the_stub_with_a_clear_error(tmp_path):
    outputs = outputs_by_id(run_notebook(nbformat.read(RELEASE, as_version=4), tmp_path))
    for cell_id in ("train", "bonus1", "bonus2"):
        [error] = errors(outputs[cell_id])
        assert error.ename == "NotImplementedError" and "Replace this line" in error.evalue
    # Self-checks fail with a message that says what to do, not a traceback from deep inside the grader.
    [error] = errors(outputs["test_subclasses_module"])
    assert error.ename == "AssertionError" and "LogisticRegression(2)" in error.evalue
    assert not errors(outputs["setup"]) and not errors(outputs["scatter"])


def test_release_is_exactly_what_nbgrader_generates(tmp_path):
    """assignment/ is generated, never edited: regenerate it in a scratch course and compare."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "solution", tmp_path / "solution")
    nbgrader("generate_assignment", "logistic_regression", "--no-db", cwd=tmp_path)
    fresh = tmp_path / "assignment" / "logistic_regression"
    committed = ROOT / "assignment" / "logistic_regression"
    assert sorted(p.name for p in fresh.iterdir()) == sorted(p.name for p in committed.iterdir())
    for path in fresh.iterdir():
        assert json.loads(path.read_text()) == json.loads((committed / path.name).read_text()), \
            f"{path.name} drifted: run `make release` and commit"


def released_text():
    return "\n".join(path.read_text() for path in (ROOT / "assignment").rglob("*") if path.is_file())


def test_release_leaks_no_solution_hidden_test_or_reference_answer():
    text = released_text()
    source = nbformat.read(SOURCE, as_version=4)
    solution_lines = set()
    for cell in source.cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END SOLUTION" in line or "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 12:
                solution_lines.add(line.strip())
    assert solution_lines, "the source notebook has solution regions"
    leaked = [line for line in solution_lines if line in text]
    assert not leaked
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", 'grade("'):
        assert marker not in text
    w, b, loss = reference_fit()
    for number in [*w, b, loss]:
        for digits in (3, 4):
            assert f"{abs(number):.{digits}f}" not in text, f"reference figure {number} appears in the release"


def test_test_cells_carry_the_grader_points():
    """One definition of the points: every check has a test cell worth exactly its points."""
    from grader.checks import CHECKS
    from grader.checks import grade_cell_id
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(SOURCE, as_version=4).cells
             if c.metadata.get("nbgrader", {}).get("grade")}
    assert {grade_cell_id(name): points for name, (points, _) in CHECKS.items()} == \
        {cell_id: cell.metadata["nbgrader"]["points"] for cell_id, cell in cells.items()}
    for name in CHECKS:
        assert cells[grade_cell_id(name)].metadata["nbgrader"]["locked"]
        assert f'check("{name}")' in cells[grade_cell_id(name)].source
