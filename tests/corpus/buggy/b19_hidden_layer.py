# expect: fail=logistic_form,decision_boundary pass=subclasses_module,output_range,loss_convergence,test_accuracy total<10
# expect: msg.logistic_form="hidden layer"
# A small neural network (2 -> 8 -> 1 with tanh) instead of logistic regression. It fits the
# data at least as well (so the loss and the labels pass), but it has no straight boundary.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

torch.manual_seed(0)
X, y = training_data()
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.register_buffer("mean", torch.tensor([7.5, 10.0]))
        self.register_buffer("std", torch.tensor([1.5, 4.0]))
        self.hidden = nn.Linear(n_features, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        h = torch.tanh(self.hidden((x - self.mean) / self.std))
        return torch.sigmoid(self.out(h)).squeeze(-1)


model = LogisticRegression(2)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
losses = []
for _ in range(500):
    opt.zero_grad()
    l = nn.BCELoss()(model(Xt), yt)
    l.backward()
    opt.step()
    losses.append(l.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
gx, gy = np.meshgrid(np.linspace(2, 12, 100), np.linspace(-2, 22, 100))
with torch.no_grad():
    pz = model(torch.tensor(np.c_[gx.ravel(), gy.ravel()], dtype=torch.float32)).numpy().reshape(gx.shape)
ax.contour(gx, gy, pz, levels=[0.5])
