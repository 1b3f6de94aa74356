# expect: fail=loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range,logistic_form total<10
# expect: msg.loss_convergence="standardise"
# Plain SGD with a small learning rate on raw hours: the loss is still falling when the
# loop ends, far from the optimum (the intercept has barely moved).
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

torch.manual_seed(0)
passes_sleep, passes_study, fails_sleep, fails_study = sample_groups()
X = torch.tensor(np.column_stack([np.r_[passes_sleep, fails_sleep], np.r_[passes_study, fails_study]]),
                 dtype=torch.float32)
y = torch.cat([torch.ones(72), torch.zeros(28)]).unsqueeze(1)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


model = LogisticRegression(2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
criterion = nn.BCELoss()
losses = []
for epoch in range(1000):
    optimizer.zero_grad()
    loss = criterion(model(X), y)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int().flatten()
fig, ax = plt.subplots()
ax.plot(passes_sleep, passes_study, "go")
ax.plot(fails_sleep, fails_study, "ro")
w = model.linear.weight.detach()[0]
b = model.linear.bias.item()
xs = np.linspace(3, 11, 50)
ax.plot(xs, -(w[0].item() * xs + b) / w[1].item(), "k--")
