# expect: fail=test_accuracy pass=subclasses_module,output_range,logistic_form,loss_convergence,decision_boundary total<10
# expect: msg.test_accuracy="threshold"
# test_preds holds the predicted probabilities themselves, not 0/1 labels.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt, yt = torch.tensor(X), torch.tensor(y)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1, dtype=torch.float64)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


model = LogisticRegression(2)
opt = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)
losses = []


def closure():
    opt.zero_grad()
    l = nn.BCELoss()(model(Xt).squeeze(1), yt)
    l.backward()
    losses.append(l.item())
    return l


opt.step(closure)
test_preds = model(torch.tensor(test_points())).detach().squeeze(1)
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
ax.axline((6.0, -(b + 6.0 * w[0]) / w[1]), (9.0, -(b + 9.0 * w[0]) / w[1]))
