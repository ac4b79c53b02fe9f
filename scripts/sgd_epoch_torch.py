#!/usr/bin/python3
"""PyTorch's side of scripts/sgd-vs-pytorch.sh: the same SGD epoch as altmin's SgdEpochCheck.

SGD with heavy-ball momentum 0.9 (torch.optim.SGD: v <- mu v + g, theta <- theta - lr v, as altmin's Momentum),
learning rate 0.05, batch 128, 784-100-100-10 ReLU network, mean cross-entropy per minibatch, He (Kaiming normal)
weights and zero biases, FLOAT, the 60000 MNIST training images scaled to [0, 1], a fresh random order each epoch.
Prints one line per epoch (seconds of the minibatch loop, training accuracy after it) and a `result` line with the
median epoch after the first (the first includes warm-up), like SgdEpochCheck.

Usage: /usr/bin/python3 scripts/sgd_epoch_torch.py --threads 1 --epochs 3 --data-dir ~/.altmin/data/mnist
Needs Debian's python3-torch (and libopenblas0-pthread); set OMP_NUM_THREADS to --threads too.
"""
import argparse
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch


def idx(path):
    with open(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--samples", type=int, default=60000)
    p.add_argument("--data-dir", default=os.path.expanduser("~/.altmin/data/mnist"))
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--batch", type=int, default=128)
    a = p.parse_args()
    if a.threads < 1 or a.epochs < 1 or a.batch < 1 or a.samples < 1:
        sys.exit("sgd_epoch_torch: --threads, --epochs, --batch and --samples must be >= 1")
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    images = os.path.join(a.data_dir, "train-images-idx3-ubyte")
    labels = os.path.join(a.data_dir, "train-labels-idx1-ubyte")
    if not (os.path.isfile(images) and os.path.isfile(labels)):
        sys.exit(f"sgd_epoch_torch: MNIST not found in {a.data_dir} (run: bin/altmin fetch --dataset mnist)")
    x = torch.from_numpy(idx(images)[: a.samples].reshape(-1, 784).astype(np.float32) / 255.0)
    y = torch.from_numpy(idx(labels)[: a.samples].astype(np.int64))
    model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 100),
                                torch.nn.ReLU(), torch.nn.Linear(100, 10))
    for m in model:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum)
    loss_fn = torch.nn.CrossEntropyLoss()
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()} (OMP_NUM_THREADS="
          f"{os.environ.get('OMP_NUM_THREADS')}), sgd momentum {a.momentum}, lr {a.lr}, batch {a.batch}, "
          f"784-100-100-10, N={x.shape[0]}", flush=True)
    seconds = []
    n = x.shape[0]
    for epoch in range(1, a.epochs + 1):
        order = torch.randperm(n)
        t0 = time.perf_counter()
        for start in range(0, n, a.batch):
            batch = order[start:start + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x.index_select(0, batch)), y.index_select(0, batch))
            loss.backward()
            opt.step()
        s = time.perf_counter() - t0
        seconds.append(s)
        with torch.no_grad():
            accuracy = (model(x).argmax(1) == y).float().mean().item()
        print(f"epoch {epoch}: {s:.3f} s, train accuracy {accuracy:.4f}", flush=True)
    timed = seconds[1:] if len(seconds) > 1 else seconds
    print(f"result pytorch threads={a.threads} median_epoch_s={statistics.median(timed):.3f} epochs={len(seconds)}")


if __name__ == "__main__":
    main()
