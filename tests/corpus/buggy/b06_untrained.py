# expect: fail=loss_convergence,test_accuracy,decision_boundary pass=subclasses_module,output_range,logistic_form total<10
# expect: msg.loss_convergence="losses"
# The training loop was never run (the cell that trains was skipped): the model keeps its
# random initialisation and `losses` is empty.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

torch.manual_seed(3)
X, y = training_data()


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


model = LogisticRegression(2)
losses = []
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
EPOCHS = 0
for epoch in range(EPOCHS):
    pass

with torch.no_grad():
    test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).squeeze(1).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
w = model.linear.weight.detach()[0].numpy()
b = model.linear.bias.item()
xs = np.linspace(3, 11, 20)
ax.plot(xs, -(w[0] * xs + b) / w[1])
