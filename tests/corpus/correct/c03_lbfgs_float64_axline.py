# expect: total=10
# float64 model trained with LBFGS on raw features; boundary drawn with ax.axline;
# losses recorded inside the closure (one entry per function evaluation).
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

torch.set_default_dtype(torch.float64)

ps, pt, fs, ft = sample_groups()
features = torch.tensor(np.vstack([np.column_stack([ps, pt]), np.column_stack([fs, ft])]))
labels = torch.tensor([1.0] * len(ps) + [0.0] * len(fs))


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


model = LogisticRegression(2)
criterion = nn.BCELoss()
optimizer = torch.optim.LBFGS(model.parameters(), lr=1, max_iter=200, line_search_fn="strong_wolfe")
losses = []


def closure():
    optimizer.zero_grad()
    loss = criterion(model(features).squeeze(), labels)
    loss.backward()
    losses.append(loss.item())
    return loss


for _ in range(5):
    optimizer.step(closure)

test_preds = (model(torch.tensor(test_points())) >= 0.5).squeeze().numpy().astype(int)

fig, ax = plt.subplots()
ax.scatter(ps, pt, color="tab:green", label="pass")
ax.scatter(fs, ft, color="tab:red", label="fail")
(w1, w2), b = model.linear.weight.detach()[0].tolist(), model.linear.bias.item()
ax.axline((0, -b / w2), slope=-w1 / w2, color="k", linestyle="--", label="p = 0.5")
ax.set_xlim(2, 12)
ax.set_ylim(-2, 22)
ax.legend()
