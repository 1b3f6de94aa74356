# expect: fail=loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range,logistic_form total<10
# expect: msg.test_accuracy="disagrees with your own model"
# The model stalled (plain SGD on raw hours), and test_preds was typed in by hand (copied
# from a classmate), so it does not come from this model.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

torch.manual_seed(0)
X, y = training_data()
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x)).squeeze(-1)


model = LogisticRegression(2)
opt = torch.optim.SGD(model.parameters(), lr=0.005)
losses = []
for _ in range(300):
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(Xt), yt)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1]
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(3, 11, 20)
ax.plot(xs, -(w[0] * xs + b) / w[1])
