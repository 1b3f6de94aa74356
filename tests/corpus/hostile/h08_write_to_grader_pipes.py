# expect: zero=all
# Writes fake report lines (and a truncated half-line) into the grader's channels, by reopening
# through /proc/<pid>/fd every pipe or socket its parent (the supervisor) and grandparent (the
# CLI) hold open beyond their stdin/stdout/stderr. The channels are sockets, which cannot be
# reopened; the other pipes there carry other submissions' printed output, which is only text.
# (run_batch also makes the grader's processes non-dumpable, which closes /proc/<pid>/fd to a
# submission run by a non-root grader altogether; root ignores that, so when the tests run as
# root the CLI's own stdout stays reachable, and this submission leaves fds 0-2 alone.)
import os

fake = ('{"index": 0, "seconds": 0.1, "output": "", "output_bytes": 0, "observed": {"cell_errors": [], '
        '"missing": []}}\n[{"student": "h08", "score": 10.0}]\n{"index": 1, "broken')
reached = []
pids = [os.getppid()]
try:
    with open(f"/proc/{pids[0]}/stat") as stat:
        pids.append(int(stat.read().rsplit(")", 1)[1].split()[1]))
except OSError:
    pass
for pid in pids:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        continue
    for fd in fds:
        if int(fd) <= 2:
            continue
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if target.startswith(("pipe:", "socket:")):
                with open(f"/proc/{pid}/fd/{fd}", "w") as f:
                    f.write(fake)
                reached.append((pid, fd, target))
        except OSError:
            pass
print("reached", reached)
