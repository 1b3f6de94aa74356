"""The data recipe and the exact optimum, checked against the figures the exercise was posed with."""
import numpy as np
import pytest

from grader import exercise


def test_data_follows_the_recipe_in_draw_order():
    rng = np.random.default_rng(123)
    expected = [rng.normal(8, 1, 72), rng.normal(12, 3, 72), rng.normal(6, 1.5, 28), rng.normal(6, 2, 28)]
    for got, want in zip(exercise.sample_groups(), expected):
        np.testing.assert_array_equal(got, want)
    X, y = exercise.training_data()
    assert X.shape == (100, 2) and y.shape == (100,)
    assert y.sum() == 72 and set(np.unique(y)) == {0.0, 1.0}
    np.testing.assert_array_equal(X[:72, 0], expected[0])  # column 0 is sleep, passes first
    np.testing.assert_array_equal(X[72:, 1], expected[3])  # column 1 is study


def test_the_fifteen_test_points_in_the_given_order():
    points = exercise.test_points()
    assert points.shape == (15, 2)
    assert tuple(points[0]) == (7.06, 19.89) and tuple(points[-1]) == (7.83, 8.09)


def test_reference_optimum_matches_the_known_figures():
    w, b, loss = exercise.reference_fit()
    np.testing.assert_allclose(w, [1.74343, 0.89629], atol=5e-5)
    assert b == pytest.approx(-19.5533, abs=5e-4)
    assert loss == pytest.approx(0.1324760, abs=5e-8)
    X, y = exercise.training_data()
    assert np.mean((X @ w + b > 0) == y) == 0.96  # the classes overlap, so the MLE is finite


def test_reference_is_a_true_minimum():
    """Gradient zero, and any small step in any direction costs loss."""
    X, y = exercise.training_data()
    w, b, loss = exercise.reference_fit()
    design = np.column_stack([X, np.ones(100)])
    p = 1 / (1 + np.exp(-(design @ np.r_[w, b])))
    np.testing.assert_allclose(design.T @ (p - y) / 100, 0, atol=1e-10)
    rng = np.random.default_rng(0)
    for _ in range(20):
        step = rng.normal(size=3) * 1e-3
        assert exercise.mean_bce(design @ (np.r_[w, b] + step), y) > loss


def test_three_test_points_can_flip_within_the_tolerance():
    decided = exercise.decided_test_points()
    assert decided.sum() == 12
    # A flip cost above the tolerance means no near-optimal model can give that point the other label.
    costs = np.array([exercise.flip_cost(p) for p in exercise.test_points()])
    assert np.all(costs[decided] > exercise.LOSS_TOLERANCE) and np.all(costs[~decided] <= exercise.LOSS_TOLERANCE)
    # ...and it is attained: the constrained optimum for an undecided point really is that cheap.
    assert costs.min() >= -1e-12


def test_probabilities_loss_agrees_with_logit_loss():
    X, y = exercise.training_data()
    w, b, loss = exercise.reference_fit()
    p = 1 / (1 + np.exp(-(X @ w + b)))
    assert exercise.mean_bce_of_probabilities(p, y) == pytest.approx(loss, abs=1e-12)
