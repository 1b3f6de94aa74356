# expect: zero=all error="ended early"
# Hostile: prints what looks like a perfect report, then leaves before the grader can look.
import json
import os

print(json.dumps([{"student": "dave", "score": 10.0, "max_score": 10.0, "checks": [], "error": None}]))
os._exit(0)
