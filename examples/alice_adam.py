# expect: total=10
# A correct submission written as a script: weights as nn.Parameter, scaling inside the model,
# Adam, the boundary drawn as the 0.5 contour of the model.
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from grader.exercise import sample_groups, test_points

passes_sleep, passes_study, fails_sleep, fails_study = sample_groups()
fig, ax = plt.subplots()
ax.scatter(passes_sleep, passes_study, c="g", label="pass")
ax.scatter(fails_sleep, fails_study, c="r", label="fail")


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.w = nn.Parameter(torch.zeros(n_features))
        self.b = nn.Parameter(torch.zeros(()))
        self.register_buffer("mu", torch.zeros(n_features))
        self.register_buffer("sd", torch.ones(n_features))

    def forward(self, x):
        return 1 / (1 + torch.exp(-(((x - self.mu) / self.sd) @ self.w + self.b)))


torch.manual_seed(1)
X = torch.tensor(np.c_[np.r_[passes_sleep, fails_sleep], np.r_[passes_study, fails_study]], dtype=torch.float32)
y = torch.tensor([1.0] * 72 + [0.0] * 28)
model = LogisticRegression(2)
model.mu.copy_(X.mean(0))
model.sd.copy_(X.std(0))
opt = torch.optim.Adam(model.parameters(), lr=0.1)
losses = []
for _ in range(600):
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(X), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).tolist()

S, T = np.meshgrid(np.linspace(2, 11, 200), np.linspace(0, 20, 200))
with torch.no_grad():
    P = model(torch.tensor(np.c_[S.ravel(), T.ravel()], dtype=torch.float32)).reshape(S.shape)
ax.contour(S, T, P.numpy(), levels=[0.5], colors="k")
