# expect: fail=output_range,logistic_form,loss_convergence,test_accuracy,decision_boundary pass=subclasses_module total<10
# expect: msg.output_range="sigmoid"
# forward returns the raw score w·x + b (trained with BCEWithLogitsLoss): the model does not
# output probabilities. test_preds thresholds the logits at 0, so it is right; the boundary
# is drawn from the weights and is right too, but cannot be checked against a model.
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
        return self.linear(x).squeeze(1)


model = LogisticRegression(2)
opt = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)
criterion = nn.BCEWithLogitsLoss()
losses = []


def closure():
    opt.zero_grad()
    loss = criterion(model(Xt), yt)
    loss.backward()
    losses.append(loss.item())
    return loss


opt.step(closure)
test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm")
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 30)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k--")
