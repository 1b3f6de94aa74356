# expect: zero=all cell_error="AttributeError"
# expect: msg.subclasses_module="nn.Module"
# Makes isinstance/issubclass always answer True, then defines a plain class (not an
# nn.Module) whose outputs look like probabilities. (matplotlib relies on isinstance too, so
# plt.subplots fails in the submission; the grader's own checks use bound references.)
import builtins
import numpy as np
import torch
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points

builtins.isinstance = lambda obj, cls: True
builtins.issubclass = lambda cls, base: True


class LogisticRegression:
    def __init__(self, n_features):
        self.w = torch.tensor([1.5, 0.8])
        self.b = torch.tensor(-17.0)

    def parameters(self):
        return iter([self.w, self.b])

    def forward(self, x):
        return torch.sigmoid(x.float() @ self.w + self.b)

    __call__ = forward


model = LogisticRegression(2)
losses = [0.7, 0.5, 0.3, 0.2, 0.15, 0.14, 0.135]
X, y = training_data()
test_preds = (model(torch.tensor(test_points())) > 0.5).int()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
xs = np.linspace(3, 11, 20)
ax.plot(xs, -(1.5 * xs - 17.0) / 0.8)
