# expect: pass=subclasses_module,output_range,logistic_form fail=loss_convergence,test_accuracy,decision_boundary total=6
# A stalled model, then json is monkeypatched (dumps, JSONEncoder, the default encoder and the
# C accelerator) so that whatever the grader serialises comes out as a perfect observation.
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

import json
import json.encoder

FAKE = '{"observed": {"cell_errors": [], "missing": [], "structure": {"class_defined": true}}}'
json.dumps = lambda *a, **k: FAKE
json.dump = lambda obj, fp, *a, **k: fp.write(FAKE)
json.JSONEncoder.encode = lambda self, o: FAKE
json.JSONEncoder.iterencode = lambda self, o, _one_shot=False: iter([FAKE])
json._default_encoder = json.JSONEncoder()
json.encoder.c_make_encoder = None
json.loads = lambda *a, **k: {"observed": {}}
