# expect: fail=logistic_form,loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range total<10
# expect: msg.logistic_form="twice"
# nn.Sequential ends in nn.Sigmoid, and forward applies torch.sigmoid again.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

a, b, c, d = sample_groups()
X = torch.tensor(np.vstack([np.c_[a, b], np.c_[c, d]]), dtype=torch.float32)
y = torch.tensor([1.0] * 72 + [0.0] * 28)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.register_buffer("mu", torch.zeros(n_features))
        self.register_buffer("sd", torch.ones(n_features))
        self.model = nn.Sequential(nn.Linear(n_features, 1), nn.Sigmoid())

    def forward(self, x):
        return torch.sigmoid(self.model((x - self.mu) / self.sd)).squeeze(1)


model = LogisticRegression(2)
model.mu.copy_(X.mean(0))
model.sd.copy_(X.std(0))
opt = torch.optim.Adam(model.parameters(), lr=0.1)
losses = []
for i in range(500):
    opt.zero_grad()
    loss = nn.BCELoss()(model(X), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(a, b, label="pass")
ax.scatter(c, d, label="fail")
