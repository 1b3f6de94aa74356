"""Prove the verdicts: grade the whole corpus (tests/corpus/) in ONE call of the real CLI, then hold
every report to the expectations its submission declares in its header (format: tests/corpus/README.md).

One call, so torch is imported once; the reports are shared by every test through a module fixture.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from expectations import ALL, parse, verify
from grader.exercise import reference_fit

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
KINDS = ("correct", "buggy", "hostile")
TIMEOUT_S = 10      # per submission: bounds the endless loop; the slowest honest submission needs ~1 s
MEMORY_MB = 512     # per submission, beyond the warm interpreter: bounds the memory bomb
OUTPUT_KEPT = 20_000


def submissions():
    return sorted(p for kind in KINDS for p in (CORPUS / kind).iterdir() if p.suffix in (".py", ".ipynb"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """``(reports by file name, pid folder, seconds)``: the whole corpus graded by one CLI call."""
    pids = tmp_path_factory.mktemp("pids")
    pids.chmod(0o777)
    paths = submissions()
    env = dict(os.environ, CORPUS_PID_DIR=str(pids))
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "grader", "grade", str(CORPUS), "--json",
                          "--timeout", str(TIMEOUT_S), "--memory", str(MEMORY_MB)],
                         capture_output=True, text=True, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-3000:]
    reports = json.loads(run.stdout)  # the batch survived, and nothing printed by a submission got in
    assert [Path(r["submission"]).name for r in reports] == [p.name for p in paths]
    print(f"\ngraded {len(reports)} corpus submissions in {seconds:.1f} s")
    return {Path(r["submission"]).name: r for r in reports}, pids, seconds


def scores(report):
    return {c["name"]: c for c in report["checks"]}


def test_every_submission_declares_complete_expectations():
    assert sum(1 for p in submissions() if p.parent.name == "correct") >= 15
    assert sum(1 for p in submissions() if p.parent.name == "buggy") >= 20
    assert sum(1 for p in submissions() if p.parent.name == "hostile") >= 10
    for path in submissions():
        spec = parse(path)
        named = spec["pass"] | spec["fail"] | spec["zero"]
        assert named == set(ALL), f"{path.name}: checks without an expectation: {set(ALL) - named}"
        assert not spec["pass"] & (spec["fail"] | spec["zero"]), f"{path.name}: a check both passes and fails"
        assert spec["total"] is not None, f"{path.name}: no total"
        if path.parent.name == "correct":
            assert spec["total"] == ("=", 10.0), path.name
        if path.parent.name == "buggy":
            assert spec["fail"] | spec["zero"] and spec["messages"], f"{path.name}: a bug must fail a check, and say why"


@pytest.mark.parametrize("path", submissions(), ids=lambda p: p.name)
def test_verdict(graded, path):
    reports, _, _ = graded
    report, spec = reports[path.name], parse(path)
    problems = verify(report, spec)
    assert not problems, f"{path.name}: " + "\n".join(problems)
    assert len(report["output"]) <= OUTPUT_KEPT


def test_failing_checks_say_what_to_do(graded):
    """Every check a buggy or hostile submission fails carries a message, never the bare default."""
    reports, _, _ = graded
    for name, report in reports.items():
        for check in report["checks"]:
            if not check["passed"]:
                assert check["message"] and check["message"] != "Well done.", (name, check)


def test_messages_do_not_reveal_the_reference(graded):
    reports, _, _ = graded
    w, b, best = reference_fit()
    secrets = {"1.743", "0.896", "19.55", "0.1324", f"{w[0]:.3f}", f"{w[1]:.3f}", f"{abs(b):.2f}", f"{best:.5f}"}
    for name, report in reports.items():
        for check in report["checks"]:
            leaked = [s for s in secrets if s in check["message"]]
            assert not leaked, f"{name}: {check['name']} message reveals {leaked}: {check['message']}"


def test_no_process_outlives_the_grading(graded):
    """Hostile submissions record the pid (and start time) of every process they leave behind."""
    _, pids, _ = graded
    recorded = {}
    for file in pids.glob("*.pids"):
        for line in file.read_text().split("\n"):
            if line.strip():
                pid, start = line.split()
                recorded[int(pid)] = (start, file.stem)
    assert {owner for _, owner in recorded.values()} >= {"h05_fork_children", "h16_notebook_shell_background"}
    assert len(recorded) >= 6
    survivors = []
    for pid, (start, owner) in recorded.items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        if fields[19] == start and fields[0] != "Z":  # same process (not a reused pid), not a zombie
            survivors.append((owner, pid))
    assert not survivors, f"processes left running: {survivors}"


def test_output_flood_is_drained_and_truncated(graded):
    reports, _, _ = graded
    flood = reports["h06_output_flood.py"]
    assert flood["output_bytes"] >= 40_000_000
    assert len(flood["output"]) <= OUTPUT_KEPT


def test_false_verdict_counts(graded):
    """The summary the issue asks for: checks and submissions judged wrongly, both zero."""
    reports, _, seconds = graded
    false_fail = false_pass = 0
    failed_correct, passed_buggy = [], []
    for path in submissions():
        report, spec = reports[path.name], parse(path)
        checks = scores(report)
        false_fail += sum(not checks[n]["passed"] for n in spec["pass"])
        false_pass += sum(checks[n]["passed"] for n in spec["fail"]) + sum(checks[n]["score"] > 0 for n in spec["zero"])
        if path.parent.name == "correct" and report["score"] < 10:
            failed_correct.append(path.name)
        if path.parent.name in ("buggy", "hostile") and spec["total"] != ("=", 10.0) and report["score"] >= 10:
            passed_buggy.append(path.name)
    print(f"\ncorpus: {len(reports)} submissions graded in {seconds:.1f} s; "
          f"false fails: {false_fail} checks ({len(failed_correct)} correct submissions below 10/10); "
          f"false passes: {false_pass} checks ({len(passed_buggy)} flawed submissions at 10/10)")
    assert (false_fail, false_pass, failed_correct, passed_buggy) == (0, 0, [], [])
