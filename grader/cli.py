"""The instructor's command line.

``python -m grader grade PATH... [--json] [--out DIR] [--timeout S] [--memory MB] [--jobs N]``
``python -m grader sync ASSIGNMENT [--course-dir DIR]``  (after ``nbgrader autograde``)
"""
import argparse
import hashlib
import json
import math
import os
import sys
from pathlib import Path

from grader.checks import CHECKS, MAX_SCORE, affine_logit, grade, grade_nothing
from grader.sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, run_batch

SUFFIXES = (".py", ".ipynb")


def find_submissions(paths):
    """Expand files and folders (nbgrader's submitted/ tree included) into submission files, in input order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                                and not any(part.startswith((".", "__")) for part in p.relative_to(path).parts)))
        elif path.is_file() and path.suffix in SUFFIXES:
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: not a .py file, a .ipynb file or a folder")
    return found


def student_name(path):
    """nbgrader's ``submitted/<student>/<assignment>/<notebook>`` gives the student; otherwise the file's stem."""
    parts = Path(path).resolve().parts
    if len(parts) >= 4 and parts[-4] in ("submitted", "autograded"):
        return parts[-3]
    return Path(path).stem


def build_report(path, outcome):
    """One submission's report: the contract of ``--json``."""
    error = outcome.get("error")
    checks = grade_nothing(error) if error else grade(outcome["observed"])
    cell_errors = [] if error else outcome["observed"]["cell_errors"]
    return {"submission": str(path), "student": student_name(path),
            "score": round(sum(c.score for c in checks), 2), "max_score": MAX_SCORE,
            "checks": [c.as_dict() for c in checks], "error": error,
            "cell_errors": cell_errors, "output": outcome.get("output", ""),
            "output_bytes": outcome.get("output_bytes", 0), "seconds": outcome.get("seconds"),
            "run_seconds": outcome.get("run_seconds"), "plot": _plot_data(None if error else outcome["observed"])}


def _plot_data(observed):
    """What a feedback page draws: the model's own boundary w·x + b = 0 (raw hours) and its loss history."""
    if observed is None:
        return {"boundary": None, "losses": []}
    fit = affine_logit(observed["fitted"]) if observed.get("fitted") else None
    history = observed.get("losses", {}).get("values") or []
    step = max(1, len(history) // 500)
    return {"boundary": None if fit is None else [float(fit[0][0]), float(fit[0][1]), fit[1]],
            "losses": [v if math.isfinite(v) else None for v in history[::step]],  # strict JSON: no NaN
            "losses_every": step * observed.get("losses", {}).get("every", 1)}


def grade_paths(paths, jobs=None, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB, on_report=None):
    """Grade submission files in isolation; return reports in input order."""
    if not paths:
        return []
    reports = [None] * len(paths)
    for outcome in run_batch(paths, jobs=jobs, timeout=timeout, memory_mb=memory_mb):
        report = build_report(paths[outcome["index"]], outcome)
        reports[outcome["index"]] = report
        if on_report:
            on_report(report)
    return reports


class ReportStore:
    """Reports saved one file each as they finish, so an interrupted batch resumes where it stopped.

    A report is keyed by the submission's path and content: a file changed since it was graded
    is graded again.
    """

    def __init__(self, out_dir):
        self.folder = Path(out_dir) / "reports"
        self.folder.mkdir(parents=True, exist_ok=True)

    def file(self, path):
        """Where the report of ``path``, as the file is now, is kept (read the file once per batch)."""
        digest = hashlib.sha256(str(Path(path).resolve()).encode() + b"\0" + Path(path).read_bytes())
        return self.folder / f"{digest.hexdigest()[:20]}.json"

    @staticmethod
    def load(target):
        """The report saved in ``target``, or None."""
        try:
            return json.loads(target.read_text())
        except (OSError, ValueError):
            return None

    @staticmethod
    def save(target, report):
        """Write atomically: a batch killed mid-write leaves the old file or none, never half of one."""
        partial = target.with_suffix(".partial")
        partial.write_text(json.dumps(report))
        os.replace(partial, target)


def _labels(reports):
    """Each report's student name, with its folder where two share a name (the solution and the starter)."""
    names = [r["student"] for r in reports]
    return [name if names.count(name) == 1 else f"{name} ({Path(r['submission']).resolve().parent.parent.name})"
            for name, r in zip(names, reports)]


def score_table(reports):
    names = list(CHECKS)
    labels = _labels(reports)
    width = max([len("student")] + [len(label) for label in labels])
    header = f"{'student':<{width}}  " + "  ".join(f"{n[:10]:>10}" for n in names) + f"  {'total':>6}"
    lines = [header, "-" * len(header)]
    for label, r in zip(labels, reports):
        scores = {c["name"]: c["score"] for c in r["checks"]}
        lines.append(f"{label:<{width}}  " + "  ".join(f"{scores[n]:>10g}" for n in names)
                     + f"  {r['score']:>6g}" + (f"   ({r['error']})" if r["error"] else ""))
    return "\n".join(lines)


class Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal or a batch is large)."""

    def __init__(self, total):
        self.total, self.done = total, 0
        self.enabled = total > 1 and sys.stderr.isatty()

    def __call__(self, report):
        self.done += 1
        if self.enabled:
            filled = int(30 * self.done / self.total)
            sys.stderr.write(f"\rgrading [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def sync_table(rows):
    lines = [f"{'student':<20}  {'in-kernel':>9}  {'isolated':>8}", "-" * 42]
    for row in rows:
        in_kernel = "-" if row["in_kernel"] is None else f"{row['in_kernel']:g}"
        note = "  FLAGGED: in-kernel score above isolated score" if row["flagged"] else (
            "  (not autograded yet: nothing written)" if row["in_kernel"] is None else "")
        lines.append(f"{row['student']:<20}  {in_kernel:>9}  {row['isolated']:>8g}{note}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    limits = argparse.ArgumentParser(add_help=False)
    limits.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds per submission (default {DEFAULT_TIMEOUT:g})")
    limits.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB,
                        help=f"MiB per submission (default {DEFAULT_MEMORY_MB})")
    limits.add_argument("--jobs", type=int, default=os.cpu_count(), help="submissions at a time (default: cores)")
    commands = parser.add_subparsers(dest="command", required=True)
    grade_cmd = commands.add_parser("grade", parents=[limits],
                                    help="grade submissions (.py, .ipynb, or folders of them)")
    grade_cmd.add_argument("paths", nargs="+", metavar="PATH")
    grade_cmd.add_argument("--json", action="store_true", help="print the reports as a JSON list")
    grade_cmd.add_argument("--out", type=Path, help="write grades.csv, feedback pages and results.json here")
    grade_cmd.add_argument("--resume", action="store_true",
                           help="keep the reports already saved in --out (from an interrupted run); grade the rest")
    sync_cmd = commands.add_parser("sync", parents=[limits],
                                   help="regrade nbgrader's submitted/ in isolation and write the scores "
                                        "into its gradebook (run after nbgrader autograde)")
    sync_cmd.add_argument("assignment")
    sync_cmd.add_argument("--course-dir", type=Path, default=Path("."), help="nbgrader course root (default .)")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.jobs < 1 or args.memory < 64:
        parser.error("--timeout must be positive, --jobs at least 1, --memory at least 64")
    if args.command == "sync":
        from grader.gradebook import submitted_notebooks, sync
        paths = submitted_notebooks(args.course_dir, args.assignment)
    else:
        if args.resume and not args.out:
            parser.error("--resume needs --out: the reports saved there are what it resumes from")
        try:
            paths = find_submissions(args.paths)
        except FileNotFoundError as exc:
            parser.error(str(exc))
    if not paths:
        parser.error("no .py or .ipynb submissions found")
    if args.command == "grade" and args.out:
        return grade_into_folder(paths, args)
    reports = grade_paths(paths, jobs=args.jobs, timeout=args.timeout, memory_mb=args.memory,
                          on_report=Progress(len(paths)))
    if args.command == "sync":
        print(sync_table(sync(args.course_dir, args.assignment, reports)))
        return 0
    print_reports(reports, args.json)
    return 0


def grade_into_folder(paths, args):
    """Grade with every report saved as it finishes; on Ctrl-C keep them and say how to resume."""
    from grader.reports import write_all
    store = ReportStore(args.out)
    files = {str(path): store.file(path) for path in paths}
    saved = {index: store.load(files[str(path)]) for index, path in enumerate(paths)} if args.resume else {}
    todo = [path for index, path in enumerate(paths) if saved.get(index) is None]
    progress = Progress(len(todo))

    def keep(report):
        store.save(files[report["submission"]], report)
        progress(report)
    try:
        fresh = iter(grade_paths(todo, jobs=args.jobs, timeout=args.timeout, memory_mb=args.memory, on_report=keep))
    except KeyboardInterrupt:
        print(f"\ninterrupted: the reports graded so far are saved in {args.out}; run the same command "
              "with --resume to grade the rest", file=sys.stderr)
        return 130
    reports = [saved.get(index) or next(fresh) for index in range(len(paths))]
    write_all(reports, args.out)
    print_reports(reports, args.json)
    return 0


def print_reports(reports, as_json):
    if as_json:
        json.dump(reports, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print(score_table(reports))
