"""The ``# expect:`` headers of sample submissions (tests/corpus/ and examples/), and checking reports against them.

The format is described in tests/corpus/README.md.
"""
import re
import shlex

import nbformat

from grader.checks import CHECKS

ALL = tuple(CHECKS)


def header(path):
    """The ``# expect:`` lines at the top of a .py file, or of the first code cell of a notebook."""
    if path.suffix == ".ipynb":
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        text = cells[0].source if cells else ""
    else:
        text = path.read_text()
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect:"):
            lines.append(line[len("# expect:"):])
    return " ".join(lines)


def parse(path):
    """The expectations of one submission as a dict (see tests/corpus/README.md)."""
    spec = {"pass": set(), "fail": set(), "zero": set(), "total": None, "messages": [], "error": None,
            "cell_error": None, "output_bytes": None}
    for token in shlex.split(header(path)):
        key, op, value = re.fullmatch(r"([a-z_.]+)(<=|>=|=|<|>)(.*)", token, re.S).groups()
        if key in ("pass", "fail", "zero"):
            names = ALL if value == "all" else tuple(value.split(","))
            unknown = set(names) - set(ALL)
            assert not unknown, f"{path.name}: unknown checks {unknown}"
            spec[key].update(names)
        elif key == "total":
            spec["total"] = (op, float(value))
        elif key.startswith("msg."):
            assert key[4:] in ALL, f"{path.name}: unknown check in {key}"
            spec["messages"].append((key[4:], value))
        elif key == "error":
            spec["error"] = value
        elif key == "cell_error":
            spec["cell_error"] = value
        elif key == "output_bytes":
            spec["output_bytes"] = (op, int(value))
        else:
            raise AssertionError(f"{path.name}: unknown expectation {token!r}")
    if spec["total"] == ("=", 10.0):
        spec["pass"].update(ALL)
    if spec["zero"] == set(ALL) and spec["total"] is None:
        spec["total"] = ("=", 0.0)
    return spec


def compare(op, expected, actual):
    return {"=": abs(actual - expected) < 1e-9, "<": actual < expected, "<=": actual <= expected + 1e-9,
            ">": actual > expected, ">=": actual >= expected - 1e-9}[op]


def verify(report, spec):
    """Every way ``report`` departs from ``spec``, as readable lines (empty when it meets it)."""
    checks = {c["name"]: c for c in report["checks"]}
    detail = "\n".join(f"  {c['name']}: {c['score']}/{c['max_score']} {c['message']}" for c in report["checks"])
    problems = []
    for names, wrong, what in ((spec["pass"], lambda c: not c["passed"], "should pass"),
                               (spec["fail"], lambda c: c["passed"], "should fail"),
                               (spec["zero"], lambda c: c["score"] != 0, "should score nothing on")):
        bad = sorted(n for n in names if wrong(checks[n]))
        if bad:
            problems.append(f"{what} {bad}")
    if spec["total"] and not compare(*spec["total"], report["score"]):
        problems.append(f"total {report['score']}, expected {''.join(map(str, spec['total']))}")
    for name, text in spec["messages"]:
        if text.lower() not in checks[name]["message"].lower():
            problems.append(f"the {name} message does not mention {text!r}: {checks[name]['message']}")
    if spec["error"] is None and report["error"] is not None:
        problems.append(f"unexpected error {report['error']}")
    if spec["error"] is not None and not (report["error"] and spec["error"].lower() in report["error"].lower()):
        problems.append(f"error {report['error']!r} does not mention {spec['error']!r}")
    if spec["cell_error"] and not any(spec["cell_error"] in e["error"] for e in report["cell_errors"]):
        problems.append(f"no cell error mentions {spec['cell_error']!r}: {report['cell_errors']}")
    if spec["output_bytes"] and not compare(*spec["output_bytes"], report["output_bytes"]):
        problems.append(f"output_bytes {report['output_bytes']}, expected {spec['output_bytes']}")
    return problems + [detail] if problems else []
