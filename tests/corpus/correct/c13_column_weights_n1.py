# expect: total=10
# Weight matrix of shape (n_features, 1) and a separate bias, output (N, 1); Adam on raw
# features with a larger learning rate; losses a numpy array; test_preds a float tensor of 0./1.
import numpy as np
import torch
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

ps, pt, fs, ft = sample_groups()
X = torch.tensor(np.concatenate([np.c_[ps, pt], np.c_[fs, ft]]), dtype=torch.float32)
y = torch.tensor(np.concatenate([np.ones(72), np.zeros(28)]), dtype=torch.float32).view(-1, 1)


class LogisticRegression(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.W = torch.nn.Parameter(torch.randn(n_features, 1) * 0.1)
        self.b = torch.nn.Parameter(torch.zeros(1, 1))

    def forward(self, x):
        return torch.sigmoid(torch.mm(x, self.W) + self.b)


torch.manual_seed(1)
model = LogisticRegression(2)
opt = torch.optim.Adam(model.parameters(), lr=0.5)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=500, gamma=0.2)
loss_values = []
for _ in range(1500):
    opt.zero_grad()
    out = model(X)
    loss = torch.nn.BCELoss()(out, y)
    loss.backward()
    opt.step()
    sched.step()
    loss_values.append(loss.item())
losses = np.array(loss_values)

test_preds = (model(torch.Tensor(test_points())) > 0.5).float().flatten()

fig = plt.figure()
ax = fig.add_subplot(1, 1, 1)
ax.scatter(ps, pt, label="pass")
ax.scatter(fs, ft, label="fail")
W = model.W.detach().numpy().ravel()
b = model.b.item()
xline = np.linspace(2, 12, 100)
ax.plot(xline, -(W[0] * xline + b) / W[1], "k")
ax.set_ylim(-5, 25)
