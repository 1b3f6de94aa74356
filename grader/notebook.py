"""The checks as the notebook's test cells call them, inside the student's own kernel.

Each test cell of the source notebook reads::

    ### BEGIN HIDDEN TESTS
    grade("test_accuracy")
    ### END HIDDEN TESTS
    check("test_accuracy")

Students (whose release has only ``check``) get a self-check: the parts of the
check that need no reference answer, with friendly feedback, raising
``AssertionError`` when something is wrong.  Under ``nbgrader autograde`` the hidden
``grade`` runs the full check first; ``check`` then hands its score to nbgrader:
an error for zero, the number as the cell's value for partial credit (nbgrader's
convention), nothing for full marks.

Code in the same kernel can fool these cells (it can redefine ``check``), so they
are a convenience: ``python -m grader grade``, which runs each notebook in
isolation, is the source of truth.
Nothing here writes to stderr, because nbgrader zeroes a test cell that does.
"""
import contextlib
import sys
import warnings

from grader import harvest
from grader.checks import CHECKS, run_check

_graded = {}


def _observe():
    """Observations of the kernel's namespace, with warnings and stderr kept out of the cell's output."""
    namespace = vars(sys.modules["__main__"])
    try:
        namespace = get_ipython().user_ns  # noqa: F821  (defined inside IPython kernels)
    except NameError:
        pass
    with warnings.catch_warnings(), contextlib.redirect_stderr(sys.stdout):
        warnings.simplefilter("ignore")
        return harvest.collect(namespace)


def grade(name):
    """Run check ``name`` in full (hidden tests only); raise if it earns nothing."""
    result = run_check(name, _observe())
    _graded[name] = result
    if result.score == 0:
        raise AssertionError(f"{name}: {result.message}")


def check(name):
    """Self-check ``name`` (public part only), or report the score ``grade`` just computed."""
    if name not in CHECKS:
        raise KeyError(f"unknown check {name!r}; the checks are {', '.join(CHECKS)}")
    result = _graded.pop(name, None)
    if result is not None:
        if result.passed:
            return None
        print(f"{name}: {result.message}")
        return result.score
    result = run_check(name, _observe(), public=True)
    if not result.passed:
        raise AssertionError(result.message)
    print(f"Self-check passed: {CHECKS[name][1]}.")
