# expect: fail=test_accuracy pass=subclasses_module,output_range,logistic_form,loss_convergence,decision_boundary total<10
# expect: msg.test_accuracy="model(x) > 0.5"
# A correct model, but test_preds thresholds the probability at 0.9 instead of 0.5.
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
        self.linear = nn.Linear(n_features, 1).double()

    def forward(self, x):
        return torch.sigmoid(self.linear(x)).squeeze(1)


model = LogisticRegression(2)
opt = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)
losses = []


def closure():
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(Xt), yt)
    loss.backward()
    losses.append(loss.item())
    return loss


opt.step(closure)
probs = model(torch.tensor(test_points())).detach().numpy()
test_preds = (probs > 0.9).astype(int)
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 40)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")
