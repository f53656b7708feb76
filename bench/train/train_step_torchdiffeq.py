"""torchdiffeq beside OdeGen's `train-step` (bench/OdeGen.Benchmarks/TrainStep.cs): one training step, float64, one thread.

spiral: torchdiffeq's examples/ode_demo.py: dy/dt = W2 tanh(W1 y^3 + b1) + b2 (50 hidden units) on 20 windows of
10 points of the spiral dy/dt = A^T y^3 (1000 points on t in [0, 25]), mean absolute error, dopri5 at rtol 1e-7,
atol 1e-9, Adam at 1e-3.
wide: the issue's batched step: a 64-128-64 tanh MLP on a batch of 128 states from t = 0 to 1, mean squared error
against fixed targets, dopri5 at rtol = atol = 1e-5, Adam at 1e-3.
Both with odeint_adjoint (torchdiffeq's adjoint, which interpolates nothing: it solves the state backwards beside the
adjoint) and with odeint (backpropagation through the solver's operations). Prints the median step of 30 after 5, each from the same weights.

Needs PYTHONPATH pointing at a checkout of github.com/rtqichen/torchdiffeq.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
from torchdiffeq import odeint, odeint_adjoint

torch.set_num_threads(1)
torch.manual_seed(0)
dtype = torch.float64


class Spiral(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2, 50), nn.Tanh(), nn.Linear(50, 2))

    def forward(self, t, y):
        return self.net(y ** 3)


class Wide(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(64, 128), nn.Tanh(), nn.Linear(128, 64))

    def forward(self, t, y):
        return self.net(y)


def spiral_case():
    true_a = torch.tensor([[-0.1, 2.0], [-2.0, -0.1]], dtype=dtype)
    t = torch.linspace(0.0, 25.0, 1000, dtype=dtype)
    with torch.no_grad():
        truth = odeint(lambda t, y: torch.mm(y ** 3, true_a), torch.tensor([[2.0, 0.0]], dtype=dtype), t, method="dopri5")
    starts = torch.arange(20) * 49
    y0 = truth[starts]  # (20, 1, 2)
    times = t[:10]
    targets = torch.stack([truth[starts + i] for i in range(10)], dim=0)  # (10, 20, 1, 2)
    return Spiral().double(), y0, times, targets, dict(rtol=1e-7, atol=1e-9), lambda pred: torch.mean(torch.abs(pred - targets))


def wide_case():
    y0 = torch.randn(128, 64, dtype=dtype)
    targets = torch.randn(128, 64, dtype=dtype)
    times = torch.tensor([0.0, 1.0], dtype=dtype)
    model = Wide().double()
    return model, y0, times, targets, dict(rtol=1e-5, atol=1e-5), lambda pred: torch.mean((pred[-1] - targets) ** 2)


def measure(name, make, adjoint):
    model, y0, times, _, tolerances, loss_of = make()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    solve = odeint_adjoint if adjoint else odeint
    evaluations = [0]
    counted_module = Counted(model, evaluations)
    initial = [p.detach().clone() for p in model.parameters()]

    def step():
        # Every step starts from the same weights, so that all steps solve the same problem (as OdeGen's train-step).
        with torch.no_grad():
            for p, p0 in zip(model.parameters(), initial):
                p.copy_(p0)
        optimizer.zero_grad()
        pred = solve(counted_module, y0, times, method="dopri5", **tolerances)
        loss = loss_of(pred)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(5):
        step()
    seconds = []
    for _ in range(30):
        evaluations[0] = 0
        start = time.perf_counter()
        loss = step()
        seconds.append(time.perf_counter() - start)
    print(f"| {name} | torchdiffeq {'odeint_adjoint' if adjoint else 'odeint (backpropagation)'} | {statistics.median(seconds) * 1e3:.2f} ms | {evaluations[0]} | {loss:.4g} |")


class Counted(nn.Module):
    """The model, counting evaluations (forward and backward passes both call it)."""

    def __init__(self, model, evaluations):
        super().__init__()
        self.model = model
        self.evaluations = evaluations

    def forward(self, t, y):
        self.evaluations[0] += 1
        return self.model(t, y)


def main():
    cases = sys.argv[1:] or ["spiral", "wide"]
    print(f"torch {torch.__version__}, 1 thread, float64")
    print("| case | method | step | evaluations | loss |")
    print("|---|---|---:|---:|---:|")
    for case in cases:
        make = spiral_case if case == "spiral" else wide_case
        for adjoint in (True, False):
            torch.manual_seed(0)
            measure(case, make, adjoint)


if __name__ == "__main__":
    main()
