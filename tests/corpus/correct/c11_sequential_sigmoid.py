# expect: total=10
# nn.Sequential(nn.Linear, nn.Sigmoid) inside the module, trained on raw float32 features
# with LBFGS (strong Wolfe line search); boundary over ax.get_xlim(); test_preds via torch.round.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

pass_sleep, pass_study, fail_sleep, fail_study = sample_groups()
X = torch.tensor(np.c_[np.r_[pass_sleep, fail_sleep], np.r_[pass_study, fail_study]], dtype=torch.float32)
y = torch.tensor(np.r_[np.ones_like(pass_sleep), np.zeros_like(fail_sleep)], dtype=torch.float32).unsqueeze(1)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


model = LogisticRegression(2)
loss_function = nn.BCELoss()
optimizer = torch.optim.LBFGS(model.parameters(), max_iter=50, line_search_fn="strong_wolfe")
losses = []
for epoch in range(20):
    def closure():
        optimizer.zero_grad()
        l = loss_function(model(X), y)
        l.backward()
        return l
    optimizer.step(closure)
    with torch.no_grad():
        losses.append(loss_function(model(X), y).item())

new = torch.tensor(test_points(), dtype=torch.float32)
test_preds = torch.round(model(new)).squeeze(1).long()

fig, ax = plt.subplots()
ax.scatter(pass_sleep, pass_study, color="green", label="pass")
ax.scatter(fail_sleep, fail_study, color="red", label="fail")
lin = model.net[0]
w1, w2 = lin.weight[0].tolist()
b = lin.bias.item()
x_vals = np.array(ax.get_xlim())
y_vals = -(w1 * x_vals + b) / w2
ax.plot(x_vals, y_vals, "--", color="black")
