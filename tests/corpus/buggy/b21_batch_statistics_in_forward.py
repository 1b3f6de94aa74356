# expect: fail=logistic_form,decision_boundary pass=subclasses_module,output_range,loss_convergence,test_accuracy total<10
# expect: msg.logistic_form="statistics of the batch"
# Standardises with the mean and std of whatever batch is passed in: forward depends on the
# other rows, so one student's prediction changes with who else is in the batch.
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
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        x = (x - x.mean(dim=0)) / x.std(dim=0)
        return torch.sigmoid(self.linear(x)).squeeze(1)


model = LogisticRegression(2)
opt = torch.optim.SGD(model.parameters(), lr=1.0)
losses = []
for _ in range(1000):
    opt.zero_grad()
    l = nn.BCELoss()(model(Xt), yt)
    l.backward()
    opt.step()
    losses.append(l.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
m, s = X.mean(0), X.std(0, ddof=1)
w = model.linear.weight.detach()[0].numpy() / s
b = model.linear.bias.item() - w @ m
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 30)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")
