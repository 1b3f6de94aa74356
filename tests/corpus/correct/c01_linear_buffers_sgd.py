# expect: total=10
# nn.Linear, standardisation stored as buffers, full-batch SGD lr=1, boundary with ax.plot,
# test_preds as an int tensor (the worked example's style).
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

passes_sleep, passes_study, fails_sleep, fails_study = sample_groups()
fig, ax = plt.subplots()
ax.plot(passes_sleep, passes_study, linestyle='None', marker='o', color='g', label='pass')
ax.plot(fails_sleep, fails_study, linestyle='None', marker='o', color='r', label='fail')
ax.set_xlabel('sleep (h)'); ax.set_ylabel('study (h)'); ax.legend()

torch.manual_seed(0)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.register_buffer("center", torch.zeros(n_features))
        self.register_buffer("spread", torch.ones(n_features))
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear((x - self.center) / self.spread)).squeeze(-1)


X = torch.tensor(np.column_stack([np.r_[passes_sleep, fails_sleep], np.r_[passes_study, fails_study]]),
                 dtype=torch.float32)
y = torch.cat([torch.ones(72), torch.zeros(28)])
model = LogisticRegression(2)
model.center.copy_(X.mean(0))
model.spread.copy_(X.std(0))
opt = torch.optim.SGD(model.parameters(), lr=1.0)
lossf = nn.BCELoss()
losses = []
for epoch in range(1000):
    opt.zero_grad()
    loss = lossf(model(X), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()

w = model.linear.weight.detach()[0] / model.spread
b = model.linear.bias.item() - (w * model.center).sum().item()
xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 50)
ax.plot(xs, -(w[0].item() * xs + b) / w[1].item(), 'k--', label='boundary')
