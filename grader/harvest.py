"""Collect plain observations from a namespace that ran a submission.

This module runs on the untrusted side: inside the sandboxed child, or inside a
student's Jupyter kernel.  It never judges anything.  It calls the student's
objects on fixed inputs and returns only plain data (dicts, lists, floats,
strings), which the trusted side turns into verdicts (``grader.checks``).

Submissions may monkeypatch builtins, torch or numpy after this module is
imported, so every builtin and library entry point used here is bound at
import time, and classes are compared by identity, never by ``==`` or
``isinstance`` on objects the student controls.
"""
import builtins

import numpy as np
import torch

from grader.exercise import probe_points

# Bind the builtins we use now, so `builtins.isinstance = ...` in a submission cannot reach us.
globals().update({name: getattr(builtins, name) for name in (
    "len", "float", "int", "list", "tuple", "type", "str", "max", "abs", "range", "zip", "dict", "bool", "vars",
    "BaseException")})

_MODULE = torch.nn.Module
_PARAMETER = torch.nn.Parameter
_TENSOR = torch.Tensor
_MRO = type.__dict__["__mro__"].__get__
_module_parameters = torch.nn.Module.parameters
_module_named_parameters = torch.nn.Module.named_parameters
_module_modules = torch.nn.Module.modules
_module_state_dict = torch.nn.Module.state_dict
_module_load_state_dict = torch.nn.Module.load_state_dict
_module_call = torch.nn.Module.__call__
_detach = torch.Tensor.detach
_to = torch.Tensor.to
_tolist = torch.Tensor.tolist
_requires_grad = torch.Tensor.requires_grad.__get__
_shape = torch.Tensor.shape.__get__
_dtype = torch.Tensor.dtype.__get__
_is_floating_point = torch.Tensor.is_floating_point
_from_numpy = torch.from_numpy
_no_grad = torch.no_grad
_randn_like = torch.randn_like
_manual_seed = torch.manual_seed
_float64 = torch.float64
_float32 = torch.float32
_np_asarray = np.asarray
_np_array = np.array
_np_linspace = np.linspace
_NDARRAY, _NP_GENERIC = np.ndarray, np.generic
# The probe inputs (the training data among them), computed now: a submission may patch numpy (say
# np.random.default_rng or np.meshgrid) before collect() runs, and every model must be probed at
# exactly the points the trusted side judges.
_PROBES = {name: points.copy() for name, points in probe_points().items()}
_Axes = None  # bound lazily: importing matplotlib costs time that .py submissions without plots need not pay

MAX_HISTORY = 20_000  # loss histories longer than this are thinned for transport (first and last kept)
MAX_VERTICES = 4_000  # vertices kept per drawn line


def _error(exc):
    """One line naming an exception, safe to show a student."""
    try:
        return f"{type(exc).__name__}: {str(exc)[:300]}"
    except BaseException:
        return type(exc).__name__


def _is_subclass(cls, base):
    try:
        return base in _MRO(cls)
    except BaseException:
        return False


def _tensor_values(out):
    """``(shape, values)`` of a plain float tensor as lists; raises TypeError for anything else."""
    if type(out) is not _TENSOR:
        raise TypeError(f"forward returned a {type(out).__name__}, not a torch.Tensor")
    values = _tolist(_to(_detach(out), _float64).reshape(-1))
    return list(_shape(out)), values


def _input_dtype(model):
    """The dtype a model's parameters use (float32 by default), so float64 models get float64 inputs."""
    try:
        for parameter in _module_parameters(model):
            if _is_floating_point(parameter):
                return _dtype(parameter)
    except BaseException:
        pass
    return _float32


def evaluate(model, blocks):
    """Call ``model`` on each block of inputs; return ``{block: {"shape", "values"} or {"error"}}``."""
    dtype = _input_dtype(model)
    results = {}
    for name, points in blocks.items():
        try:
            with _no_grad():
                shape, values = _tensor_values(_module_call(model, _to(_from_numpy(_np_array(points)), dtype)))
            results[name] = {"shape": shape, "values": values, "rows": len(points)}
        except BaseException as exc:
            results[name] = {"error": _error(exc), "rows": len(points)}
    return results


def _unregistered_tensors(model):
    """Names of trainable-looking tensors stored on the model (or its submodules) that are not Parameters."""
    names = []
    for module in _module_modules(model):
        for attribute, value in dict.items(vars(module)):
            candidates = value if type(value) in (list, tuple) else (value,)
            for item in candidates:
                if _is_subclass(type(item), _TENSOR) and not _is_subclass(type(item), _PARAMETER) \
                        and _requires_grad(item):
                    names.append(f"{type(module).__name__}.{attribute}")
    return names


def _structure(cls, model):
    """Facts for ``subclasses_module``: inheritance, registration, trainability, state_dict round trip."""
    facts = {"class_defined": cls is not None, "is_class": _is_subclass(type(cls), type),
             "subclasses_module": _is_subclass(cls, _MODULE) if cls is not None else False,
             "model_defined": model is not None,
             "model_is_instance": cls is not None and _is_subclass(type(model), cls)}
    _manual_seed(0)
    try:
        fresh = cls(2)
        facts["fresh_error"] = None
    except BaseException as exc:
        facts["fresh_error"] = _error(exc)
        return facts, None
    if not _is_subclass(type(fresh), _MODULE):
        return facts, fresh
    try:
        parameters = list(_module_named_parameters(fresh))
        facts["parameters"] = [[name, list(_shape(p))] for name, p in parameters]
        facts["unregistered"] = _unregistered_tensors(fresh)
    except BaseException as exc:
        facts["parameters_error"] = _error(exc)
        return facts, fresh
    # Do the registered parameters drive the output at all (independently of gradients)?  Probe the
    # wide grid too, and perturb a few times: a step function may not flip on the data for one nudge.
    try:
        trial = cls(2)
        wide = _to(_from_numpy(_np_array(_PROBES["grid"])), _input_dtype(trial))
        before = _tensor_values(_module_call(trial, wide))[1]
        facts["parameters_drive_output"] = False
        for _ in range(3):
            with _no_grad():
                for parameter in _module_parameters(trial):
                    parameter.add_(_randn_like(parameter))
            after = _tensor_values(_module_call(trial, wide))[1]
            if max(abs(a - b) for a, b in zip(before, after)) > 0:
                facts["parameters_drive_output"] = True
                break
    except BaseException:
        facts["parameters_drive_output"] = False
    return facts, fresh


def _state_dict_round_trip(cls, model, fitted_train):
    """Max output difference on the training data between the fitted model (its outputs
    ``fitted_train``, as ``evaluate`` took them) and a fresh one loaded from its state_dict."""
    try:
        copy = cls(2)
        _module_load_state_dict(copy, _module_state_dict(model))
        loaded = evaluate(copy, {"train": _PROBES["train"]})["train"]
        return {"max_difference": max(abs(p - q) for p, q in zip(fitted_train["values"], loaded["values"])),
                "error": None}
    except BaseException as exc:
        return {"max_difference": None, "error": _error(exc)}


def numbers(value, limit=None):
    """A sequence of numbers (list, tuple, ndarray, tensor, tensors, bools) as a list of floats; raises otherwise."""
    if _is_subclass(type(value), _TENSOR):
        value = _tolist(_to(_detach(value), _float64).reshape(-1))
    elif _is_subclass(type(value), _NDARRAY):
        value = _np_asarray(value, dtype=float).reshape(-1).tolist()
    elif type(value) not in (list, tuple):
        raise TypeError(f"expected a list, array or tensor of numbers, got {type(value).__name__}")
    result = []
    for item in value:
        if _is_subclass(type(item), _TENSOR):
            item = _tolist(_to(_detach(item), _float64).reshape(-1))
            if len(item) != 1:
                raise TypeError("expected one number per entry, found a tensor with several")
            item = item[0]
        elif _is_subclass(type(item), _NP_GENERIC):
            item = item.item()
        if type(item) not in (int, float, bool):
            raise TypeError(f"expected numbers, found a {type(item).__name__}")
        result.append(float(item))
        if limit is not None and len(result) > limit:
            raise TypeError(f"expected {limit} values, got more")
    return result


def _thin(values):
    """Keep a long history's shape: every k-th value, always the first and the last."""
    if len(values) <= MAX_HISTORY:
        return values, 1
    step = -(-len(values) // MAX_HISTORY)
    thinned = values[::step]
    if (len(values) - 1) % step:
        thinned.append(values[-1])
    return thinned, step


def _series(kind, xy, **extra):
    xy = _np_asarray(xy, dtype=float).reshape(-1, 2)
    if len(xy) > MAX_VERTICES:
        xy = xy[_np_linspace(0, len(xy) - 1, MAX_VERTICES).astype(int)]
    return dict(kind=kind, x=xy[:, 0].tolist(), y=xy[:, 1].tolist(), **extra)


def drawn_series(ax):
    """Everything drawn on ``ax`` in data coordinates: lines, infinite lines, scatter offsets, contour paths."""
    global _Axes
    if _Axes is None:
        from matplotlib.axes import Axes as _Axes
    if not _is_subclass(type(ax), _Axes):
        raise TypeError(f"ax is a {type(ax).__name__}, not a matplotlib Axes")
    from matplotlib.collections import Collection, LineCollection, PathCollection
    from matplotlib.lines import AxLine, Line2D
    series = []
    for line in list(ax.lines):
        if _is_subclass(type(line), AxLine):
            xy1, xy2, slope = line.get_xy1(), line.get_xy2(), line.get_slope()
            if xy2 is None:
                xy2 = (xy1[0] + 1.0, xy1[1] + slope)
            series.append(_series("axline", [xy1, xy2]))
        elif _is_subclass(type(line), Line2D):
            style = str(line.get_linestyle())
            xy = line.get_xydata()
            if line.get_transform() is not ax.transData:
                # axhline/axvline keep one coordinate in axes fractions (0..1): map through display
                # coordinates, so every line is reported in data units (hours).
                try:
                    xy = ax.transData.inverted().transform(line.get_transform().transform(xy))
                except BaseException:
                    pass
            series.append(_series("line", xy, linestyle=style,
                                  visible=bool(line.get_visible())))
    for collection in list(ax.collections):
        if _is_subclass(type(collection), PathCollection):
            series.append(_series("scatter", collection.get_offsets()))
        elif _is_subclass(type(collection), (LineCollection,)) or _is_subclass(type(collection), Collection):
            for path in collection.get_paths():
                for piece in path.to_polygons(closed_only=False):
                    series.append(_series("path", piece))
    return {"series": series}


def collect(namespace, cell_errors=()):
    """Observe what a submission left in ``namespace``; returns plain data only."""
    get = dict.get
    cls = get(namespace, "LogisticRegression")
    model = get(namespace, "model")
    observed = {"cell_errors": list(cell_errors)}
    structure, fresh = _structure(cls, model)
    observed["structure"] = structure
    blocks = _PROBES
    if fresh is not None and _is_subclass(type(fresh), _MODULE):
        observed["fresh"] = evaluate(fresh, blocks)
    if model is not None and _is_subclass(type(model), _MODULE):
        observed["fitted"] = evaluate(model, blocks)
        fitted_train = observed["fitted"]["train"]
        if cls is not None and structure.get("fresh_error") is None and "error" not in fitted_train:
            observed["state_dict"] = _state_dict_round_trip(cls, model, fitted_train)
    if "losses" in namespace:
        try:
            values, step = _thin(numbers(namespace["losses"]))
            observed["losses"] = {"values": values, "every": step}
        except BaseException as exc:
            observed["losses"] = {"error": _error(exc)}
    if "test_preds" in namespace:
        try:
            observed["test_preds"] = {"values": numbers(namespace["test_preds"], limit=1000)}
        except BaseException as exc:
            observed["test_preds"] = {"error": _error(exc)}
    if "ax" in namespace:
        try:
            observed["ax"] = drawn_series(namespace["ax"])
        except BaseException as exc:
            observed["ax"] = {"error": _error(exc)}
    return observed


def malformed(observed):
    """Why ``observed`` is not shaped like what ``collect`` returns, or None if it is.

    Runs on the trusted side, on what a child sent back, before anything judges it: a submission
    can write anything into its result channel, and a forged or truncated observation must end
    as an error for that submission, not crash the batch (the checks and the CLI index into it
    freely).  It checks the types and the lengths the checks rely on, not the values.
    """
    def is_number(value):
        return type(value) in (int, float)

    def is_numbers(value):
        return type(value) is list and all(is_number(item) for item in value)

    def is_text(value, none_ok=False):
        return type(value) is str or (none_ok and value is None)

    if type(observed) is not dict:
        return "not a dict"
    errors = observed.get("cell_errors")
    if type(errors) is not list or not all(type(e) is dict and is_text(e.get("error")) for e in errors):
        return "cell_errors"
    structure = observed.get("structure")
    if type(structure) is not dict:
        return "structure"
    for key in ("class_defined", "is_class", "subclasses_module", "model_defined", "model_is_instance"):
        if type(structure.get(key)) is not bool:
            return f"structure.{key}"
    for key, value in structure.items():
        if key.endswith("_error") and not is_text(value, none_ok=True):
            return f"structure.{key}"
        if key == "parameters_drive_output" and type(value) is not bool:
            return f"structure.{key}"
    if "parameters" in structure and not (type(structure["parameters"]) is list and all(
            type(p) is list and len(p) == 2 and is_text(p[0]) and type(p[1]) is list
            and all(type(n) is int for n in p[1]) for p in structure["parameters"])):
        return "structure.parameters"
    if "unregistered" in structure and not (type(structure["unregistered"]) is list
                                            and all(is_text(n) for n in structure["unregistered"])):
        return "structure.unregistered"
    for key in ("fresh", "fitted"):
        if key not in observed:
            continue
        blocks = observed[key]
        if type(blocks) is not dict or set(blocks) != set(_PROBES):
            return key
        for name, block in blocks.items():
            if type(block) is not dict or block.get("rows") != len(_PROBES[name]):
                return f"{key}.{name}"
            if "error" in block:
                if not is_text(block["error"]):
                    return f"{key}.{name}"
                continue
            shape, values = block.get("shape"), block.get("values")
            if type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape) \
                    or not is_numbers(values) or len(values) != int(np.prod(shape, dtype=np.int64)):
                return f"{key}.{name}"
    if "state_dict" in observed:
        round_trip = observed["state_dict"]
        if type(round_trip) is not dict or not is_text(round_trip.get("error"), none_ok=True) \
                or not (round_trip.get("max_difference") is None or is_number(round_trip["max_difference"])):
            return "state_dict"
    for key in ("losses", "test_preds"):
        if key in observed:
            value = observed[key]
            if type(value) is not dict or not (is_text(value.get("error")) or is_numbers(value.get("values"))):
                return key
            if key == "losses" and "error" not in value and type(value.get("every")) is not int:
                return key
    if "ax" in observed:
        drawing = observed["ax"]
        if type(drawing) is not dict:
            return "ax"
        if "error" not in drawing or not is_text(drawing["error"]):
            if type(drawing.get("series")) is not list:
                return "ax"
            for series in drawing["series"]:
                if type(series) is not dict or not is_text(series.get("kind")) \
                        or not is_numbers(series.get("x")) or not is_numbers(series.get("y")) \
                        or len(series["x"]) != len(series["y"]) \
                        or not is_text(series.get("linestyle", ""))\
                        or type(series.get("visible", True)) is not bool:
                    return "ax.series"
    return None
