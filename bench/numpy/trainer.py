"""NumPy reference runner for `npm run bench` (bench/run.ts starts it; not meant to be run alone).

A small, honest trainer: the same models, data, initial weights, Adam and timing rules as the
JavaScript runners (bench/cases/spec.ts, synthetic.ts, harness.ts; keep them in step), written
the way one would in plain NumPy. Matmuls go to NumPy's BLAS (OpenBLAS in the wheels), which
uses OPENBLAS_NUM_THREADS threads (the parent sets it); everything else is single-threaded
NumPy. Convolutions are im2col (sliding_window_view) plus one BLAS product, their input
gradient col2im as nine strided adds; 2x2 max pooling keeps the argmax of each window.

Usage (by the parent): python3 trainer.py '<job json>'; prints one line: RESULT_MARK + JSON.
"""
import json
import os
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

RESULT_MARK = "@@bench-result "
MATMUL_N = 1024
MLP_SIZES = (784, 256, 128, 10)
MLP_BATCH = 128
CNN_BATCH = 64
POOL_SAMPLES = 2048
SEED_DATA, SEED_MAT_A, SEED_MAT_B, SEED_WEIGHTS = 1, 7, 8, 100
LR, BETA1, BETA2, EPS = 1e-3, 0.9, 0.999, 1e-8
f32 = np.float32


# --- synthetic data, bit-identical to bench/cases/synthetic.ts ------------------------------

def hash32(index, seed):
    """Wellons' lowbias32 of (index, seed), in uint32 arithmetic that wraps like Math.imul."""
    x = index.astype(np.uint32) + np.uint32((seed * 0x9E3779B9) & 0xFFFFFFFF)
    x ^= x >> np.uint32(16)
    x *= np.uint32(0x7FEB352D)
    x ^= x >> np.uint32(15)
    x *= np.uint32(0x846CA68B)
    x ^= x >> np.uint32(16)
    return x


def uniforms(size, seed):
    return ((hash32(np.arange(size, dtype=np.uint32), seed) >> np.uint32(8)).astype(np.float64) / 16777216.0)


def weights(shape, limit, seed):
    return ((2.0 * uniforms(int(np.prod(shape)), seed) - 1.0) * limit).astype(f32).reshape(shape)


def layer(shape, fan_in, fan_out, relu, index):
    limit = np.sqrt(6.0 / fan_in) if relu else np.sqrt(6.0 / (fan_in + fan_out))
    return [weights(shape, limit, SEED_WEIGHTS + index), np.zeros(fan_out, f32)]


def make_pool():
    x = uniforms(POOL_SAMPLES * 784, SEED_DATA).astype(f32).reshape(POOL_SAMPLES, 784)
    labels = np.minimum(9, np.floor(10.0 * x[:, 0].astype(np.float64)).astype(np.int64))
    y = np.zeros((POOL_SAMPLES, 10), f32)
    y[np.arange(POOL_SAMPLES), labels] = 1
    return x, y


# --- timing, as bench/cases/harness.ts does it -----------------------------------------------

def time_training(job, batch, step):
    total = max(1, job["epochSamples"] // batch)
    b = 0
    loss0 = step(b)
    b += 1
    warm_start = time.perf_counter()
    while True:  # half a second of warm-up, the last step's time the estimate
        t = time.perf_counter()
        loss_last = step(b)
        b += 1
        estimate = max(time.perf_counter() - t, 1e-6)
        if time.perf_counter() - warm_start >= 0.5 or b >= 32:
            break
    reps = job["reps"]
    steps = max(1, min(total, int(job["budgetS"] / reps / estimate)))
    if steps == 1 and estimate * reps > job["budgetS"]:
        reps = max(job["minReps"], int(job["budgetS"] / estimate))
    rates = [batch / estimate] if steps == 1 else []
    for _ in range(len(rates), reps):
        start = time.perf_counter()
        for _ in range(steps):
            loss_last = step(b)
            b += 1
        rates.append(steps * batch / (time.perf_counter() - start))
    if not (np.isfinite(loss0) and np.isfinite(loss_last)):
        raise RuntimeError(f"training diverged (first loss {loss0}, last {loss_last})")
    notes = []
    if steps < total:
        notes.append(f"timed {steps} of the epoch's {total} steps per repetition "
                     f"(time budget {job['budgetS']} s); samples/s extrapolated")
    figures = {"samplesPerSec": float(np.median(rates)), "minSamplesPerSec": min(rates),
               "maxSamplesPerSec": max(rates), "stepsPerRep": steps, "epochSteps": total,
               "reps": reps, "loss0": loss0, "lossLast": loss_last}
    return figures, notes


def time_matmul(job, run):
    flops = 2 * MATMUL_N ** 3
    per_layout = job["budgetS"] / 3
    figures = {}
    for layout in ("NN", "NT", "TN"):
        run(layout)
        t = time.perf_counter()
        run(layout)
        estimate = max(time.perf_counter() - t, 1e-6)
        calls = max(1, round(0.25 / estimate))
        reps = min(job["reps"], max(job["minReps"], int(per_layout / (calls * estimate))))
        rates = [flops / estimate / 1e9] if calls == 1 else []
        for _ in range(len(rates), reps):
            start = time.perf_counter()
            for _ in range(calls):
                run(layout)
            rates.append(calls * flops / (time.perf_counter() - start) / 1e9)
        figures[layout] = float(np.median(rates))
    return figures, []


# --- model pieces -----------------------------------------------------------------------------

class Adam:
    """m, v and the update in place, float32 throughout (as the course writes Adam)."""

    def __init__(self, params):
        self.params = params
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads):
        self.t += 1
        c1 = f32(1.0 / (1.0 - BETA1 ** self.t))
        c2 = f32(1.0 / (1.0 - BETA2 ** self.t))
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= f32(BETA1)
            m += f32(1 - BETA1) * g
            v *= f32(BETA2)
            v += f32(1 - BETA2) * (g * g)
            p -= f32(LR) * (m * c1) / (np.sqrt(v * c2) + f32(EPS))


def softmax_ce(logits, y):
    """Mean cross-entropy of softmax(logits) and its gradient with respect to the logits."""
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = logits.shape[0]
    loss = float(-(y * log_p).sum() / n)
    return loss, (np.exp(log_p) - y) / f32(n)


def im2col(x, k):
    """(N, H, W, C) → (N·OH·OW, k·k·C) rows in HWIO order, 'valid' padding, stride 1."""
    n, h, w, c = x.shape
    win = sliding_window_view(x, (k, k), axis=(1, 2))  # (N, OH, OW, C, k, k), a view
    return win.transpose(0, 1, 2, 4, 5, 3).reshape(n * (h - k + 1) * (w - k + 1), k * k * c)


def col2im(dcols, shape, k):
    """Adjoint of im2col: scatter-add the rows' gradients back onto an (N, H, W, C) image."""
    n, h, w, c = shape
    oh, ow = h - k + 1, w - k + 1
    d = dcols.reshape(n, oh, ow, k, k, c)
    dx = np.zeros(shape, f32)
    for i in range(k):
        for j in range(k):
            dx[:, i:i + oh, j:j + ow, :] += d[:, :, :, i, j, :]
    return dx


def maxpool2(x):
    """2×2/2 max pooling ('valid': an odd last row/column dropped); returns output and argmax."""
    n, h, w, c = x.shape
    oh, ow = h // 2, w // 2
    win = x[:, :2 * oh, :2 * ow, :].reshape(n, oh, 2, ow, 2, c).transpose(0, 1, 3, 5, 2, 4).reshape(n, oh, ow, c, 4)
    idx = win.argmax(axis=-1)
    return np.take_along_axis(win, idx[..., None], axis=-1)[..., 0], idx


def maxpool2_backward(dy, idx, shape):
    n, h, w, c = shape
    oh, ow = h // 2, w // 2
    win = np.zeros((n, oh, ow, c, 4), f32)
    np.put_along_axis(win, idx[..., None], dy[..., None], axis=-1)
    dx = np.zeros(shape, f32)
    dx[:, :2 * oh, :2 * ow, :] = win.reshape(n, oh, ow, c, 2, 2).transpose(0, 1, 4, 2, 5, 3).reshape(n, 2 * oh, 2 * ow, c)
    return dx


def mlp(job):
    s = MLP_SIZES
    params = sum((layer((s[i], s[i + 1]), s[i], s[i + 1], i < 2, i) for i in range(3)), [])
    w1, b1, w2, b2, w3, b3 = params
    opt = Adam(params)
    x_pool, y_pool = make_pool()
    count = POOL_SAMPLES // MLP_BATCH

    def step(b):
        i = (b % count) * MLP_BATCH
        x, y = x_pool[i:i + MLP_BATCH], y_pool[i:i + MLP_BATCH]
        h1 = np.maximum(x @ w1 + b1, 0)
        h2 = np.maximum(h1 @ w2 + b2, 0)
        loss, dz = softmax_ce(h2 @ w3 + b3, y)
        dh2 = (dz @ w3.T) * (h2 > 0)
        dh1 = (dh2 @ w2.T) * (h1 > 0)
        opt.step([x.T @ dh1, dh1.sum(0), h1.T @ dh2, dh2.sum(0), h2.T @ dz, dz.sum(0)])
        return loss

    return time_training(job, MLP_BATCH, step)


def cnn(job):
    k1, c1 = layer((3, 3, 1, 16), 9, 16, True, 0)
    k2, c2 = layer((3, 3, 16, 32), 144, 32, True, 1)
    w3, b3 = layer((800, 10), 800, 10, False, 2)
    params = [k1, c1, k2, c2, w3, b3]
    opt = Adam(params)
    x_pool, y_pool = make_pool()
    count = POOL_SAMPLES // CNN_BATCH
    n = CNN_BATCH

    def step(b):
        i = (b % count) * n
        x, y = x_pool[i:i + n].reshape(n, 28, 28, 1), y_pool[i:i + n]
        cols1 = im2col(x, 3)
        a1 = np.maximum(cols1 @ k1.reshape(9, 16) + c1, 0).reshape(n, 26, 26, 16)
        p1, idx1 = maxpool2(a1)
        cols2 = im2col(p1, 3)
        a2 = np.maximum(cols2 @ k2.reshape(144, 32) + c2, 0).reshape(n, 11, 11, 32)
        p2, idx2 = maxpool2(a2)
        flat = p2.reshape(n, 800)
        loss, dz = softmax_ce(flat @ w3 + b3, y)
        dflat = dz @ w3.T
        dz2 = (maxpool2_backward(dflat.reshape(n, 5, 5, 32), idx2, a2.shape) * (a2 > 0)).reshape(-1, 32)
        dp1 = col2im(dz2 @ k2.reshape(144, 32).T, p1.shape, 3)
        dz1 = (maxpool2_backward(dp1, idx1, a1.shape) * (a1 > 0)).reshape(-1, 16)
        # The images need no gradient, so the first layer's input gradient is not computed.
        opt.step([(cols1.T @ dz1).reshape(k1.shape), dz1.sum(0), (cols2.T @ dz2).reshape(k2.shape), dz2.sum(0),
                  flat.T @ dz, dz.sum(0)])
        return loss

    return time_training(job, CNN_BATCH, step)


def matmul(job):
    a = uniforms(MATMUL_N * MATMUL_N, SEED_MAT_A).astype(f32).reshape(MATMUL_N, MATMUL_N)
    b = uniforms(MATMUL_N * MATMUL_N, SEED_MAT_B).astype(f32).reshape(MATMUL_N, MATMUL_N)
    # Transposed views: NumPy hands BLAS the stored arrays with a transpose flag, no copy.
    ops = {"NN": lambda: a @ b, "NT": lambda: a @ b.T, "TN": lambda: a.T @ b}
    return time_matmul(job, lambda layout: ops[layout]())


def info(job):
    blas = "unknown"
    try:
        deps = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas = f"{deps.get('name', '?')} {deps.get('version', '')}".strip()
    except Exception as e:  # older NumPy: say so rather than guess
        blas = f"unknown ({type(e).__name__})"
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    return {"library": f"numpy {np.__version__}", "python": sys.version.split()[0], "blas": blas,
            "threads": threads, "threadsWhy": "" if threads != "1" else "OPENBLAS_NUM_THREADS=1"}


def main():
    job = json.loads(sys.argv[1])
    base = {"system": "numpy", "case": job["case"], "threads": job["threads"]}
    meta = {}
    try:
        meta = info(job)
        figures, notes = {"matmul": matmul, "mlp": mlp, "cnn": cnn}[job["case"]](job)
        result = {"ok": True, **base, "figures": figures, "info": meta, "notes": notes}
    except Exception as e:  # reported to the parent, which prints it; the run goes on
        result = {"ok": False, **base, "kind": "error", "reason": f"{type(e).__name__}: {e}", "info": meta}
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
    print(RESULT_MARK + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
