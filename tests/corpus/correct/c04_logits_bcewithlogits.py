# expect: total=10
# Trains on logits with BCEWithLogitsLoss while forward returns probabilities of shape (N, 1).
# Scaling is hard-coded as constants in forward (rounded mean/std of the data).
# The boundary is drawn with plt.plot on the current Axes.
import numpy as np
import torch
from torch import nn, optim
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt = torch.tensor(X, dtype=torch.float32)
yt = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)

MEAN = torch.tensor([7.5, 10.0])
STD = torch.tensor([1.5, 4.0])


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.fc = nn.Linear(n_features, 1)

    def logits(self, x):
        return self.fc((x - MEAN) / STD)

    def forward(self, x):
        return torch.sigmoid(self.logits(x))


model = LogisticRegression(2)
opt = optim.Adam(model.parameters(), lr=0.05)
loss_fn = nn.BCEWithLogitsLoss()
losses = []
for epoch in range(800):
    opt.zero_grad()
    loss = loss_fn(model.logits(Xt), yt)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).flatten().tolist()

plt.figure()
plt.scatter(X[y == 1, 0], X[y == 1, 1], label="pass")
plt.scatter(X[y == 0, 0], X[y == 0, 1], label="fail")
ax = plt.gca()
w = model.fc.weight.detach().numpy()[0] / STD.numpy()
b = model.fc.bias.item() - (w * MEAN.numpy()).sum()
xx = np.array([X[:, 0].min() - 0.5, X[:, 0].max() + 0.5])
plt.plot(xx, -(w[0] * xx + b) / w[1], "k-")
plt.legend()
