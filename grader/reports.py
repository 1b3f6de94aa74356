"""What a grading run leaves behind for people and tools.

``write_all(reports, out_dir)`` writes, from the reports ``grader.cli.build_report`` made:

* ``grades.csv``: a row per submission, a column per check, for the gradebook;
* ``feedback/<name>.html``: a self-contained page per submission for the student;
* ``gradescope/<name>/results.json``: the same verdicts in Gradescope's autograder format;
* ``summary.html``: the class at a glance, for the teacher;
* ``reports.json``: the reports themselves, for tooling.

Submissions control much of a report (messages quote their exceptions, ``output`` is what
they printed, ``student`` comes from a file name), so every such string is HTML-escaped
before it reaches a page and turned into a safe, unique name before it reaches a path.

Plots use matplotlib's object-oriented ``Figure`` without pyplot: no backend is selected and
no global figure list is touched (matplotlib's recommended way to render in a server), so
calling this from a notebook leaves the notebook's plotting alone and nothing leaks.
"""
import base64
import csv
import html
import io
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from grader.checks import CHECKS, MAX_SCORE
from grader.exercise import LOSS_TOLERANCE, reference_fit, training_data

#: Characters of a submission's printed output shown on its feedback page.
OUTPUT_SHOWN = 3000
#: Mistakes listed per check on the summary page.
TOP_MISTAKES = 10
DPI = 80
#: Excess losses below this (float32 rounding, minibatch averages) are drawn at it: "as good as it gets".
LOSS_FLOOR = 1e-6
#: Fixed margins for two side-by-side plots: tight_layout would double the rendering time.
LAYOUT = {"left": 0.07, "right": 0.98, "bottom": 0.13, "top": 0.86, "wspace": 0.25}
#: Plain tick labels ("0.001"): the default 10^-3 labels go through slow mathtext layout.
PLAIN = FuncFormatter(lambda value, _: f"{value:g}")
#: Terminal colour codes (notebook tracebacks are full of them).
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: A sentence ends at . ! or ? followed by a new sentence (so "e.g. 10" does not end one).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")
#: Numbers in messages (a loss, a count) vary per student; masking them groups the same mistake.
NUMBER = re.compile(r"\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\b")

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.45}
h1{margin-bottom:.2rem}.score{font-size:2.2rem;font-weight:700;margin:.3rem 0}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #ddd;padding:.4rem .5rem;
text-align:left;vertical-align:top}th{background:#f4f4f4}td.num{white-space:nowrap;text-align:right}
tr.passed td:first-child{color:#1a7f37}tr.failed td:first-child{color:#cf222e}
.error{background:#fff1f0;border-left:4px solid #cf222e;padding:.6rem 1rem}
.note{color:#555;font-size:.9rem}img{max-width:100%}
pre{background:#f6f8fa;padding:.8rem;overflow-x:auto;white-space:pre-wrap;font-size:.85rem}
"""


def write_all(reports, out_dir):
    """Write every output of a grading run into ``out_dir`` (created if needed)."""
    out = Path(out_dir)
    names = file_names(reports)
    for folder in ("feedback", "gradescope"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    _write_csv(reports, out / "grades.csv")
    for report, name in zip(reports, names):
        _write_text(out / "feedback" / f"{name}.html", feedback_page(report))
        (out / "gradescope" / name).mkdir(exist_ok=True)
        _write_text(out / "gradescope" / name / "results.json", json.dumps(gradescope_result(report), indent=1))
    _write_text(out / "summary.html", summary_page(reports, names))
    _write_text(out / "reports.json", json.dumps(reports, indent=1))


def _write_text(path, text):
    """UTF-8, replacing what cannot be encoded (a submission may print lone surrogates)."""
    path.write_text(text, encoding="utf-8", errors="replace")


def file_names(reports):
    """A file name per report from its student: only [A-Za-z0-9_.-], no leading dot (so never
    ``..``), and unique even on case-insensitive file systems (a second "alice" becomes "alice-2")."""
    names, taken = [], set()
    for report in reports:
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", str(report["student"]))[:80].lstrip(".") or "student"
        name, copy = stem, 1
        while name.lower() in taken:
            copy += 1
            name = f"{stem}-{copy}"
        taken.add(name.lower())
        names.append(name)
    return names


def _write_csv(reports, path):
    """The gradebook: one row per submission (same-named students keep separate rows), checks in CHECKS order."""
    with open(path, "w", newline="", encoding="utf-8", errors="replace") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "submission", *CHECKS, "total", "max", "error"])
        for report in reports:
            scores = {check["name"]: check["score"] for check in report["checks"]}
            writer.writerow([report["student"], report["submission"], *(scores.get(name, "") for name in CHECKS),
                             report["score"], report["max_score"], report["error"] or ""])


def gradescope_result(report):
    """One submission in Gradescope's results.json format (gradescope-autograders.readthedocs.io/en/latest/specs/)."""
    return {
        "score": report["score"],
        "execution_time": round(report.get("seconds") or 0),
        "output": _overview_text(report),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [{"name": f"{_description(check['name'])} ({check['name']})",
                   "score": check["score"], "max_score": check["max_score"],
                   "status": "passed" if check["passed"] else "failed", "output": check["message"]}
                  for check in report["checks"]],
    }


def _description(name):
    """What a check checks, in words (the name itself for a check CHECKS does not know)."""
    return CHECKS[name][1] if name in CHECKS else name


def _overview_text(report):
    """The plain-text headline Gradescope shows above the tests."""
    lines = [f"You scored {report['score']:g} out of {report['max_score']:g}. {_encouragement(report)}"]
    if report["error"]:
        lines.append(f"Grading stopped early: {report['error']}")
    lines.extend(_strip_ansi(f"{_where(error)}: {error['error']}") for error in report["cell_errors"])
    return "\n".join(lines)


def _encouragement(report):
    """A friendly sentence that fits the result."""
    if report["error"]:
        return "Your code did not run to the end, so nothing could be checked yet: fix that first."
    if report["score"] >= report["max_score"]:
        return "Full marks, well done!"
    return "Good progress: the notes below say what to look at next."


def _where(cell_error):
    """Where a cell error happened: "Cell 3" in a notebook, "Line 12" in a script."""
    return f"Cell {cell_error['cell']}" if "cell" in cell_error else f"Line {cell_error.get('line', '?')}"


def _strip_ansi(text):
    return ANSI.sub("", text)


def _escape(value):
    """HTML-escape anything (quotes too, so it is safe in attributes), colour codes removed."""
    return html.escape(_strip_ansi(str(value)), quote=True)


def _page(title, body):
    """A complete, self-contained HTML document."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_escape(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n")


def _table(header, rows, row_classes=None, numeric=()):
    """An HTML table; cells must already be escaped HTML; columns in ``numeric`` are right-aligned."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    classes = row_classes or [""] * len(rows)
    body = "".join(f'<tr class="{row_class}">' + "".join(
        f'<td class="num">{cell}</td>' if column in numeric else f"<td>{cell}</td>" for column, cell in enumerate(row))
        + "</tr>" for row, row_class in zip(rows, classes))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _points(score, max_score):
    return f"{score:g} / {max_score:g}"


def feedback_page(report):
    """A student's page: score, each check's verdict and advice, errors, plots and what their code printed."""
    rows = [["\u2714" if check["passed"] else "\u2718",
             _escape(_description(check["name"])),
             _points(check["score"], check["max_score"]), _escape(check["message"])]
            for check in report["checks"]]
    parts = [f"<h1>Feedback for {_escape(report['student'])}</h1>",
             f'<p class="score">{report["score"]:g} / {report["max_score"]:g}</p>',
             f"<p>{_escape(_encouragement(report))}</p>"]
    if report["error"]:
        parts.append(f'<p class="error"><strong>Grading stopped early:</strong> {_escape(report["error"])}</p>')
    parts.append(_table(["", "What is checked", "Points", "Notes"], rows,
                        ["passed" if check["passed"] else "failed" for check in report["checks"]], numeric=(2,)))
    if report["cell_errors"]:
        items = "".join(f"<li><strong>{_where(error)}</strong>: <code>{_escape(error['error'])}</code></li>"
                        for error in report["cell_errors"])
        parts.append(f"<h2>Errors while running your code</h2><ul>{items}</ul>")
    parts.append("<h2>Your model</h2>" + _feedback_figure(report.get("plot") or {}))
    parts.append(_output_section(report))
    parts.append(f'<p class="note">Submission: {_escape(Path(report["submission"]).name)}'
                 + (f", ran in {report['seconds']:.1f} s" if report.get("seconds") is not None else "") + ".</p>")
    return _page(f"Feedback: {report['student']}", "\n".join(parts))


def _output_section(report):
    """The start of what the submission printed (escaped, truncated), so students can match errors to output."""
    raw = report.get("output") or ""
    text = _strip_ansi(raw)
    if not text.strip():
        return ""
    total = report.get("output_bytes") or 0
    note = ""
    if len(text) > OUTPUT_SHOWN or total > len(raw.encode("utf-8", "replace")):
        note = f'<p class="note">Only the start is shown: your code printed {total:,} bytes in all.</p>'
    return f"<h2>What your code printed</h2><pre>{html.escape(text[:OUTPUT_SHOWN])}</pre>{note}"


def _feedback_figure(plot):
    """Data with both boundaries, next to the training loss; the caption explains what is missing."""
    figure = Figure(figsize=(9, 3.6), dpi=DPI)
    data_axes, loss_axes = figure.subplots(1, 2, gridspec_kw=LAYOUT)
    boundary = plot.get("boundary")
    drawn = draw_data(data_axes, [boundary] if boundary else [], color="tab:blue", linewidth=2,
                      label="your model's boundary")
    has_losses = draw_losses(loss_axes, plot.get("losses") or [], plot.get("losses_every") or 1)
    notes = []
    if not boundary:
        notes.append("Your model's decision boundary could not be worked out, so only the best one is shown.")
    elif not drawn:
        notes.append("Your model's decision boundary lies outside the range of the data.")
    if not has_losses:
        notes.append("No loss history (<code>losses</code>) was found to plot.")
    caption = ("The black line is the best possible boundary. On the right, the dashed line is how close to the "
               f"best loss counts as fully trained; a curve flat at the bottom ({LOSS_FLOOR:g}) has reached the best. "
               + " ".join(notes))
    return _png(figure) + f'<p class="note">{caption}</p>'


def _png(figure):
    """The figure as an inline base64 PNG <img>, so pages need no other files."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="plot" src="data:image/png;base64,{encoded}">'


@lru_cache(maxsize=None)
def _frame():
    """The data and the plotting window around it (hours), shared by every plot of the data."""
    X, y = training_data()
    low, high = X.min(axis=0), X.max(axis=0)
    margin = 0.05 * (high - low)
    return X, y, (low[0] - margin[0], high[0] + margin[0]), (low[1] - margin[1], high[1] + margin[1])


def boundary_segment(boundary, xlim, ylim):
    """Where the line w1*x + w2*y + b = 0 crosses the box xlim × ylim, as two points, or None if it misses."""
    w1, w2, b = (float(v) for v in boundary)
    if not np.all(np.isfinite([w1, w2, b])):
        return None
    points = [(x, -(w1 * x + b) / w2) for x in xlim if w2 != 0]
    points += [(-(w2 * y + b) / w1, y) for y in ylim if w1 != 0]
    inside = sorted({(x, y) for x, y in points
                     if xlim[0] - 1e-9 <= x <= xlim[1] + 1e-9 and ylim[0] - 1e-9 <= y <= ylim[1] + 1e-9})
    return (inside[0], inside[-1]) if len(inside) >= 2 and inside[0] != inside[-1] else None


def draw_data(axes, boundaries, **style):
    """The one picture of the data: passes green, fails red, the reference boundary thick and black,
    and ``boundaries`` ([w1, w2, b] each) drawn with ``style``.  Returns how many crossed the window."""
    X, y, xlim, ylim = _frame()
    segments = [s for s in (boundary_segment(b, xlim, ylim) for b in boundaries) if s is not None]
    if segments:
        axes.add_collection(LineCollection(segments, zorder=4, **style))
    w, b, _ = reference_fit()
    axes.add_collection(LineCollection([boundary_segment([*w, b], xlim, ylim)], color="black", linewidth=3,
                                       zorder=3, label="best possible boundary"))
    axes.scatter(X[y == 1, 0], X[y == 1, 1], s=14, color="tab:green", label="passed", zorder=2)
    axes.scatter(X[y == 0, 0], X[y == 0, 1], s=14, color="tab:red", label="failed", zorder=2)
    axes.set(xlim=xlim, ylim=ylim, xlabel="sleep (hours)", ylabel="study (hours)")
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize="small", frameon=False)
    return len(segments)


def draw_losses(axes, losses, every):
    """How far above the best possible loss training was, per epoch, on a log scale (the tail matters)."""
    loss = np.asarray(losses, dtype=float)
    epochs = np.arange(len(loss)) * every
    finite = np.isfinite(loss)
    if not finite.any():
        axes.text(0.5, 0.5, "no loss history", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return False
    excess = np.maximum(loss[finite] - reference_fit()[2], LOSS_FLOOR)
    axes.semilogy(epochs[finite], excess, color="tab:blue", label="your training loss")
    axes.axhline(LOSS_TOLERANCE, color="grey", linestyle="--", label="close enough")
    axes.yaxis.set_major_formatter(PLAIN)
    axes.yaxis.set_minor_locator(NullLocator())
    axes.set(xlabel="epoch", ylabel="loss above the best (nats)")
    axes.legend(loc="upper right", fontsize="small")
    return True


def _failed_checks(reports):
    """Every check, over all submissions, that scored below its maximum."""
    return (check for report in reports for check in report["checks"] if check["score"] < check["max_score"])


def failed_counts(reports):
    """Per check (CHECKS order), how many submissions scored below its maximum."""
    counts = Counter(check["name"] for check in _failed_checks(reports))
    return {name: counts[name] for name in [*CHECKS, *sorted(set(counts) - set(CHECKS))]}


def first_sentence(message):
    """A message's first sentence with numbers masked, so the same mistake groups across students."""
    return NUMBER.sub("#", SENTENCE_END.split(message.strip(), maxsplit=1)[0])


def common_mistakes(reports, top=TOP_MISTAKES):
    """Per check with failures, its commonest mistakes: (first sentence of the message, how many), commonest first."""
    counters = {}
    for check in _failed_checks(reports):
        counters.setdefault(check["name"], Counter())[first_sentence(check["message"])] += 1
    return {name: counters[name].most_common(top) for name in failed_counts(reports) if name in counters}


def summary_page(reports, names):
    """The teacher's page: score histogram, failures and commonest mistakes per check, all boundaries, links."""
    scores = np.array([report["score"] for report in reports], dtype=float)
    stats = (f"{len(reports)} submissions; mean {scores.mean():.2f}, median {np.median(scores):g} of {MAX_SCORE:g}; "
             f"{int(np.sum(scores >= MAX_SCORE))} with full marks; "
             f"{sum(1 for r in reports if r['error'])} stopped by an error." if reports else "No submissions.")
    failed = failed_counts(reports)
    check_rows = [[f"<code>{_escape(name)}</code>", _escape(_description(name)), f"{count} of {len(reports)}"]
                  for name, count in failed.items()]
    mistakes = "".join(
        f"<h3><code>{_escape(name)}</code></h3><ol>"
        + "".join(f"<li>{count} \u00d7 {_escape(sentence)}</li>" for sentence, count in ranked) + "</ol>"
        for name, ranked in common_mistakes(reports).items())
    student_rows = [[f'<a href="feedback/{name}.html">{_escape(report["student"])}</a>',
                     _escape(Path(report["submission"]).name), _points(report["score"], report["max_score"]),
                     _escape(report["error"] or "")] for report, name in zip(reports, names)]
    body = "\n".join([
        "<h1>Class summary</h1>", f"<p>{stats}</p>", _summary_figure(reports),
        "<h2>Checks failed</h2>",
        _table(["Check", "What is checked", "Submissions below full points"], check_rows, numeric=(2,)),
        "<h2>Commonest mistakes</h2><p class=\"note\">First sentence of each message of a failed check; "
        "numbers are shown as #.</p>" + (mistakes or "<p>None.</p>"),
        "<h2>Students</h2>", _table(["Student", "Submission", "Score", "Error"], student_rows, numeric=(2,))])
    return _page("Class summary", body)


def _summary_figure(reports):
    """Score histogram next to every student's boundary (thin grey) over the data and the reference boundary."""
    figure = Figure(figsize=(9, 3.6), dpi=DPI)
    histogram, data_axes = figure.subplots(1, 2, gridspec_kw=LAYOUT)
    histogram.hist([report["score"] for report in reports], bins=np.arange(0, MAX_SCORE + 0.5, 0.5),
                   color="tab:blue", edgecolor="white")
    histogram.set(xlabel="score", ylabel="submissions")
    histogram.yaxis.set_major_locator(MaxNLocator(integer=True))
    boundaries = [report["plot"]["boundary"] for report in reports if (report.get("plot") or {}).get("boundary")]
    drawn = draw_data(data_axes, boundaries, color="grey", linewidth=0.7, alpha=0.6, label="students' boundaries")
    return _png(figure) + (f'<p class="note">Left: the scores. Right: {drawn} of the {len(reports)} models\' '
                           "decision boundaries (the others could not be worked out or lie outside the data's range), "
                           "with the best possible boundary in black.</p>")
