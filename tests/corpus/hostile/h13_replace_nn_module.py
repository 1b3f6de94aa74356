# expect: zero=all
# expect: msg.subclasses_module="nn.Module"
# Replaces torch.nn.Module (and nn.Module, and torch.nn.modules.module.Module) with an
# impostor class before subclassing it, so `issubclass(LogisticRegression, nn.Module)` is True
# in the student's process although the class is no real nn.Module.
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt
from grader.exercise import training_data, test_points


class Module:
    def __init__(self):
        pass

    def parameters(self):
        return iter([])

    def __call__(self, *args):
        return self.forward(*args)


torch.nn.Module = Module
nn.Module = Module
torch.nn.modules.module.Module = Module


class LogisticRegression(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.w = torch.tensor([1.5, 0.8], dtype=torch.float64)
        self.b = -17.0

    def forward(self, x):
        return torch.sigmoid(x.double() @ self.w + self.b)


model = LogisticRegression(2)
assert isinstance(model, torch.nn.Module)
losses = [0.69, 0.4, 0.2, 0.14]
test_preds = (model(torch.tensor(test_points())) > 0.5).int()
X, y = training_data()
fig, ax = plt.subplots()
ax.scatter(X[:, 0], X[:, 1], c=y)
