"""Throughput of `python -m grader grade` against `nbgrader autograde`, on the same machine, in the same run.

    .venv/bin/python benchmarks/bench.py            # 40 notebooks (a mix), plus 12 fast ones
    .venv/bin/python benchmarks/bench.py --n 200    # a whole course

It builds a scratch nbgrader course whose submitted/ holds N copies of the release notebook filled in the
ways students fill it (correct, correct but slow to train, under-trained, correct with millisecond
LBFGS training), grades it with both tools and prints submissions per minute, the ratio, the grader's
per-submission overhead beyond the submissions' own run time, peak memory, and whether both tools gave
every student the same score. A benchmark, not a test: timings on a shared machine are noisy, so it
reports ratios measured side by side.
"""
import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from students import ENV, RELEASE, fast_lbfgs, nbgrader, reference, slow_but_correct, undertrained  # noqa: E402

ASSIGNMENT = "logistic_regression"
MIX = (reference, fast_lbfgs, undertrained, slow_but_correct)


def build_course(folder, kinds):
    """A course with the assignment generated and one submitted notebook per entry of ``kinds``."""
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "solution", folder / "solution")
    nbgrader("generate_assignment", ASSIGNMENT, cwd=folder)
    for index, kind in enumerate(kinds):
        path = folder / "submitted" / f"s{index:03d}_{kind.__name__}" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(kind(nbformat.read(RELEASE, as_version=4)), path)


def timed(command, cwd):
    """Run a command; return (wall seconds, peak RSS in MiB of its largest process, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[:3]} failed:\n{result.stderr[-3000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak, result.stdout


def nbgrader_scores(folder):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        return {s.student.id: s.score for s in gradebook.assignment_submissions(ASSIGNMENT)}


def compare(kinds, jobs, label):
    """Grade one class with both tools; return a dict of measurements."""
    with tempfile.TemporaryDirectory(prefix="logreg-bench-") as scratch:
        folder = Path(scratch)
        build_course(folder, kinds)
        kit_wall, kit_peak, out = timed([sys.executable, "-m", "grader", "grade", "submitted", "--json",
                                         "--jobs", str(jobs)], folder)
        reports = json.loads(out)
        nb_wall, nb_peak, _ = timed(["nbgrader", "autograde", ASSIGNMENT], folder)
        kit = {r["student"]: r["score"] for r in reports}
        same = kit == nbgrader_scores(folder)
        own = sum(r.get("run_seconds", r["seconds"]) for r in reports)
        startup = reports[0].get("startup_seconds", 0.0)
    n = len(kinds)
    return {"label": label, "n": n, "kit_per_min": 60 * n / kit_wall, "nbgrader_per_min": 60 * n / nb_wall,
            "ratio": nb_wall / kit_wall, "overhead_ms": 1000 * ((kit_wall - startup) * jobs - own) / n,
            "startup_s": startup, "kit_peak_mb": kit_peak, "nbgrader_peak_mb": nb_peak, "same_scores": same,
            "kit_wall": kit_wall, "nbgrader_wall": nb_wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=40, help="notebooks in the mix (default 40)")
    parser.add_argument("--fast", type=int, default=12, help="notebooks in the fast-only class (default 12)")
    parser.add_argument("--jobs", type=int, default=2, help="the grader's --jobs (default 2, the cores here)")
    args = parser.parse_args()
    results = [compare([MIX[i % len(MIX)] for i in range(args.n)], args.jobs, "mix"),
               compare([fast_lbfgs] * args.fast, args.jobs, "fast (training < 0.1 s)")]
    print(f"{'class':<26}{'n':>5}{'kit/min':>9}{'nbgrader/min':>14}{'ratio':>8}{'overhead ms':>13}"
          f"{'kit MiB':>9}{'nbgrader MiB':>14}  same scores")
    for r in results:
        print(f"{r['label']:<26}{r['n']:>5}{r['kit_per_min']:>9.1f}{r['nbgrader_per_min']:>14.1f}{r['ratio']:>7.1f}x"
              f"{r['overhead_ms']:>13.0f}{r['kit_peak_mb']:>9.0f}{r['nbgrader_peak_mb']:>14.0f}  {r['same_scores']}")
    print(f"(grader start-up, paid once per batch: {results[0]['startup_s']:.1f} s; "
          "overhead = grader time slots not spent running submissions, per submission, after start-up)")


if __name__ == "__main__":
    main()
