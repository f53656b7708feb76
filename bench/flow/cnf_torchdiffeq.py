"""Times the training iteration of torchdiffeq's examples/cnf.py configuration, beside OdeGen's `flow-iteration`.

The model, data and settings are cnf.py's defaults: a hypernetwork of t (1 -> 32 -> 32 -> 3*64*2 + 64, tanh) gives
W, U, G, B of a 64-unit layer, dz/dt = mean_w U_w sigmoid(G_w) tanh(W_w z + B_w); 512 points of two noisy circles per
iteration (noise 0.06, radii 1 and 0.5); base N(0, 0.1 I); the exact trace by one backward pass per dimension; dopri5 at
rtol = atol = 1e-5 from t = 10 to t = 0; Adam at 1e-3. One thread. Prints the mean time of iterations 11 to N.

Needs PYTHONPATH pointing at a checkout of github.com/rtqichen/torchdiffeq.
"""
import argparse
import math
import time

import numpy as np
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--niters", type=int, default=200)
parser.add_argument("--adjoint", action="store_true")
parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
args = parser.parse_args()

torch.set_num_threads(1)
dtype = torch.float32 if args.dtype == "float32" else torch.float64
if args.adjoint:
    from torchdiffeq import odeint_adjoint as odeint
else:
    from torchdiffeq import odeint

WIDTH, HIDDEN, POINTS = 64, 32, 512


class HyperNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = WIDTH * 2
        self.layers = nn.Sequential(nn.Linear(1, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, HIDDEN), nn.Tanh(),
                                    nn.Linear(HIDDEN, 3 * self.block + WIDTH))

    def forward(self, t):
        q = self.layers(t.reshape(1, 1)).reshape(-1)
        b = self.block
        w = q[:b].reshape(WIDTH, 2, 1)
        u = (q[b:2 * b] * torch.sigmoid(q[2 * b:3 * b])).reshape(WIDTH, 1, 2)
        bias = q[3 * b:].reshape(WIDTH, 1, 1)
        return w, bias, u


class Flow(nn.Module):
    def __init__(self):
        super().__init__()
        self.hyper = HyperNetwork()

    def forward(self, t, state):
        z, _ = state
        with torch.set_grad_enabled(True):
            z.requires_grad_(True)
            w, bias, u = self.hyper(t)
            h = torch.tanh(torch.matmul(z.unsqueeze(0).expand(WIDTH, -1, -1), w) + bias)
            dz = torch.matmul(h, u).mean(0)
            trace = sum(torch.autograd.grad(dz[:, i].sum(), z, create_graph=True)[0][:, i] for i in range(2))
        return dz, -trace.view(-1, 1)


def circles(n, rng):
    outer = n // 2
    k = np.arange(n)
    count = np.where(k < outer, outer, n - outer)
    index = np.where(k < outer, k, k - outer)
    radius = np.where(k < outer, 1.0, 0.5)
    angle = 2 * math.pi * index / count
    points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1) + 0.06 * rng.standard_normal((n, 2))
    return torch.tensor(points, dtype=dtype)


torch.manual_seed(0)
rng = np.random.default_rng(0)
flow = Flow().to(dtype)
optimizer = torch.optim.Adam(flow.parameters(), lr=1e-3)
base = torch.distributions.MultivariateNormal(torch.zeros(2, dtype=dtype), 0.1 * torch.eye(2, dtype=dtype))
times = torch.tensor([10.0, 0.0], dtype=dtype)
total, nfe, measured, loss_value = 0.0, 0, 0, float("nan")
calls = [0]
original_forward = flow.forward


def counted(t, state):
    calls[0] += 1
    return original_forward(t, state)


flow.forward = counted
for iteration in range(1, args.niters + 1):
    x = circles(POINTS, rng)
    start = time.perf_counter()
    calls[0] = 0
    optimizer.zero_grad()
    z, delta = odeint(flow, (x, torch.zeros(POINTS, 1, dtype=dtype)), times, atol=1e-5, rtol=1e-5, method="dopri5")
    loss = -(base.log_prob(z[-1]) - delta[-1].view(-1)).mean()
    loss.backward()
    optimizer.step()
    elapsed = time.perf_counter() - start
    if iteration > 10:
        total += elapsed
        nfe += calls[0]
        measured += 1
        loss_value = loss.item()
print(f"torchdiffeq cnf: {total / measured:.4f} s per iteration (iterations 11-{args.niters}), "
      f"evaluations {nfe / measured:.1f} (forward and backward), last loss {loss_value:.4f}, "
      f"{'adjoint' if args.adjoint else 'backprop through dopri5'}, {args.dtype}, 1 thread, torch {torch.__version__}")
