# expect: total=10
# Weights as nn.Parameter, the sigmoid written out as 1/(1+exp(-z)), raw features, Adam.
# Output shape (N,), losses a Python list, test_preds a list of ints.
import torch
import numpy as np
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X_np, y_np = training_data()
X = torch.from_numpy(X_np).float()
y = torch.from_numpy(y_np).float()


class LogisticRegression(torch.nn.Module):
    def __init__(self, n_features):
        super(LogisticRegression, self).__init__()
        self.w = torch.nn.Parameter(torch.zeros(n_features))
        self.b = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        z = x @ self.w + self.b
        return 1 / (1 + torch.exp(-z))


model = LogisticRegression(2)
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
losses = []
for i in range(1500):
    p = model(X)
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(float(loss))

with torch.no_grad():
    probs = model(torch.tensor(test_points(), dtype=torch.float32))
test_preds = [1 if p > 0.5 else 0 for p in probs]

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(X_np[y_np == 1, 0], X_np[y_np == 1, 1], c='green', label='passed')
ax.scatter(X_np[y_np == 0, 0], X_np[y_np == 0, 1], c='red', marker='x', label='failed')
w1, w2 = model.w.detach().numpy()
b = model.b.item()
sleep = np.linspace(X_np[:, 0].min(), X_np[:, 0].max(), 100)
ax.plot(sleep, (-b - w1 * sleep) / w2, color='blue')
ax.set_xlabel('hours of sleep')
ax.set_ylabel('hours of study')
