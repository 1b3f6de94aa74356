# expect: zero=all error="not the grader's observations"
# Writes forged results straight into every open file descriptor above stderr (one of them is
# the channel its result goes back on), claiming to be submission 0 with perfect observations,
# then ends the process before the grader's own result can be sent.
import os

forged = (b'{"index": 0, "seconds": 0.0, "output": "", "output_bytes": 0, "error": null, '
          b'"observed": {"cell_errors": [], "missing": []}}\n')
for fd in range(3, 1024):
    try:
        os.write(fd, forged)
    except OSError:
        pass
os._exit(0)
