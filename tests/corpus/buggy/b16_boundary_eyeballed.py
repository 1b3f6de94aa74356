# expect: fail=decision_boundary pass=subclasses_module,output_range,logistic_form,loss_convergence,test_accuracy total<10
# expect: msg.decision_boundary="fitted weights"
# A correct model, but the "boundary" is a line placed by eye between the two clouds.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_features))
        self.register_buffer("std", torch.ones(n_features))
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear((x - self.mean) / self.std)).squeeze(-1)


model = LogisticRegression(2)
model.mean.copy_(Xt.mean(0))
model.std.copy_(Xt.std(0))
opt = torch.optim.Adam(model.parameters(), lr=0.1)
losses = []
for epoch in range(500):
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(Xt), yt)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[y == 1, 0], X[y == 1, 1], c="g", label="pass")
ax.scatter(X[y == 0, 0], X[y == 0, 1], c="r", label="fail")
w = (model.linear.weight.detach()[0] / model.std).numpy()
b = model.linear.bias.item() - float((torch.tensor(w) * model.mean).sum())

ax.plot([4.0, 10.5], [14.0, 4.0], "k--", label="boundary (by eye)")
ax.legend()
