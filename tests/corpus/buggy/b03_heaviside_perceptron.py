# expect: fail=logistic_form,loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range total<10
# expect: msg.logistic_form="step function" msg.logistic_form="sigmoid"
# A Perceptron: forward is a Heaviside step of w·x + b, trained with the perceptron rule.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

X, y = training_data()
Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.heaviside(self.linear(x).squeeze(-1), torch.tensor(0.0))


model = LogisticRegression(2)
losses = []
with torch.no_grad():
    for epoch in range(40):
        errors = 0
        for xi, yi in zip(Xt, yt):
            pred = model(xi.unsqueeze(0))[0]
            if pred != yi:
                model.linear.weight += 0.01 * (yi - pred) * xi
                model.linear.bias += 0.01 * (yi - pred)
                errors += 1
        losses.append(errors / len(yt))

test_preds = model(torch.tensor(test_points(), dtype=torch.float32)).int().tolist()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight[0].detach().numpy()
b = model.linear.bias.item()
xs = np.linspace(3, 11, 10)
ax.plot(xs, -(w[0] * xs + b) / w[1], "k")
