# expect: total=10
# Boundary drawn as the 0.5 contour of the model's probabilities (ax.contour);
# test_preds a list of Python bools; losses a torch tensor.
import numpy as np
import torch
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

data, target = training_data()
inputs = torch.tensor(data, dtype=torch.float32)
target_t = torch.tensor(target, dtype=torch.float32)


class LogisticRegression(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.register_buffer("mu", torch.zeros(n_features))
        self.register_buffer("sigma", torch.ones(n_features))
        self.linear = torch.nn.Linear(n_features, 1)

    def forward(self, x):
        x = (x - self.mu) / self.sigma
        return torch.sigmoid(self.linear(x)).view(-1)


model = LogisticRegression(2)
model.mu[:] = inputs.mean(dim=0)
model.sigma[:] = inputs.std(dim=0)
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
history = []
for step in range(600):
    optimizer.zero_grad()
    loss = torch.nn.functional.binary_cross_entropy(model(inputs), target_t)
    loss.backward()
    optimizer.step()
    history.append(loss.detach())
losses = torch.stack(history)

with torch.no_grad():
    test_preds = [bool(p > 0.5) for p in model(torch.tensor(test_points(), dtype=torch.float32))]

fig, ax = plt.subplots()
ax.scatter(data[:, 0], data[:, 1], c=target, cmap="RdYlGn", edgecolors="k")
gx, gy = np.meshgrid(np.linspace(data[:, 0].min() - 1, data[:, 0].max() + 1, 200),
                     np.linspace(data[:, 1].min() - 1, data[:, 1].max() + 1, 200))
with torch.no_grad():
    grid = torch.tensor(np.c_[gx.ravel(), gy.ravel()], dtype=torch.float32)
    pz = model(grid).numpy().reshape(gx.shape)
ax.contour(gx, gy, pz, levels=[0.5], colors="k")
ax.set_title("Decision boundary")
