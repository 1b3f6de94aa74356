# expect: fail=loss_convergence,test_accuracy pass=subclasses_module,output_range,logistic_form total<10 msg.loss_convergence="standardise"
# Plain SGD with a small learning rate on raw hours: the model is right, the training stalls.
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from grader.exercise import sample_groups, test_points

passes_sleep, passes_study, fails_sleep, fails_study = sample_groups()
fig, ax = plt.subplots()
ax.plot(passes_sleep, passes_study, "go")
ax.plot(fails_sleep, fails_study, "ro")


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


torch.manual_seed(0)
X = torch.tensor(np.c_[np.r_[passes_sleep, fails_sleep], np.r_[passes_study, fails_study]], dtype=torch.float32)
y = torch.tensor([[1.0]] * 72 + [[0.0]] * 28)
model = LogisticRegression(2)
opt = torch.optim.SGD(model.parameters(), lr=0.001)
losses = []
for epoch in range(300):
    opt.zero_grad()
    loss = nn.BCELoss()(model(X), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int().ravel()
w, b = model.linear.weight.detach()[0], model.linear.bias.item()
xs = np.linspace(3, 10, 20)
ax.plot(xs, -(w[0].item() * xs + b) / w[1].item(), "k-")
