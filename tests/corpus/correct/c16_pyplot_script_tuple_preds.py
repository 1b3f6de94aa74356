# expect: total=10
# A script in pyplot state-machine style (plt.scatter, plt.plot, ax = plt.gca() at the end),
# F.linear on raw Parameters, Adam on standardised inputs, losses a list of numpy floats and
# test_preds a tuple of numpy ints.
import numpy as np
import torch
import torch.nn.functional as F
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

ps, pt, fs, ft = sample_groups()
X = np.r_[np.c_[ps, pt], np.c_[fs, ft]]
y = np.r_[np.ones(len(ps)), np.zeros(len(fs))]


class LogisticRegression(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(1, n_features))
        self.bias = torch.nn.Parameter(torch.zeros(1))
        self.register_buffer("mu", torch.zeros(n_features))
        self.register_buffer("sd", torch.ones(n_features))

    def forward(self, x):
        return torch.sigmoid(F.linear((x - self.mu) / self.sd, self.weight, self.bias)).squeeze(1)


model = LogisticRegression(n_features=2)
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
model.mu.copy_(Xt.mean(0))
model.sd.copy_(Xt.std(0))
opt = torch.optim.Adam(model.parameters(), lr=0.2)
losses = []
for step in range(400):
    opt.zero_grad()
    loss = F.binary_cross_entropy(model(Xt), yt)
    loss.backward()
    opt.step()
    losses.append(np.float32(loss.item()))

with torch.no_grad():
    p_new = model(torch.tensor(test_points(), dtype=torch.float32)).numpy()
test_preds = tuple(np.int64(p > 0.5) for p in p_new)

plt.scatter(ps, pt, marker="o", label="pass")
plt.scatter(fs, ft, marker="x", label="fail")
w = (model.weight.detach()[0] / model.sd).numpy()
b = model.bias.item() - float(w @ model.mu.numpy())
grid = np.linspace(X[:, 0].min(), X[:, 0].max(), 25)
plt.plot(grid, -(w[0] * grid + b) / w[1], color="k")
plt.xlabel("sleep")
plt.ylabel("study")
ax = plt.gca()
