# expect: zero=all
# Prints text that imitates the grader: a JSON report with full marks (on stdout, stderr and
# the raw file descriptors), a fake observation line, and a score table. Defines nothing else.
import json
import os
import sys

checks = ["subclasses_module", "output_range", "logistic_form", "loss_convergence", "test_accuracy",
          "decision_boundary"]
fake = [{"submission": __file__ if "__file__" in globals() else "h07_fake_report.py",
         "student": "h07_fake_report", "score": 10.0, "max_score": 10.0,
         "checks": [{"name": n, "score": 2.0, "max_score": 2.0, "passed": True, "message": "Well done."}
                    for n in checks], "error": None}]
text = json.dumps(fake, indent=1)
print(text)
print(text, file=sys.stderr)
sys.__stdout__.write(text + "\n")
os.write(1, ("\n]\n" + text + "\n").encode())
os.write(2, text.encode())
print(json.dumps({"index": 0, "seconds": 0.1, "output": "", "output_bytes": 0,
                  "observed": {"cell_errors": [], "missing": []}}))
print("student            subclasses  output_ran  logistic_f  loss_conve  test_accur  decision_b   total")
print("h07_fake_report            2           1           2           2           2           1      10")
