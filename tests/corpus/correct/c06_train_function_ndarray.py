# expect: total=10
# Training wrapped in a function that returns a tensor of losses; test_preds a numpy array;
# the scaling statistics are computed in __init__ from the data module and kept as buffers.
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points


def load():
    a, b, c, d = sample_groups()
    X = np.concatenate([np.stack([a, b], 1), np.stack([c, d], 1)])
    y = np.concatenate([np.ones(len(a)), np.zeros(len(c))])
    return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression(nn.Module):
    def __init__(self, n_features, mean=None, std=None):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_features) if mean is None else mean.clone())
        self.register_buffer("std", torch.ones(n_features) if std is None else std.clone())
        self.weights = nn.Parameter(torch.randn(n_features, 1) * 0.01)
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return torch.sigmoid(((x - self.mean) / self.std) @ self.weights + self.bias)


def train(model, X, y, epochs=1000, lr=1.0):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    bce = nn.BCELoss()
    out = torch.empty(epochs)
    for e in range(epochs):
        opt.zero_grad()
        l = bce(model(X).squeeze(1), y)
        l.backward()
        opt.step()
        out[e] = l.item()
    return out


def main():
    X, y = load()
    m = LogisticRegression(2, X.mean(0), X.std(0))
    hist = train(m, X, y)
    return X, y, m, hist


X, y, model, losses = main()
test_preds = (model(torch.from_numpy(test_points()).float()).detach().numpy().ravel() > 0.5).astype(np.int64)

fig, ax = plt.subplots()
Xn = X.numpy()
ax.plot(Xn[y == 1, 0], Xn[y == 1, 1], "g^", label="pass")
ax.plot(Xn[y == 0, 0], Xn[y == 0, 1], "rv", label="fail")
w = (model.weights.detach()[:, 0] / model.std).numpy()
b = model.bias.item() - float((w * model.mean.numpy()).sum())
s = np.linspace(3, 11, 2)
ax.plot(s, -(b + w[0] * s) / w[1], "b-", lw=2)
ax.legend()
