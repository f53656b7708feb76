"""Times one training epoch of the Classifier sample's three models in PyTorch, beside `samples/Classifier`.

The models are the sample's (samples/Classifier, Architecture.cs, Layers.cs, OdeBlock.cs): two 3 x 3 stride-2
convolutions with relu, 28 x 28 -> 8 maps of 7 x 7; then the middle; then a linear head on the flattened maps. The
middle is f = conv2(t, relu(conv1(t, h))), 3 x 3 convolutions with zero padding whose input has one more channel
holding t (torchdiffeq's ConcatConv2d in examples/odenet_mnist.py):
  ResNet  - 6 residual blocks h + f(0, h, theta_k), backpropagation;
  RK-Net  - dh/dt = f on [0, 1], RK4 with 4 steps, backpropagation through the steps (torchdiffeq's odeint);
  ODE-Net - the same ODE, dopri5 at rtol = atol = 1e-3, the adjoint with the seminorm (odeint_adjoint).
SGD with momentum 0.9, lr 0.05, batch 128, the gradient clipped to norm 2, float64 as OdeGen. Prints the training
time of one epoch over the first --train-size images for each model, the evaluations of f per batch, and its test error
on --test-size images.

Needs PYTHONPATH pointing at a checkout of github.com/rtqichen/torchdiffeq.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchdiffeq import odeint, odeint_adjoint

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
parser.add_argument("--train-size", type=int, default=8000)
parser.add_argument("--test-size", type=int, default=10000)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--models", default="ResNet,RK-Net,ODE-Net")
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.set_default_dtype(torch.float64)
torch.manual_seed(1)
CHANNELS = 8


def idx(name):
    path = os.path.join(args.data, name)
    opener = gzip.open if os.path.exists(path + ".gz") else open
    with opener(path + ".gz" if os.path.exists(path + ".gz") else path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def images(name, count):
    x = torch.from_numpy(idx(name)[:count].astype(np.float64) / 255.0)
    return x.reshape(-1, 1, 28, 28)


def labels(name, count):
    return torch.from_numpy(idx(name)[:count].astype(np.int64))


class ConcatConv(nn.Module):
    """A 3 x 3 convolution, padding 1, over the maps and one more channel that is t everywhere."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(CHANNELS + 1, CHANNELS, 3, padding=1)

    def forward(self, t, h):
        return self.conv(torch.cat([torch.ones_like(h[:, :1]) * t, h], 1))


class Dynamics(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = ConcatConv(), ConcatConv()
        self.nfe = 0

    def forward(self, t, h):
        self.nfe += 1
        return self.conv2(t, F.relu(self.conv1(t, h)))


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Dynamics() for _ in range(6)])

    def forward(self, h):
        zero = torch.zeros(())
        for block in self.blocks:
            h = h + block(zero, h)
        return h


class OdeBlock(nn.Module):
    def __init__(self, adaptive):
        super().__init__()
        self.f = Dynamics()
        self.adaptive = adaptive
        self.times = torch.tensor([0.0, 1.0])

    def forward(self, h):
        if self.adaptive:
            return odeint_adjoint(self.f, h, self.times, rtol=1e-3, atol=1e-3, method="dopri5",
                                  adjoint_options=dict(norm="seminorm"))[1]
        return odeint(self.f, h, self.times, method="rk4", options=dict(step_size=0.25))[1]


def model(name):
    middle = ResNet() if name == "ResNet" else OdeBlock(adaptive=name == "ODE-Net")
    return nn.Sequential(nn.Conv2d(1, CHANNELS, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Conv2d(CHANNELS, CHANNELS, 3, stride=2, padding=1), nn.ReLU(),
                         middle, nn.Flatten(), nn.Linear(CHANNELS * 49, 10))


train_x, train_y = images("train-images-idx3-ubyte", args.train_size), labels("train-labels-idx1-ubyte", args.train_size)
test_x, test_y = images("t10k-images-idx3-ubyte", args.test_size), labels("t10k-labels-idx1-ubyte", args.test_size)
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {args.train_size} training images, float64")
for name in args.models.split(","):
    net = model(name)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    order = torch.randperm(args.train_size)
    start = time.perf_counter()
    for first in range(0, args.train_size, 128):
        batch = order[first:first + 128]
        optimizer.zero_grad()
        loss = F.cross_entropy(net(train_x[batch]), train_y[batch])
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 2.0)
        optimizer.step()
    seconds = time.perf_counter() - start
    batches = (args.train_size + 127) // 128
    nfe = sum(m.nfe for m in net.modules() if isinstance(m, Dynamics)) / batches
    with torch.no_grad():
        wrong = sum((net(test_x[i:i + 500]).argmax(1) != test_y[i:i + 500]).sum().item() for i in range(0, args.test_size, 500))
    print(f"torch {name}: {seconds:.1f} s per epoch of {args.train_size}, {nfe:.1f} evaluations of f per batch (forward and"
          f" backward), test error {100 * wrong / args.test_size:.2f}%")
