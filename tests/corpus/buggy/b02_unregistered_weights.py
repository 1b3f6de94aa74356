# expect: fail=subclasses_module pass=output_range,logistic_form,loss_convergence,test_accuracy,decision_boundary total<10
# expect: msg.subclasses_module="nn.Parameter"
# Weights stored as plain tensors with requires_grad=True: the model trains (the optimiser is
# handed the tensors directly) but model.parameters() and state_dict() are empty.
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

ps, pt, fs, ft = sample_groups()
X = torch.tensor(np.r_[np.c_[ps, pt], np.c_[fs, ft]], dtype=torch.float32)
y = torch.tensor(np.r_[np.ones(72), np.zeros(28)], dtype=torch.float32)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.weight = torch.zeros(n_features, requires_grad=True)
        self.bias = torch.zeros(1, requires_grad=True)

    def forward(self, x):
        return torch.sigmoid(x @ self.weight + self.bias)


model = LogisticRegression(2)
opt = torch.optim.LBFGS([model.weight, model.bias], line_search_fn="strong_wolfe", max_iter=100)
losses = []
for _ in range(5):
    def closure():
        opt.zero_grad()
        l = nn.functional.binary_cross_entropy(model(X), y)
        l.backward()
        losses.append(l.item())
        return l
    opt.step(closure)

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).long()
fig, ax = plt.subplots()
ax.scatter(ps, pt, c="g")
ax.scatter(fs, ft, c="r")
w = model.weight.detach().numpy()
b = model.bias.item()
ax.axline((5.0, -(b + 5.0 * w[0]) / w[1]), slope=-w[0] / w[1], c="k")
