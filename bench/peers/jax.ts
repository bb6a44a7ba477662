/**
 * jax-js (`@jax-js/jax`) on its `wasm` device as a benchmark runner.
 *
 * The training step is one `jit`ted function: `valueAndGrad` of the loss, then Adam on every
 * parameter. Adam is written here in jax.numpy, exactly as the course writes it (m̂ = m/(1−β₁ᵗ),
 * v̂ = v/(1−β₂ᵗ), W −= η·m̂/(√v̂+ε)), because jax-js's optimisers live in `@jax-js/optax`, which
 * is not installed; the bias corrections are passed in as scalar arrays so that one compiled
 * step serves every t. jax-js wants NCHW images and OIHW kernels, so the shared HWIO weights
 * (and the dense rows, which follow the flatten order) are permuted once before timing.
 *
 * Ownership: jax-js arrays are reference counted and every call consumes its arguments, hence
 * the `.ref`s wherever an array is used again.
 */
import { defaultDevice, init, jit, lax, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import { runPeer, timeMatmul, timeTraining, type CaseOutput, type Peer } from '../cases/harness';
import { ADAM, CNN, MATMUL_N, MLP, POOL_SAMPLES, SEED, type Job, type Layout } from '../cases/spec';
import { batchOf, cnnInit, makePool, mlpInit, uniforms, type LayerInit } from '../cases/synthetic';

type Arr = np.Array;
type LossFn = (params: Arr[], x: Arr, y: Arr) => Arr;

// jax-js spreads wasm kernels over Web Workers when it finds a `Worker` global; Node 20 has none.
const hasWorkers = typeof (globalThis as { Worker?: unknown }).Worker !== 'undefined';

/** Mean softmax cross-entropy of logits against one-hot targets. */
function crossEntropy(logits: Arr, y: Arr, batch: number): Arr {
  return nn.logSoftmax(logits, -1).mul(y).sum().mul(-1 / batch);
}

/** The jitted train step for `loss` with Adam; state is threaded through explicitly. */
function adamTrainer(loss: LossFn, params: Arr[], batch: number, xs: Arr[], ys: Arr[]) {
  const { lr, beta1, beta2, eps } = ADAM;
  const step = jit((p: Arr[], m: Arr[], v: Arr[], x: Arr, y: Arr, c1: Arr, c2: Arr) => {
    const [value, grads] = valueAndGrad(loss)(tree.ref(p), x, y);
    const out = { p: [] as Arr[], m: [] as Arr[], v: [] as Arr[] };
    for (let i = 0; i < p.length; i++) {
      const g = grads[i];
      const m2 = m[i].mul(beta1).add(g.ref.mul(1 - beta1));
      const v2 = v[i].mul(beta2).add(np.square(g).mul(1 - beta2));
      const mHat = m2.ref.mul(c1.ref);
      const vHat = v2.ref.mul(c2.ref);
      out.p.push(p[i].sub(mHat.mul(lr).div(np.sqrt(vHat).add(eps))));
      out.m.push(m2);
      out.v.push(v2);
    }
    c1.dispose();
    c2.dispose();
    return [value, out.p, out.m, out.v] as const;
  });
  let p = params;
  let m = params.map((w) => np.zerosLike(w.ref));
  let v = params.map((w) => np.zerosLike(w.ref));
  let t = 0;
  return (b: number): number => {
    t++;
    const i = b % xs.length;
    const [value, p2, m2, v2] = step(p, m, v, xs[i].ref, ys[i].ref,
      np.array(1 / (1 - beta1 ** t)), np.array(1 / (1 - beta2 ** t)));
    p = p2;
    m = m2;
    v = v2;
    return value.dataSync()[0];
  };
}

function batches(batch: number, imageShape: number[]): { xs: Arr[]; ys: Arr[] } {
  const pool = makePool(POOL_SAMPLES, 784);
  const xs: Arr[] = [];
  const ys: Arr[] = [];
  for (let b = 0; b < POOL_SAMPLES / batch; b++) {
    const { x, y } = batchOf(pool, b, batch);
    xs.push(np.array(x.slice()).reshape([batch, ...imageShape]));
    ys.push(np.array(y.slice()).reshape([batch, 10]));
  }
  return { xs, ys };
}

const arr = (w: LayerInit, data = w.kernel, shape = [...w.shape]) => np.array(data).reshape(shape);

/** HWIO → OIHW. */
function toOIHW(w: LayerInit): Arr {
  const [kh, kw, ci, co] = w.shape;
  const out = new Float32Array(w.kernel.length);
  for (let h = 0; h < kh; h++) for (let x = 0; x < kw; x++) for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) {
    out[((o * ci + i) * kh + h) * kw + x] = w.kernel[((h * kw + x) * ci + i) * co + o];
  }
  return arr(w, out, [co, ci, kh, kw]);
}

/** Dense rows from NHWC flatten order (h, w, c) to NCHW order (c, h, w). */
function toChannelsFirstRows(w: LayerInit, side: number, channels: number): Arr {
  const units = w.shape[1];
  const out = new Float32Array(w.kernel.length);
  for (let hw = 0; hw < side * side; hw++) for (let c = 0; c < channels; c++) for (let k = 0; k < units; k++) {
    out[(c * side * side + hw) * units + k] = w.kernel[(hw * channels + c) * units + k];
  }
  return arr(w, out);
}

/** 2×2 max pooling of NCHW activations, an odd last row/column dropped ('valid'). */
function maxPool(x: Arr, batch: number, channels: number, size: number): Arr {
  const half = Math.floor(size / 2);
  const even = size % 2 ? x.slice([], [], [0, 2 * half], [0, 2 * half]) : x;
  return even.reshape([batch, channels, half, 2, half, 2]).max([3, 5]);
}

async function train(job: Job, loss: LossFn, params: Arr[], batch: number, imageShape: number[]): Promise<CaseOutput> {
  const { xs, ys } = batches(batch, imageShape);
  const out = await timeTraining(job, batch, adamTrainer(loss, params, batch, xs, ys));
  return { ...out, notes: [...out.notes, 'Adam written in jax.numpy inside the jitted step (@jax-js/optax is not installed)'] };
}

const peer: Peer = {
  async setup() {
    const devices = await init('wasm');
    if (!devices.includes('wasm')) throw new Error(`jax-js has no wasm device here (found: ${devices.join(', ')})`);
    defaultDevice('wasm');
    return {
      device: 'wasm, step under jit',
      threads: hasWorkers ? 'workers' : '1',
      threadsWhy: hasWorkers ? '' : 'Node has no Web Worker global, so jax-js runs wasm kernels on the calling thread',
    };
  },

  async matmul(job) {
    const a = np.array(uniforms(MATMUL_N * MATMUL_N, SEED.matA)).reshape([MATMUL_N, MATMUL_N]);
    const b = np.array(uniforms(MATMUL_N * MATMUL_N, SEED.matB)).reshape([MATMUL_N, MATMUL_N]);
    // Transposes as contraction axes of lax.dot, so the compiled kernel reads the stored operands.
    const dims: Record<Layout, [number, number]> = { NN: [1, 0], NT: [1, 1], TN: [0, 0] };
    const fns = Object.fromEntries(Object.entries(dims).map(([layout, [l, r]]) =>
      [layout, jit((x: Arr, y: Arr) => lax.dot(x, y, { lhsContractingDims: [l], rhsContractingDims: [r] }))]));
    return timeMatmul(job, async (layout) => {
      const c = await fns[layout](a.ref, b.ref).blockUntilReady();
      c.dispose();
    });
  },

  async mlp(job) {
    const inits = mlpInit();
    const params = inits.flatMap((w) => [arr(w), np.array(w.bias)]);
    const loss: LossFn = (p, x, y) => {
      let h = x;
      for (let i = 0; i < 3; i++) {
        h = np.matmul(h, p[2 * i]).add(p[2 * i + 1]);
        if (i < 2) h = nn.relu(h);
      }
      return crossEntropy(h, y, MLP.batch);
    };
    return train(job, loss, params, MLP.batch, [784]);
  },

  async cnn(job) {
    const [w1, w2, w3] = cnnInit();
    const [f1, f2] = CNN.filters;
    const B = CNN.batch;
    const side1 = CNN.image - 2;
    const side2 = Math.floor(side1 / 2) - 2;
    const params = [toOIHW(w1), np.array(w1.bias), toOIHW(w2), np.array(w2.bias),
      toChannelsFirstRows(w3, Math.floor(side2 / 2), f2), np.array(w3.bias)];
    const loss: LossFn = (p, x, y) => {
      let h = nn.relu(lax.conv(x, p[0], [1, 1], 'VALID').add(p[1].reshape([1, f1, 1, 1])));
      h = maxPool(h, B, f1, side1);
      h = nn.relu(lax.conv(h, p[2], [1, 1], 'VALID').add(p[3].reshape([1, f2, 1, 1])));
      h = maxPool(h, B, f2, side2).reshape([B, CNN.flat]);
      return crossEntropy(np.matmul(h, p[4]).add(p[5]), y, B);
    };
    return train(job, loss, params, B, [1, CNN.image, CNN.image]);
  },
};

await runPeer('jax', peer);
