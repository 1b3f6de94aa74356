# expect: fail=subclasses_module pass=output_range,logistic_form,loss_convergence,test_accuracy,decision_boundary total<10
# expect: msg.subclasses_module="buffers"
# The scaling statistics are plain tensor attributes set after construction, not buffers:
# model.state_dict() does not hold them, so a saved and reloaded model predicts differently.
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
        self.mean = torch.zeros(n_features)
        self.std = torch.ones(n_features)

    def forward(self, x):
        return torch.sigmoid(self.linear((x - self.mean) / self.std)).squeeze(-1)


model = LogisticRegression(2)
model.mean, model.std = Xt.mean(0), Xt.std(0)
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
w = (model.linear.weight.detach()[0] / model.std).numpy()
b = model.linear.bias.item() - float((torch.tensor(w) * model.mean).sum())
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 30)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")
