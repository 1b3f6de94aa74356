"""Throughput of `python -m grader grade` against `nbgrader autograde`, on the same machine, in the same run.

    .venv/bin/python benchmarks/bench.py            # 40 notebooks (a mix), plus 80 fast ones
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


#: Runs a command and reports the peak RSS of its largest process on stderr's last line (a fresh
#: process per measurement, since a process's RUSAGE_CHILDREN keeps the maximum of all it ever ran).
PEAK = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def timed(command, cwd):
    """Run a command; return (wall seconds, peak RSS in MiB of its largest process, stdout)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[:3]} failed:\n{result.stderr[-3000:]}")
    return wall, int(result.stderr.split()[-1]) / 1024, result.stdout


def nbgrader_scores(folder):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        return {s.student.id: s.score for s in gradebook.assignment_submissions(ASSIGNMENT)}


def kit_fixed_cost(jobs):
    """Seconds the grader spends on a batch whatever its size (start-up, warm-up, reports): grade one empty script."""
    with tempfile.TemporaryDirectory(prefix="logreg-bench-") as scratch:
        Path(scratch, "empty.py").write_text("")
        wall, _, out = timed([sys.executable, "-m", "grader", "grade", "empty.py", "--json", "--jobs", str(jobs)],
                             scratch)
        return wall - json.loads(out)[0]["seconds"]


def compare(kinds, jobs, label, fixed, nbgrader_sample):
    """Grade a class with the grader, and its first ``nbgrader_sample`` notebooks with nbgrader autograde."""
    with tempfile.TemporaryDirectory(prefix="logreg-bench-") as scratch:
        folder = Path(scratch)
        build_course(folder, kinds)
        kit_wall, kit_peak, out = timed([sys.executable, "-m", "grader", "grade", "submitted", "--json",
                                         "--jobs", str(jobs)], folder)
        reports = json.loads(out)
        sample = sorted(r["student"] for r in reports)[:nbgrader_sample]
        for student in sorted({r["student"] for r in reports} - set(sample)):
            shutil.rmtree(folder / "submitted" / student)  # nbgrader autogrades the sample only
        nb_wall, nb_peak, _ = timed(["nbgrader", "autograde", ASSIGNMENT], folder)
        kit = {r["student"]: r["score"] for r in reports if r["student"] in sample}
        same = kit == nbgrader_scores(folder)
        own = sum(r.get("run_seconds") or r["seconds"] for r in reports)
        process = sum(r["seconds"] - (r.get("run_seconds") or r["seconds"]) for r in reports)
    n = len(kinds)
    return {"label": label, "n": n, "nbgrader_n": len(sample), "kit_per_min": 60 * n / kit_wall,
            "nbgrader_per_min": 60 * len(sample) / nb_wall, "ratio": (nb_wall / len(sample)) / (kit_wall / n),
            "overhead_ms": 1000 * ((kit_wall - fixed) * jobs - own) / n, "own_ms": 1000 * own / n,
            "process_ms": 1000 * process / n,
            "kit_peak_mb": kit_peak, "nbgrader_peak_mb": nb_peak, "same_scores": same}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=40, help="notebooks in the mix (default 40)")
    parser.add_argument("--fast", type=int, default=80, help="notebooks in the fast-only class (default 80)")
    parser.add_argument("--sample", type=int, default=12,
                        help="of the fast class, how many nbgrader autogrades (it costs ~6 s each; default 12)")
    parser.add_argument("--jobs", type=int, default=2, help="the grader's --jobs (default 2, the cores here)")
    args = parser.parse_args()
    fixed = kit_fixed_cost(args.jobs)
    results = [compare([MIX[i % len(MIX)] for i in range(args.n)], args.jobs, "mix", fixed, args.n),
               compare([fast_lbfgs] * args.fast, args.jobs, "fast (training < 0.1 s)", fixed, args.sample)]
    print(f"{'class':<24}{'n (nbgrader)':>13}{'kit/min':>9}{'nbgrader/min':>13}{'ratio':>8}{'own ms':>8}"
          f"{'process ms':>11}{'slot ms':>9}{'kit MiB':>9}{'nbgrader MiB':>13}  same scores")
    for r in results:
        print(f"{r['label']:<24}{r['n']:>6} ({r['nbgrader_n']:>3}){r['kit_per_min']:>10.1f}{r['nbgrader_per_min']:>13.1f}"
              f"{r['ratio']:>7.1f}x{r['own_ms']:>8.0f}{r['process_ms']:>11.0f}{r['overhead_ms']:>9.0f}"
              f"{r['kit_peak_mb']:>9.0f}{r['nbgrader_peak_mb']:>13.0f}  {r['same_scores']}")
    print(f"kit: {fixed:.1f} s per batch whatever its size (start-up and warm-up), included in kit/min.\n"
          "own ms: a submission's own run time (its cells, plots and in-notebook checks).\n"
          "process ms: per submission, the life of its process beyond that (fork, observing, sending results).\n"
          "slot ms: per submission, the job slots (jobs x wall time after the fixed cost) not spent on own run\n"
          "  time: process ms plus the grader's checks and the supervisor competing for the cores, and slots\n"
          "  left idle while the last slow submissions finish.  MiB: the largest single process.")


if __name__ == "__main__":
    main()
