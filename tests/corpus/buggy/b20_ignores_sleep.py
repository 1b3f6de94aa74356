# expect: fail=loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range,logistic_form total<10
# expect: msg.loss_convergence="ignores one of the two features"
# The model only looks at study hours (x[:, 1]): sleep is dropped inside forward.
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
        self.linear = nn.Linear(1, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x[:, 1:2])).squeeze(1)


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
threshold = -model.linear.bias.item() / model.linear.weight.item()
ax.axhline(threshold, color="k")
