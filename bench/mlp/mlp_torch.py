"""PyTorch beside bench/OdeGen.Benchmarks/WideMlp.cs and MlpWidths.cs: d-2d-d tanh MLPs (d = 32, 64, 256), float64,
one thread, and all threads for the batches OdeGen also splits over the cores.

Prints the same table as `dotnet run -c Release --project bench/OdeGen.Benchmarks -- wide-mlp`, and the machine's
peak: OpenBLAS dgemm on one core (a 2048x2048 product through torch.mm), the limit both are measured against.
Usage: python3 bench/mlp/mlp_torch.py [batch ...]   (Debian: python3-torch with libopenblas0-pthread)
"""
import os
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
WIDTHS = [32, 64, 256]
COPIES_PER_BLOCK = 32  # OdeGen splits a batch over threads from two blocks of this many copies


def median_seconds(call, flops):
    repeats = max(1, int(2e8 / flops))
    for _ in range(repeats):
        call()
    times = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(repeats):
            call()
        times.append((time.perf_counter() - start) / repeats)
    return statistics.median(times)


def dgemm_peak():
    a = torch.randn(2048, 2048, dtype=torch.float64)
    b = torch.randn(2048, 2048, dtype=torch.float64)
    torch.mm(a, b)
    best = min(timed(lambda: torch.mm(a, b)) for _ in range(5))
    return 2 * 2048 ** 3 / best / 1e9


def timed(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(states, batch, threads):
    hidden = 2 * states
    torch.set_num_threads(threads)
    model = torch.nn.Sequential(torch.nn.Linear(states, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, states)).double()
    y = torch.randn(batch, states, dtype=torch.float64)
    w = torch.randn(batch, states, dtype=torch.float64)
    flops = 2 * (hidden * states + states * hidden) * batch

    def forward():
        with torch.no_grad():
            model(y)

    def forward_backward():
        yy = y.detach().requires_grad_(True)
        out = model(yy)
        torch.autograd.grad(out, [yy] + list(model.parameters()), w)

    f = median_seconds(forward, flops)
    fb = median_seconds(forward_backward, 3 * flops)
    path = "PyTorch" if threads == 1 else f"PyTorch, {threads} threads"
    print(f"| {states}-{hidden}-{states} | {batch} | {path} | {f * 1e6:.1f} | {flops / f / 1e9:.1f} | {fb * 1e6:.1f} | {3 * flops / fb / 1e9:.1f} |")


def main():
    batches = [int(a) for a in sys.argv[1:]] or [1, 16, 128, 512, 1024]
    cores = os.cpu_count() or 1
    print(f"torch {torch.__version__}, float64")
    print("| width | batch | path | forward µs | forward GFLOP/s | forward+backward µs | forward+backward GFLOP/s |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for states in WIDTHS:
        for batch in batches:
            measure(states, batch, 1)
            if cores > 1 and batch >= 2 * COPIES_PER_BLOCK:
                measure(states, batch, cores)
    torch.set_num_threads(1)
    print(f"OpenBLAS dgemm (torch.mm 2048x2048, 1 thread): {dgemm_peak():.1f} GFLOP/s")


if __name__ == "__main__":
    main()
