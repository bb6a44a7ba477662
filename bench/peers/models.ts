/**
 * The benchmark's MLP and CNN as DeepWire `nn` models with the shared initial weights
 * (bench/cases/synthetic.ts), on any backend: the CPU runner (ours.ts) and the WebGPU runner
 * (webgpu.ts) train exactly the same networks on the same batches.
 */
import { nn, ops, Random, type Backend, type Tensor } from '../../engine';
import { CNN, POOL_SAMPLES } from '../cases/spec';
import { batchOf, cnnInit, makePool, mlpInit, type LayerInit } from '../cases/synthetic';

/** Replaces a fresh layer's random kernel with the shared initial weights (biases start at zero). */
function load(kernel: Tensor, init: LayerInit, backend?: Backend): void {
  kernel.assign(ops.tensor(init.kernel, init.shape, backend ? { backend } : {}));
}

/** MLP 784-256-128-10 with ReLU. */
export function mlpModel(backend?: Backend): nn.Sequential {
  const ctx = { rng: new Random(1), ...(backend ? { backend } : {}) };
  const dense = mlpInit().map((w, i) => {
    const layer = new nn.Dense({ inFeatures: w.shape[0], units: w.shape[1] }, ctx, `dense${i}`);
    load(layer.kernel, w, backend);
    return layer;
  });
  return new nn.Sequential([dense[0], new nn.Activation('relu'), dense[1], new nn.Activation('relu'), dense[2]]);
}

/** conv 3×3×16 → ReLU → maxpool 2 → conv 3×3×32 → ReLU → maxpool 2 → flatten → dense 10. */
export function cnnModel(backend?: Backend): nn.Sequential {
  const [w1, w2, w3] = cnnInit();
  const ctx = { rng: new Random(1), ...(backend ? { backend } : {}) };
  const [f1, f2] = CNN.filters;
  const conv1 = new nn.Conv2D({ inChannels: 1, filters: f1, kernelSize: CNN.kernel }, ctx, 'conv1');
  const conv2 = new nn.Conv2D({ inChannels: f1, filters: f2, kernelSize: CNN.kernel }, ctx, 'conv2');
  const dense = new nn.Dense({ inFeatures: CNN.flat, units: CNN.classes }, ctx, 'dense');
  load(conv1.kernel, w1, backend);
  load(conv2.kernel, w2, backend);
  load(dense.kernel, w3, backend);
  return new nn.Sequential([
    conv1, new nn.Activation('relu'), new nn.MaxPool2D({ poolSize: 2 }),
    conv2, new nn.Activation('relu'), new nn.MaxPool2D({ poolSize: 2 }),
    new nn.Flatten(), dense,
  ]);
}

/** Pre-built batch tensors (on `backend`, default the CPU), so a timed loop measures the step, not data copies or uploads. */
export function batchTensors(batch: number, imageShape: readonly number[], backend?: Backend): { xs: Tensor[]; ys: Tensor[] } {
  const pool = makePool(POOL_SAMPLES, 784);
  const options = backend ? { backend } : {};
  const xs: Tensor[] = [];
  const ys: Tensor[] = [];
  for (let b = 0; b < POOL_SAMPLES / batch; b++) {
    const { x, y } = batchOf(pool, b, batch);
    xs.push(ops.tensor(x, [batch, ...imageShape], options));
    ys.push(ops.tensor(y, [batch, 10], options));
  }
  return { xs, ys };
}
