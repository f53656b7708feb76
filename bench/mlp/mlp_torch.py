"""PyTorch beside bench/OdeGen.Benchmarks/WideMlp.cs: the 64-128-64 tanh MLP, float64, one thread.

Prints the same table as `dotnet run -c Release --project bench/OdeGen.Benchmarks -- wide-mlp`, and the machine's
peak: OpenBLAS dgemm on one core (a 2048x2048 product through torch.mm), the limit both are measured against.
Usage: python3 bench/mlp/mlp_torch.py [batch ...]   (Debian: python3-torch with libopenblas0-pthread)
"""
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
STATES, HIDDEN = 64, 128
FORWARD_FLOPS = 2 * (HIDDEN * STATES + STATES * HIDDEN)


def median_seconds(call, batch):
    repeats = max(1, 20000 // batch)
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


def main():
    batches = [int(a) for a in sys.argv[1:]] or [1, 20, 128, 512]
    model = torch.nn.Sequential(torch.nn.Linear(STATES, HIDDEN), torch.nn.Tanh(), torch.nn.Linear(HIDDEN, STATES)).double()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, float64")
    print("| batch | path | forward µs | forward GFLOP/s | forward+backward µs | forward+backward GFLOP/s |")
    print("|---:|---|---:|---:|---:|---:|")
    for batch in batches:
        y = torch.randn(batch, STATES, dtype=torch.float64)
        w = torch.randn(batch, STATES, dtype=torch.float64)

        def forward():
            with torch.no_grad():
                model(y)

        def forward_backward():
            yy = y.detach().requires_grad_(True)
            out = model(yy)
            torch.autograd.grad(out, [yy] + list(model.parameters()), w)

        f = median_seconds(forward, batch)
        fb = median_seconds(forward_backward, batch)
        flops = FORWARD_FLOPS * batch
        print(f"| {batch} | PyTorch | {f * 1e6:.1f} | {flops / f / 1e9:.1f} | {fb * 1e6:.1f} | {3 * flops / fb / 1e9:.1f} |")
    print(f"OpenBLAS dgemm (torch.mm 2048x2048, 1 thread): {dgemm_peak():.1f} GFLOP/s")


if __name__ == "__main__":
    main()
