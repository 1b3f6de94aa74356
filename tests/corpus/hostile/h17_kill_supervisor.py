# expect: zero=all error="killed while this submission ran"
# Kills the process that supervises it (its parent) with SIGKILL. The batch must go on: the
# other submissions are graded, and this one gets an error.
import os
import signal
import time

os.kill(os.getppid(), signal.SIGKILL)
time.sleep(5)
