# expect: fail=output_range,logistic_form,loss_convergence,test_accuracy,decision_boundary pass=subclasses_module total<10
# expect: msg.output_range="NaN" msg.output_range="learning rate"
# A hand-written sigmoid and log-loss with a huge learning rate on raw hours: the weights
# blow up, exp overflows, and the model outputs NaN.
import numpy as np
import torch
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression(torch.nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.w = torch.nn.Parameter(torch.zeros(n_features))
        self.b = torch.nn.Parameter(torch.zeros(()))

    def forward(self, x):
        return torch.exp(x @ self.w + self.b) / (1 + torch.exp(x @ self.w + self.b))


model = LogisticRegression(2)
opt = torch.optim.SGD(model.parameters(), lr=50.0)
losses = []
for _ in range(100):
    p = model(Xt)
    loss = -(yt * torch.log(p) + (1 - yt) * torch.log(1 - p)).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.w.detach().numpy()
xs = np.linspace(3, 11, 10)
ax.plot(xs, -(w[0] * xs + model.b.item()) / w[1])
