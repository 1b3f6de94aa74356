# expect: pass=subclasses_module,output_range,logistic_form fail=loss_convergence,test_accuracy,decision_boundary total=5
# expect: msg.test_accuracy="could not be read" msg.loss_convergence="could not be read"
# A stalled model, with test_preds and losses replaced by objects whose __eq__ always says
# True (and that claim to be any length, and iterate as such objects), and a metaclass that
# says every class is its subclass/instance.
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
opt = torch.optim.SGD(model.parameters(), lr=0.01)
losses = []
for _ in range(300):
    opt.zero_grad()
    loss = nn.functional.binary_cross_entropy(model(Xt), yt)
    loss.backward()
    opt.step()
    losses.append(loss.item())
test_preds = (model(torch.tensor(test_points(), dtype=torch.float32)) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)

class Anything(type):
    def __instancecheck__(cls, obj):
        return True

    def __subclasscheck__(cls, sub):
        return True


class AlwaysEqual(metaclass=Anything):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __hash__(self):
        return 0

    def __len__(self):
        return 15

    def __iter__(self):
        return iter([AlwaysEqual() for _ in range(15)])

    def __float__(self):
        return 1.0

    def __index__(self):
        return 1

    def __bool__(self):
        return True

    def __getitem__(self, i):
        return AlwaysEqual()


test_preds = AlwaysEqual()
losses = [AlwaysEqual() for _ in range(100)]
