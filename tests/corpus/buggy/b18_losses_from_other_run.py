# expect: fail=loss_convergence pass=subclasses_module,output_range,logistic_form,test_accuracy,decision_boundary total<10
# expect: msg.loss_convergence="`losses` ends at"
# `losses` holds the history of a first, slow attempt (plain SGD on raw hours); the model that
# is submitted was then refitted with LBFGS, whose losses were never recorded.
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
        return torch.sigmoid(self.linear(x)).view(-1)


first = LogisticRegression(2)
sgd = torch.optim.SGD(first.parameters(), lr=0.01)
losses = []
for _ in range(300):
    sgd.zero_grad()
    l = nn.BCELoss()(first(Xt), yt)
    l.backward()
    sgd.step()
    losses.append(l.item())

model = LogisticRegression(2)
lbfgs = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)


def closure():
    lbfgs.zero_grad()
    l = nn.BCELoss()(model(Xt), yt)
    l.backward()
    return l


lbfgs.step(closure)
test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).tolist()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 40)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")
