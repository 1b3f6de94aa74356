# expect: total=10
# Mini-batch training with a DataLoader (batch 20), losses recorded per step, Adam on
# standardised inputs; test_preds a list of 0/1 produced with .item().
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

torch.manual_seed(42)
X, y = training_data()
X_t, y_t = torch.tensor(X).float(), torch.tensor(y).float()
loader = DataLoader(TensorDataset(X_t, y_t), batch_size=20, shuffle=True)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)
        self.register_buffer("x_mean", torch.zeros(n_features))
        self.register_buffer("x_std", torch.ones(n_features))

    def forward(self, x):
        return torch.sigmoid(self.linear((x - self.x_mean) / self.x_std)).squeeze(1)


model = LogisticRegression(2)
model.x_mean.data = X_t.mean(0)
model.x_std.data = X_t.std(0)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
crit = nn.BCELoss()
losses = []
for epoch in range(150):
    for xb, yb in loader:
        opt.zero_grad()
        loss = crit(model(xb), yb)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    if epoch >= 120:
        for g in opt.param_groups:
            g["lr"] = 0.005

test_preds = []
for point in test_points():
    p = model(torch.tensor(point, dtype=torch.float32).unsqueeze(0))
    test_preds.append(int(p.item() > 0.5))

fig, ax = plt.subplots()
ax.scatter(*X[y == 1].T, label="pass", marker="o")
ax.scatter(*X[y == 0].T, label="fail", marker="s")
W = model.linear.weight.detach().numpy()[0] / model.x_std.numpy()
B = model.linear.bias.item() - W @ model.x_mean.numpy()
t = np.linspace(X[:, 0].min(), X[:, 0].max(), 30)
ax.plot(t, -(W[0] * t + B) / W[1], color="purple")
