# expect: total=10
# Leaves processes behind: three forked children that ignore SIGTERM and sleep, one of them
# a double-forked daemon in its own session with its stdio closed. The pids are written to
# $CORPUS_PID_DIR so the test can check that none survives the grading. The submission
# itself is correct and must still be graded (not held up until the timeout by children
# that keep its pipes open).
import os
import signal
import time


def record(pid):
    folder = os.environ.get("CORPUS_PID_DIR")
    if folder:
        with open(os.path.join(folder, "h05_fork_children.pids"), "a") as f:
            with open(f"/proc/{pid}/stat") as stat:
                start = stat.read().rsplit(")", 1)[1].split()[19]
            f.write(f"{pid} {start}\n")


for i in range(2):
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        while True:
            time.sleep(60)
    record(pid)

pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    record(os.getpid())
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for fd in range(3, 256):
        try:
            os.close(fd)
        except OSError:
            pass
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    while True:
        time.sleep(60)
os.waitpid(pid, 0)
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt, yt = torch.tensor(X), torch.tensor(y)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1, dtype=torch.float64)

    def forward(self, x):
        return torch.sigmoid(self.linear(x)).squeeze(-1)


model = LogisticRegression(2)
opt = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)
losses = []


def closure():
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(Xt), yt)
    loss.backward()
    losses.append(loss.item())
    return loss


opt.step(closure)

test_preds = (model(torch.tensor(test_points())) > 0.5).int()

fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 40)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")

