# expect: total=10
# The whole model in float64 via model.double(); buffers for scaling; SGD with momentum;
# test_preds a boolean numpy array; boundary with plt.plot after plt.subplots.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
X64 = torch.from_numpy(X)
y64 = torch.from_numpy(y)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.lin = nn.Linear(n_features, 1)
        self.register_buffer("m", torch.zeros(n_features))
        self.register_buffer("s", torch.ones(n_features))

    def fit_scaler(self, data):
        self.m.copy_(data.mean(0))
        self.s.copy_(data.std(0))
        return self

    def forward(self, x):
        return torch.sigmoid(self.lin((x - self.m) / self.s))[:, 0]


model = LogisticRegression(2).double().fit_scaler(X64)
sgd = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
losses = []
for _ in range(400):
    sgd.zero_grad()
    L = nn.functional.binary_cross_entropy(model(X64), y64)
    L.backward()
    sgd.step()
    losses.append(L.item())

test_preds = model(torch.from_numpy(test_points())).detach().numpy() > 0.5

fig, ax = plt.subplots()
plt.scatter(X[:, 0], X[:, 1], c=["g" if t else "r" for t in y])
wt = model.lin.weight.detach()[0] / model.s
bt = model.lin.bias.detach()[0] - (wt * model.m).sum()
xs = np.linspace(X[:, 0].min(), X[:, 0].max())
plt.plot(xs, (-(bt + wt[0] * torch.from_numpy(xs)) / wt[1]).numpy(), "k:")
