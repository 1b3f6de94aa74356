# expect: fail=all total=0
# expect: msg.subclasses_module="nn.Module"
# A plain Python class with hand-written gradients in numpy style: not an nn.Module, so there
# is no model the grader can call (the plot and the predictions are right, but nothing
# can be checked against a model).
import numpy as np
import torch
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression:
    def __init__(self, n_features):
        self.mean = Xt.mean(0)
        self.std = Xt.std(0)
        self.w = torch.zeros(n_features)
        self.b = torch.zeros(())

    def forward(self, x):
        return torch.sigmoid(((x - self.mean) / self.std) @ self.w + self.b)

    __call__ = forward


model = LogisticRegression(2)
losses = []
Z = (Xt - model.mean) / model.std
for _ in range(1000):
    p = model(Xt)
    losses.append(float(-(yt * torch.log(p) + (1 - yt) * torch.log(1 - p)).mean()))
    model.w -= 1.0 * Z.T @ (p - yt) / len(yt)
    model.b -= 1.0 * (p - yt).mean()

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.w / model.std
b = model.b - (w * model.mean).sum()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 20)
ax.plot(xs, (-(b + w[0] * xs) / w[1]).numpy())
