# expect: fail=loss_convergence,test_accuracy pass=subclasses_module,output_range,logistic_form,decision_boundary total<10
# expect: msg.loss_convergence="label 1 must mean pass"
# Labels built the wrong way round (1 = fail): the model predicts the probability of failing.
# Its p = 0.5 line is the same line as a correct model's, so the drawn boundary is honestly right.
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt
from grader.exercise import sample_groups, test_points

passes_sleep, passes_study, fails_sleep, fails_study = sample_groups()
X = torch.tensor(np.column_stack([np.r_[passes_sleep, fails_sleep], np.r_[passes_study, fails_study]]),
                 dtype=torch.float32)
y = torch.cat([torch.zeros(72), torch.ones(28)])


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.register_buffer("center", torch.zeros(n_features))
        self.register_buffer("spread", torch.ones(n_features))
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear((x - self.center) / self.spread)).squeeze(-1)


model = LogisticRegression(2)
model.center.copy_(X.mean(0))
model.spread.copy_(X.std(0))
opt = torch.optim.Adam(model.parameters(), lr=0.1)
losses = []
for epoch in range(500):
    opt.zero_grad()
    loss = nn.BCELoss()(model(X), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())

test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.plot(passes_sleep, passes_study, "go", fails_sleep, fails_study, "rx")
w = model.linear.weight.detach()[0] / model.spread
b = model.linear.bias.item() - (w * model.center).sum().item()
xs = np.linspace(3, 11, 50)
ax.plot(xs, -(w[0].item() * xs + b) / w[1].item(), "k--")
