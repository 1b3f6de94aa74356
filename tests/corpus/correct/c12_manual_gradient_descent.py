# expect: total=10
# No torch.optim: a hand-written gradient-descent update under torch.no_grad(), with the
# scaling applied inside forward from registered buffers; losses is a list of 0-d tensors
# that still carry a grad_fn (loss appended without .item()).
import numpy as np
import torch
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

Xnp, ynp = training_data()
X = torch.tensor(Xnp, dtype=torch.float32)
Y = torch.tensor(ynp, dtype=torch.float32)


class LogisticRegression(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.theta = torch.nn.Parameter(torch.zeros(n_features + 1))
        self.register_buffer("shift", torch.zeros(n_features))
        self.register_buffer("scale", torch.ones(n_features))

    def forward(self, x):
        z = ((x - self.shift) / self.scale) @ self.theta[1:] + self.theta[0]
        return torch.special.expit(z)


model = LogisticRegression(2)
model.shift += X.mean(0)
model.scale *= X.std(0)
alpha = 2.0
losses = []
for it in range(700):
    p = model(X)
    J = torch.nn.functional.binary_cross_entropy(p, Y)
    model.zero_grad()
    J.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= alpha * param.grad
    losses.append(J)

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > .5).tolist()

fig, ax = plt.subplots()
ax.plot(Xnp[ynp == 1, 0], Xnp[ynp == 1, 1], "o", label="pass")
ax.plot(Xnp[ynp == 0, 0], Xnp[ynp == 0, 1], "x", label="fail")
th = model.theta.detach().numpy()
w = th[1:] / model.scale.numpy()
b = th[0] - np.dot(w, model.shift.numpy())
sl = np.linspace(Xnp[:, 0].min(), Xnp[:, 0].max(), 10)
ax.plot(sl, -(b + w[0] * sl) / w[1], "-", linewidth=1.5, label="boundary")
ax.legend()
