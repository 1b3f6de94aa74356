# expect: fail=output_range pass=subclasses_module,logistic_form,loss_convergence,test_accuracy,decision_boundary total<10
# expect: msg.output_range="far from the data" msg.output_range="torch.sigmoid"
# A well-fitted model whose hand-written sigmoid exp(z) / (1 + exp(z)) overflows to inf/inf = NaN
# for inputs far from the data (e.g. 10000 hours); torch.sigmoid would be stable.
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
        z = self.linear(x).squeeze(1)
        return torch.exp(z) / (1 + torch.exp(z))


model = LogisticRegression(2)
opt = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)
losses = []


def closure():
    opt.zero_grad()
    l = nn.BCELoss()(model(Xt), yt)
    l.backward()
    losses.append(l.item())
    return l


opt.step(closure)
test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 40)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")
