"""Turn observations of a submission into verdicts: the checks, their points and their messages.

This is the trusted side.  It takes the plain data that ``grader.harvest.collect``
returned and recomputes every number it judges (loss, labels, the boundary) with
numpy from the model's raw outputs, so nothing computed in the student's process
is believed.  Messages say what is wrong and how to fix it, never the reference
answers.

The same ``CHECKS`` table drives the CLI, the reports and the notebook's test cells.
"""
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np

from grader.exercise import (LOSS_TOLERANCE, decided_test_points, flip_cost, mean_bce,
                             mean_bce_of_probabilities, probe_points, reference_fit, reference_labels, test_points,
                             training_data)

#: name -> (points, what it checks).  Points sum to 10.
CHECKS = {
    "subclasses_module": (2.0, "LogisticRegression subclasses torch.nn.Module and registers its weights"),
    "output_range": (1.0, "forward returns finite probabilities in [0, 1] of shape (N,) or (N, 1)"),
    "logistic_form": (2.0, "forward is a sigmoid of an affine function of sleep and study"),
    "loss_convergence": (2.0, "the fitted model reaches the optimal loss, and `losses` is its history"),
    "test_accuracy": (2.0, "Bonus 1: the 15 new students are labelled correctly, and `test_preds` agrees"),
    "decision_boundary": (1.0, "Bonus 2: the decision boundary is drawn on `ax` where it belongs"),
}
MAX_SCORE = sum(points for points, _ in CHECKS.values())

#: A forward that is a sigmoid of an affine function reproduces its logit to float32
#: precision: |error| <= 6e-8 / (p (1 - p)) <= 6e-4 for the outputs used (1e-4 < p < 1 - 1e-4).
#: Measured on tests/corpus/: correct float32 submissions deviate by at most 6.1e-4 (float64: 1e-12);
#: a doubled sigmoid by 0.50, a hidden layer by 7.1, statistics of the batch inside forward by 8.5.
LOGIT_TOLERANCE = 0.02
SATURATED = 1e-4
#: Drawn boundary: how far (as a fraction of the data's extent) a drawn line may stray from
#: where the student's own model gives p = 0.5.  Measured on tests/corpus/: boundaries computed
#: from the model (ax.plot, plt.plot, ax.axline, a 0.5 contour) deviate by under 1e-5; a line
#: placed by eye by 0.12, axes swapped by 0.29.
DRAW_TOLERANCE = 0.01
#: Share of the model's own boundary (inside the data's extent) a drawing must cover.
MIN_COVERAGE = 0.5
#: A loss history "ends at" the model's loss when its last 5 % (at most 100 entries)
#: averages within this of the grader's own loss.  Measured on tests/corpus/: correct histories
#: end within 0.003 (minibatch losses, the noisiest); a history from another run is off by 0.23.
HISTORY_TOLERANCE = 0.03


def grade_cell_id(name):
    """nbgrader's grade_id of the notebook's test cell for check ``name`` (the gradebook keys grades by it)."""
    return f"test_{name}"


@dataclass
class CheckResult:
    name: str
    score: float
    max_score: float
    passed: bool
    message: str

    as_dict = asdict


def _result(name, fraction, message):
    points = CHECKS[name][0]
    score = round(points * max(0.0, min(1.0, float(fraction))), 2)
    return CheckResult(name, score, points, bool(score >= points), message or "Well done.")


def _probabilities(block):
    """A block of outputs as a flat float array, or None when forward failed or the shape is wrong."""
    if not block or "error" in block:
        return None
    shape, rows = block["shape"], block["rows"]
    if shape not in ([rows], [rows, 1]):
        return None
    return np.asarray(block["values"], dtype=float)


def _first_failure(evaluated, what):
    """Why a model's outputs are unusable (forward raised, wrong shape, not probabilities), or None."""
    for name, block in evaluated.items():
        if "error" in block:
            return f"calling the {what} model raised {block['error']}."
        if block["shape"] not in ([block["rows"]], [block["rows"], 1]):
            return (f"the {what} model's `forward` returned shape {tuple(block['shape'])} for {block['rows']} students; "
                    f"expected ({block['rows']},) or ({block['rows']}, 1).")
    for name, block in evaluated.items():
        values = np.asarray(block["values"], dtype=float)
        if not np.all(np.isfinite(values)):
            where = "for inputs far from the data (e.g. 10000 hours)" if name == "far" else "on the training data"
            return (f"the {what} model returned NaN or infinity {where}. Use torch.sigmoid, which is "
                    "stable for large inputs" + ("; if training diverged, lower the learning rate." if what == "fitted" else "."))
        if values.min() < 0 or values.max() > 1:
            bad = values[(values < 0) | (values > 1)][0]
            return (f"the {what} model returned {bad:.3g}, which is not a probability. "
                    "Is `forward` returning the raw score w·x + b? Pass it through a sigmoid.")
    return None


def affine_logit(evaluated):
    """Fit logit(p) = w·x + b to a model's outputs; return ``(w, b, max_deviation, n_used)`` or None."""
    xs, ps = [], []
    for name in ("train", "test", "grid"):
        p = _probabilities(evaluated.get(name))
        if p is None:
            return None
        xs.append(probe_points()[name])
        ps.append(p)
    x, p = np.concatenate(xs), np.concatenate(ps)
    keep = (p > SATURATED) & (p < 1 - SATURATED)
    if keep.sum() < 10:
        return None
    logit = np.log(p[keep]) - np.log1p(-p[keep])
    design = np.column_stack([x[keep], np.ones(keep.sum())])
    theta, *_ = np.linalg.lstsq(design, logit, rcond=None)
    deviation = float(np.max(np.abs(design @ theta - logit)))
    return theta[:2], float(theta[2]), deviation, int(keep.sum())


def check_subclasses_module(obs):
    s = obs["structure"]
    if not s["class_defined"]:
        return _result("subclasses_module", 0, "No class named `LogisticRegression` was defined.")
    if not s["is_class"]:
        return _result("subclasses_module", 0, "`LogisticRegression` is not a class. Define it with "
                       "`class LogisticRegression(nn.Module):`.")
    if not s["subclasses_module"]:
        return _result("subclasses_module", 0, "`LogisticRegression` does not inherit from `torch.nn.Module`. "
                       "Write `class LogisticRegression(nn.Module):` and call `super().__init__()` first "
                       "in `__init__`.")
    if s.get("fresh_error"):  # the starter's stub subclasses nn.Module for you: no credit until it builds
        return _result("subclasses_module", 0, f"`LogisticRegression(2)` raised {s['fresh_error'].rstrip('.')}. "
                       "It must build an untrained model from the number of features.")
    problems = []
    if s.get("parameters_error"):
        problems.append(f"listing its parameters raised {s['parameters_error']}")
    elif not s.get("parameters"):
        problems.append("it has no registered parameters, so `model.parameters()` gives an optimiser "
                        "nothing to train. Create the weights as `nn.Parameter(...)` or use `nn.Linear`")
    if s.get("unregistered"):
        names = sorted(set(s["unregistered"]))
        problems.append(f"{', '.join(names)} " + ("are plain tensors" if len(names) > 1 else "is a plain tensor")
                        + " with requires_grad, not registered parameters: wrap each in `nn.Parameter` so "
                        "optimisers and `state_dict` see it")
    if s.get("parameters") and not s.get("parameters_drive_output"):
        problems.append("changing its registered parameters does not change its output: `forward` must "
                        "use them")
    if s["model_defined"] and not s["model_is_instance"]:
        problems.append("`model` is not an instance of your `LogisticRegression`")
    round_trip = obs.get("state_dict")
    if round_trip and round_trip["error"]:
        problems.append(f"loading `model.state_dict()` into a new `LogisticRegression(2)` raised {round_trip['error']}")
    elif round_trip and round_trip["max_difference"] > 1e-6:
        problems.append("a new `LogisticRegression(2)` loaded with `model.state_dict()` predicts differently "
                        "from `model`: part of what the model learned is not stored in parameters or buffers")
    if problems:
        return _result("subclasses_module", 0.5, "It subclasses nn.Module, but " + "; ".join(problems) + ".")
    return _result("subclasses_module", 1, "")


def _half_each(name, obs, problem_of):
    """Half of check ``name`` for the untrained model, half for the fitted one; each problem is a sentence."""
    problems, earned = [], 0.0
    for what, key in (("untrained", "fresh"), ("fitted", "fitted")):
        problem = problem_of(obs.get(key), what)
        if problem:
            problems.append(problem[0].upper() + problem[1:])
        else:
            earned += 0.5
    return _result(name, earned, " ".join(problems))


def _range_problem(evaluated, what):
    if evaluated is None:
        return ("no fitted `model` (an nn.Module) was found." if what == "fitted"
                else "an untrained `LogisticRegression(2)` could not be built.")
    return _first_failure(evaluated, what)


def check_output_range(obs):
    return _half_each("output_range", obs, _range_problem)


def _form_problem(evaluated, what):
    """Why a model is not sigmoid(w·x + b), or None (and the fitted affine logit)."""
    # Only the blocks the form is read from: a NaN at 10000 hours (the "far" probe) costs output_range,
    # not also logistic_form and decision_boundary, which never look that far.
    if evaluated is None or _first_failure({k: v for k, v in evaluated.items() if k != "far"}, what):
        return f"the {what} model's outputs could not be checked (see output_range).", None
    values = np.concatenate([_probabilities(evaluated[name]) for name in ("train", "test", "grid")])
    if np.all((values == 0) | (values == 1)):
        return (f"the {what} model outputs only 0 and 1: that is a step function (a Perceptron). "
                "A step has zero gradient almost everywhere, so gradient descent cannot train it; "
                "use the sigmoid 1/(1+e^-z)."), None
    fit = affine_logit(evaluated)
    if fit is None:
        return (f"almost all outputs of the {what} model are exactly 0 or 1, so its log-odds cannot be read; "
                "is the sigmoid applied to w·x + b, with finite weights?"), None
    # Outputs confined to [0.5, 0.73] only mean "sigmoid applied twice" when the log-odds are not
    # affine: a correct model whose weights start at zero outputs exactly 0.5 everywhere (w = 0 is
    # a sigmoid of an affine function), and so does a doubled sigmoid with zero weights.
    if fit[2] > LOGIT_TOLERANCE and values.min() >= 0.5 - 1e-6 and values.max() <= 1 / (1 + np.exp(-1)) + 1e-6:
        return (f"every output of the {what} model lies between 0.5 and 0.73, as if the sigmoid were "
                "applied twice. Apply it once, to w·x + b."), None
    if fit[2] > LOGIT_TOLERANCE:
        return (f"the {what} model's log-odds, log(p / (1 - p)), is not a linear function of sleep and study "
                f"(it departs from the best linear fit by {fit[2]:.2g}). Logistic regression is "
                "sigmoid(w·x + b): no hidden layer, no extra non-linearity, and no statistics of the batch "
                "inside forward."), fit
    return None, fit


def check_logistic_form(obs):
    return _half_each("logistic_form", obs, lambda evaluated, what: _form_problem(evaluated, what)[0])


def _history_problem(obs, loss):
    history = obs.get("losses")
    if history is None:
        return "No `losses` list was found: record the training loss at every epoch."
    if "error" in history:
        return f"`losses` could not be read as numbers ({history['error']})."
    values = np.asarray(history["values"], dtype=float)
    if len(values) == 0:
        return "`losses` is empty: append the loss of every epoch (or step) to it while you train."
    if len(values) < 2:
        return "`losses` should hold the loss of every epoch (or step), not a single value."
    tail = values[-max(1, min(100, len(values) // 20)):]
    if not np.all(np.isfinite(tail)):
        return "`losses` ends in NaN or infinity."
    if abs(tail.mean() - loss) > HISTORY_TOLERANCE:
        return (f"`losses` ends at {tail.mean():.4f} but `model` has a loss of {loss:.4f} on the training data: "
                "record the mean binary cross-entropy of this model while you train it.")
    # No "the history must come down" rule: a history recorded after each LBFGS step (or after a
    # notebook's training cell is re-run) is flat at the optimum from its first entry, yet it is
    # the honest history of this model.  Whether it belongs to the model is judged by its end.
    return None


def _loss_diagnosis(p, fit, X, y):
    """A hint about a common mistake that explains a high loss, or ''."""
    best = reference_fit()[2]
    if mean_bce_of_probabilities(1 - p, y) < best + LOSS_TOLERANCE:
        return (" Your model predicts failing rather than passing: label 1 must mean pass, and the model "
                "must output the probability of passing.")
    if fit is not None:
        w, b = fit[0], fit[1]
        if mean_bce(X[:, ::-1] @ w + b, y) < best + LOSS_TOLERANCE:
            return (" Your model seems to expect [study, sleep]; inputs come as [sleep, study], "
                    "in that order.")
        if abs(w[0]) < 1e-3 * max(abs(w[1]), 1e-12) or abs(w[1]) < 1e-3 * max(abs(w[0]), 1e-12):
            return " Your model ignores one of the two features; both sleep and study matter."
    return ""


def check_loss_convergence(obs, public=False):
    X, y = training_data()
    fitted = obs.get("fitted")
    if fitted is None:
        return _result("loss_convergence", 0, "No fitted `model` (an nn.Module) was found.")
    failure = _first_failure({"train": fitted["train"]}, "fitted") if "train" in fitted else "no outputs"
    if failure:
        return _result("loss_convergence", 0, f"The loss could not be computed: {failure}")
    p = _probabilities(fitted["train"])
    loss = mean_bce_of_probabilities(p, y)
    form_problem, fit = _form_problem(fitted, "fitted")
    gap = loss - reference_fit()[2]
    history_problem = _history_problem(obs, loss)
    model_part = 0.75 if gap <= LOSS_TOLERANCE or public else (0.25 if gap <= 5 * LOSS_TOLERANCE else 0.0)
    earned = model_part + (0.25 if history_problem is None else 0.0)
    messages = []
    if model_part < 0.75:
        diagnosis = _loss_diagnosis(p, fit, X, y)
        messages.append(f"Your model's mean binary cross-entropy on the training data is {loss:.4f} nats; a "
                        "fully fitted logistic regression does clearly better." + diagnosis)
        history = obs.get("losses", {}).get("values") or []
        # The crawl hint explains a logistic regression that is still converging; for a model of the
        # wrong form (a step, a doubled sigmoid) logistic_form names the real problem.
        if not diagnosis and form_problem is None and len(history) > 10 \
                and history[-1] < history[-len(history) // 10 - 1] - 1e-4:
            messages.append("The loss was still falling when training stopped. With raw hours, the intercept is "
                            "large and the features are not centred, so plain gradient descent crawls: "
                            "standardise the features inside the model, use a better optimiser "
                            "(Adam, LBFGS), or train longer.")
    if history_problem:
        messages.append(history_problem)
    return _result("loss_convergence", earned, " ".join(messages))


def check_test_accuracy(obs, public=False):
    fitted = obs.get("fitted")
    p = _probabilities(fitted.get("test")) if fitted else None
    messages, earned = [], 0.0
    model_labels = None
    # Outputs that are not probabilities (raw scores, NaN) have no "> 0.5" labels to judge.
    if p is None or _first_failure({"test": fitted["test"]}, "fitted"):
        messages.append("Your model could not be evaluated on the 15 new students (see output_range).")
    else:
        model_labels = (p > 0.5).astype(int)
        decided = decided_test_points()
        wrong = 0 if public else int(np.sum(model_labels[decided] != reference_labels(test_points())[decided]))
        # All or nothing: most new students pass, so even an untrained model gets many labels right by chance.
        earned += 0.75 if wrong == 0 else 0.0
        if wrong:
            messages.append(f"Your model gives {wrong} of the new students a label that a fully fitted model "
                            "would not. Fit the model fully (see loss_convergence), then predict with "
                            "`model(x) > 0.5`.")
    preds = obs.get("test_preds")
    if preds is None:
        messages.append("No `test_preds` was found: store the 15 predicted labels in `test_preds`.")
    elif "error" in preds:
        messages.append(f"`test_preds` could not be read as labels ({preds['error']}).")
    elif len(preds["values"]) != 15:
        messages.append(f"`test_preds` holds {len(preds['values'])} values; there are 15 new students.")
    elif not set(preds["values"]) <= {0.0, 1.0}:
        # Show the value farthest from a label: 0.99996 printed as "1" would not tell the student anything.
        odd = max((v for v in preds["values"] if v not in (0.0, 1.0)), key=lambda v: min(abs(v), abs(v - 1)))
        messages.append(f"`test_preds` should hold labels 0 or 1 (or booleans), but contains {odd:.3g}: "
                        "threshold the probabilities at 0.5.")
    elif model_labels is not None:
        clear = np.abs(p - 0.5) > 1e-6
        disagree = int(np.sum((np.asarray(preds["values"]) != model_labels) & clear))
        if disagree:
            messages.append(f"`test_preds` disagrees with your own model on {disagree} of the 15 students: "
                            "compute it from the fitted model, as `model(x) > 0.5` (label 1 = pass), "
                            "in the order given.")
        else:
            earned += 0.25
    return _result("test_accuracy", earned, " ".join(messages))


def _region():
    """The part of the plane judged for Bonus 2: the bounding box of the training data."""
    X = training_data()[0]
    return X.min(axis=0), X.max(axis=0)


def _resample(xs, ys, spacing, low, high):
    """Points every ``spacing`` (in region-normalised units) along a polyline, kept only inside the region."""
    pts = (np.column_stack([xs, ys]) - low) / (high - low)
    pts = pts[np.all(np.isfinite(pts), axis=1)]
    starts, steps = pts[:-1], np.diff(pts, axis=0)
    lengths = np.linalg.norm(steps, axis=1)
    keep = lengths < 100_000 * spacing  # a segment running off to infinity is no boundary to sample
    starts, steps = starts[keep], steps[keep]
    counts = np.ceil(lengths[keep] / spacing).astype(int) + 1
    if not len(counts):
        return np.empty((0, 2))
    segment = np.repeat(np.arange(len(counts)), counts)
    position = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    out = starts[segment] + (position / np.maximum(counts - 1, 1)[segment])[:, None] * steps[segment]
    return out[np.all((out >= 0) & (out <= 1), axis=1)]


@lru_cache(maxsize=None)
def _data_points():
    """The training points as rounded tuples, to recognise a series that only re-plots the data."""
    return frozenset(tuple(np.round(row, 9)) for row in training_data()[0])


def _candidates(drawing):
    """Drawn series that could be a boundary: lines, infinite lines and contour paths, not the scatter data."""
    data = _data_points()
    low, high = _region()
    for series in drawing["series"]:
        if series["kind"] == "scatter" or series.get("visible") is False:
            continue
        xs, ys = np.asarray(series["x"], dtype=float), np.asarray(series["y"], dtype=float)
        if series["kind"] == "line" and series.get("linestyle") in ("None", "none", " ", ""):
            continue
        if len(xs) and all(tuple(np.round(row, 9)) in data for row in np.column_stack([xs, ys])):
            continue
        if series["kind"] == "axline" and len(xs) == 2:
            direction = np.array([xs[1] - xs[0], ys[1] - ys[0]])
            reach = 10 * np.max(high - low) / max(np.linalg.norm(direction), 1e-12)
            xs = np.array([xs[0] - reach * direction[0], xs[0] + reach * direction[0]])
            ys = np.array([ys[0] - reach * direction[1], ys[0] + reach * direction[1]])
        yield xs, ys


def _line_distance(points, w, b, low, high):
    """Distance (normalised units) from region-normalised points to the line w·x + b = 0."""
    span = high - low
    w_norm = w * span  # the line in normalised coordinates: (w * span)·u + (w·low + b) = 0
    return np.abs(points @ w_norm + (w @ low + b)) / np.linalg.norm(w_norm)


def _coverage(points, w, b, low, high):
    """Share of the segment of w·x + b = 0 inside the region that lies within DRAW_TOLERANCE of ``points``."""
    line = _resample(*_segment_in_region(w, b, low, high), DRAW_TOLERANCE / 2, low, high)
    if len(line) == 0 or len(points) == 0:
        return 0.0
    line, points = line[:: max(1, len(line) // 100)], points[:: max(1, len(points) // 300)]
    nearest = np.min(np.linalg.norm(line[:, None, :] - points[None, :, :], axis=2), axis=1)
    return float(np.mean(nearest <= 2 * DRAW_TOLERANCE))


def _segment_in_region(w, b, low, high):
    """Two far-apart points on the line w·x + b = 0, as x and y arrays (data units)."""
    direction = np.array([-w[1], w[0]]) / np.linalg.norm(w)
    anchor = -b * w / (w @ w)
    reach = 10 * np.linalg.norm(high - low)
    ends = np.array([anchor - reach * direction, anchor + reach * direction])
    return ends[:, 0], ends[:, 1]


def check_decision_boundary(obs, public=False):
    drawing = obs.get("ax")
    if drawing is None:
        return _result("decision_boundary", 0, "No `ax` was found: keep the Axes of the scatter plot in `ax` "
                       "and draw the boundary on it.")
    if "error" in drawing:
        return _result("decision_boundary", 0, f"`ax` could not be inspected ({drawing['error']}).")
    low, high = _region()

    def drawn(swap=False):
        """The drawn lines, sampled inside the data's region (with x and y swapped, to diagnose that)."""
        return [pts for pts in (_resample(*((ys, xs) if swap else (xs, ys)), DRAW_TOLERANCE / 2, low, high)
                                for xs, ys in _candidates(drawing)) if len(pts) >= 2]
    lines = drawn()
    if not lines and not drawn(swap=True):
        if any(np.isfinite(xs).any() and np.isfinite(ys).any() for xs, ys in _candidates(drawing)):
            # something visible is drawn, but away from the data
            return _result("decision_boundary", 0, "The line drawn on `ax` does not pass through the region of "
                           "the data, so it cannot be the decision boundary. Compute it from the fitted weights: "
                           "w1·sleep + w2·study + b = 0 gives study = -(w1·sleep + b) / w2 (mind the sign of b "
                           "and any scaling inside the model).")
        return _result("decision_boundary", 0, "No line drawn on `ax` passes through the region of the data. "
                       "Draw the boundary on the scatter plot's Axes with `ax.plot(...)`, across the range of "
                       "sleep shown (in a notebook, `plt.plot` in a later cell draws on a new, empty figure).")
    problem, fit = _form_problem(obs.get("fitted"), "fitted")
    earned, messages = 0.0, []
    if problem is not None and fit is None:
        messages.append("Your model's own p = 0.5 line could not be located, because " + problem)
    elif problem is not None:  # log-odds not affine (hidden layer, batch statistics): its p = 0.5 set is no line
        messages.append("Your model is not sigmoid(w·x + b) (see logistic_form), so it has no straight p = 0.5 "
                        "line to compare the drawing with.")
    else:
        w, b = fit[0], fit[1]
        if np.linalg.norm(w) == 0:
            messages.append("Your model's weights are zero, so it has no decision boundary.")
        else:
            ranked = sorted(lines, key=lambda pts: np.max(_line_distance(pts, w, b, low, high)))
            best = ranked[0] if ranked else None
            if best is not None and np.max(_line_distance(best, w, b, low, high)) <= DRAW_TOLERANCE:
                if _coverage(best, w, b, low, high) >= MIN_COVERAGE:
                    earned += 0.5
                else:
                    earned += 0.25
                    messages.append("Your boundary covers only a small part of the data's range; draw it across "
                                    "the whole range of sleep shown.")
            elif any(np.max(_line_distance(pts, w, b, low, high)) <= DRAW_TOLERANCE for pts in drawn(swap=True)):
                messages.append("Your boundary is drawn with the axes swapped: the x axis is sleep and the "
                                "y axis is study.")
                best = None
            else:
                messages.append("No line on `ax` lies where your model gives p = 0.5. Compute the boundary from "
                                "the fitted weights: it is where w1·sleep + w2·study + b = 0 (mind the sign of b "
                                "and any scaling inside the model), and draw it on `ax`.")
                best = None
            if best is not None and public:
                earned += 0.5
            elif best is not None:
                # 12 points along the drawn line: the band of near-optimal boundaries is at least 1.3 study
                # hours wide across the data (see LOSS_TOLERANCE), and flip costs change smoothly along it.
                X_points = low + best[np.linspace(0, len(best) - 1, 12).astype(int)] * (high - low)
                costs = [flip_cost(point) for point in X_points]
                if max(costs) <= LOSS_TOLERANCE:
                    earned += 0.5
                else:
                    messages.append("Your boundary matches your model, but not a fully fitted one: "
                                    "fit the model fully (see loss_convergence) and draw again.")
    return _result("decision_boundary", earned, " ".join(messages))


CHECK_FUNCTIONS = {"subclasses_module": check_subclasses_module, "output_range": check_output_range,
                   "logistic_form": check_logistic_form, "loss_convergence": check_loss_convergence,
                   "test_accuracy": check_test_accuracy, "decision_boundary": check_decision_boundary}
#: Checks with a part that compares against the reference answer; ``public=True`` skips that part,
#: so students' self-checks never reveal whether they match it.
USES_REFERENCE = ("loss_convergence", "test_accuracy", "decision_boundary")


def run_check(name, observed, public=False):
    """One check's verdict; with ``public``, only the parts that need no reference answer."""
    if name in USES_REFERENCE:
        return CHECK_FUNCTIONS[name](observed, public=public)
    return CHECK_FUNCTIONS[name](observed)


def grade(observed):
    """All checks, in ``CHECKS`` order, for one submission's observations."""
    return [run_check(name, observed) for name in CHECKS]


def grade_nothing(reason):
    """Zero on every check, each naming why nothing could be checked."""
    return [_result(name, 0, f"Not checked: {reason}.") for name in CHECKS]
