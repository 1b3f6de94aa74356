# expect: fail=loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range,logistic_form total<10
# expect: msg.loss_convergence="[sleep, study]"
# Columns stacked as [study, sleep]: the model is trained (and used) with the features swapped.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

passes_sleep, passes_study, fails_sleep, fails_study = sample_groups()
study = np.concatenate([passes_study, fails_study])
sleep = np.concatenate([passes_sleep, fails_sleep])
X = torch.tensor(np.column_stack([study, sleep]), dtype=torch.float64)
y = torch.tensor(np.r_[np.ones(72), np.zeros(28)])


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1, dtype=torch.float64)

    def forward(self, x):
        return torch.sigmoid(self.linear(x)).flatten()


model = LogisticRegression(2)
opt = torch.optim.LBFGS(model.parameters(), line_search_fn="strong_wolfe", max_iter=200)
losses = []


def closure():
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(X), y)
    loss.backward()
    losses.append(loss.item())
    return loss


opt.step(closure)
T = test_points()
test_preds = (model(torch.tensor(T[:, ::-1].copy())) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(sleep, study, c=y.numpy())
w_study, w_sleep = model.linear.weight.detach()[0].tolist()
b = model.linear.bias.item()
xs = np.linspace(3, 11, 40)
ax.plot(xs, -(w_sleep * xs + b) / w_study, "k")
