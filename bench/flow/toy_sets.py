"""Writes FFJORD's 2-D toy densities (Grathwohl et al. 2019, lib/toy_data.py: 8 Gaussians, two spirals, checkerboard)
as CSV files for `samples/Flow --train FILE --test FILE`: one "x,y" point per line, no header.

usage: python3 toy_sets.py OUTDIR [--train N] [--test N] [--seed S]
"""
import argparse
import math
import os

import numpy as np


def eight_gaussians(n, rng):
    # Eight unit-spaced centres on a circle of radius 2 (scaled by sqrt 2 as FFJORD's), deviation 0.5, divided by 1.414.
    centres = np.array([(math.cos(a), math.sin(a)) for a in np.arange(8) * math.pi / 4]) * 2 * math.sqrt(2)
    points = centres[rng.integers(0, 8, n)] + 0.5 * rng.standard_normal((n, 2))
    return points / 1.414


def two_spirals(n, rng):
    angle = np.sqrt(rng.random(n)) * 540 * (2 * math.pi) / 360
    x = -np.cos(angle) * angle + rng.random(n) * 0.5
    y = np.sin(angle) * angle + rng.random(n) * 0.5
    sign = np.where(rng.random(n) < 0.5, 1.0, -1.0)
    return np.stack([x * sign, y * sign], axis=1) / 3 + 0.1 * rng.standard_normal((n, 2))


def checkerboard(n, rng):
    # Uniform on 8 squares of side 2 in [-4, 4]²: area 32, entropy ln 32 = 3.466 nats.
    x1 = rng.random(n) * 4 - 2
    x2 = rng.random(n) - rng.integers(0, 2, n) * 2
    x2 = x2 + np.floor(x1) % 2
    return np.stack([x1, x2], axis=1) * 2


SETS = {"8gaussians": eight_gaussians, "2spirals": two_spirals, "checkerboard": checkerboard}

parser = argparse.ArgumentParser()
parser.add_argument("outdir")
parser.add_argument("--train", type=int, default=50000)
parser.add_argument("--test", type=int, default=5000)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()
os.makedirs(args.outdir, exist_ok=True)
rng = np.random.default_rng(args.seed)
for name, draw in SETS.items():
    for part, count in (("train", args.train), ("test", args.test)):
        np.savetxt(os.path.join(args.outdir, f"{name}-{part}.csv"), draw(count, rng), delimiter=",", fmt="%.9g")
print(f"wrote {len(SETS) * 2} files to {args.outdir}")
