# expect: pass=output_range,logistic_form fail=subclasses_module,loss_convergence,test_accuracy,decision_boundary total=5
# A stalled model (plain SGD on raw hours), then torch and numpy are monkeypatched so that
# any tensor/array the grader reads would look like a well-fitted model's output. The grader reads
# through references bound before the submission ran, so it sees the stalled model as it is. (The
# patched Tensor.detach also breaks this model's own state_dict, which the round trip notices:
# subclasses_module loses a point the honest stalled model keeps.)
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

# Everything the grader might use to read the model is replaced; the model itself is untouched.
_real_tolist = torch.Tensor.tolist


def fake_tolist(self):
    values = _real_tolist(self)
    return [1.0 if isinstance(v, float) and v > 0.2 else v for v in values] if isinstance(values, list) else values


torch.Tensor.tolist = fake_tolist
torch.Tensor.detach = lambda self: self.clamp(0.0, 1.0).round()
torch.Tensor.to = lambda self, *a, **k: self.round()
torch.from_numpy = lambda a: torch.ones(len(a), 2)
torch.manual_seed = lambda *a: None
torch.nn.Module.parameters = lambda self, recurse=True: iter([])
np.asarray = lambda *a, **k: np.ones(15)
np.array = lambda *a, **k: np.ones(15)
np.isfinite = lambda *a, **k: True
np.meshgrid = lambda *a, **k: (np.zeros((2, 2)), np.zeros((2, 2)))
np.random.default_rng = lambda *a, **k: None
