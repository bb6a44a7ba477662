/**
 * CPU kernel benchmark: the fast kernels against the reference loops they replaced.
 *
 *   npx tsx bench/kernels.ts           matmul 256/512/1024, MNIST MLP and CNN steps
 *   npx tsx bench/kernels.ts --quick   skips the 1024 matmuls
 *
 * Prints GFLOP/s of square matmuls (NN, NT, TN; float32 and float64) and samples/s of the conv
 * and pooling kernels of an MNIST CNN (28×28×1 → conv 3×3×16 → maxpool 2 → conv 3×3×32 →
 * maxpool 2 → dense 10, 'valid' padding, the layer default) and of the matmuls of an MLP
 * 784-100-100-10, at batch 64. Each timing is the best of several runs: the machine may be shared,
 * and the minimum is the least disturbed.
 */
import type { DType, TypedArray } from '../engine/core/dtype';
import type { Conv2dGeometry, Kernels, MatmulGeometry, Pool2dGeometry, TensorView } from '../engine/backend/backend';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from '../engine/backend/cpu/conv';
import { matmul } from '../engine/backend/cpu/matmul';
import { maxPool2d, maxPool2dBackward } from '../engine/backend/cpu/pool';
import * as refConv from '../engine/backend/cpu/reference/conv';
import { matmul as refMatmul } from '../engine/backend/cpu/reference/matmul';

type ConvKernels = Pick<Kernels, 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter' | 'maxPool2d' | 'maxPool2dBackward'>;
const FAST: ConvKernels = { conv2d, conv2dBackpropInput, conv2dBackpropFilter, maxPool2d, maxPool2dBackward };
const REFERENCE: ConvKernels = refConv;

const quick = process.argv.includes('--quick');

/** Best wall time in ms of `fn` over up to `maxRuns` runs or about `budgetMs` of running. */
function best(fn: () => void, maxRuns: number, budgetMs = 1500): number {
  fn(); // warm-up: lets V8 optimise before timing
  let min = Infinity;
  const start = performance.now();
  for (let r = 0; r < maxRuns && (r === 0 || performance.now() - start < budgetMs); r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

let seed = 1;
function random(dtype: DType, size: number): TypedArray {
  const a = dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    a[i] = seed / 1073741824 - 1;
  }
  return a;
}

const view = (dtype: DType, shape: number[]): TensorView => ({
  storage: random(dtype, shape.reduce((s, d) => s * d, 1)), shape, dtype,
});

function benchMatmul(): void {
  console.log('matmul, square n×n×n, GFLOP/s (reference → fast)');
  for (const size of quick ? [256, 512] : [256, 512, 1024]) {
    for (const dtype of ['float32', 'float64'] as const) {
      const cells: string[] = [];
      for (const [transA, transB, name] of [[false, false, 'NN'], [false, true, 'NT'], [true, false, 'TN']] as const) {
        const g: MatmulGeometry = { batch: 1, batchA: 1, batchB: 1, m: size, n: size, k: size, transA, transB };
        const a = view(dtype, [size, size]);
        const b = view(dtype, [size, size]);
        const flops = 2 * size ** 3;
        const ref = flops / best(() => refMatmul(a, b, g), size >= 1024 ? 1 : 5) / 1e6;
        const fast = flops / best(() => matmul(a, b, g), size >= 1024 ? 3 : 20) / 1e6;
        cells.push(`${name} ${ref.toFixed(2)} → ${fast.toFixed(2)} (×${(fast / ref).toFixed(1)})`);
      }
      console.log(`  ${String(size).padStart(4)} ${dtype}  ${cells.join('   ')}`);
    }
  }
}

function convGeometry(batch: number, size: number, inC: number, outC: number): Conv2dGeometry {
  return { batch, inH: size, inW: size, inC, outH: size - 2, outW: size - 2, outC, kH: 3, kW: 3,
    strideH: 1, strideW: 1, padTop: 0, padLeft: 0, dilationH: 1, dilationW: 1 };
}

function poolGeometry(batch: number, size: number, channels: number): Pool2dGeometry {
  const out = Math.floor(size / 2);
  return { batch, inH: size, inW: size, channels, outH: out, outW: out, kH: 2, kW: 2, strideH: 2, strideW: 2,
    padTop: 0, padLeft: 0 };
}

function benchCnn(batch: number): void {
  console.log(`MNIST CNN at batch ${batch}, samples/s (reference → fast)`);
  const c1 = convGeometry(batch, 28, 1, 16);
  const p1 = poolGeometry(batch, 26, 16);
  const c2 = convGeometry(batch, 13, 16, 32);
  const p2 = poolGeometry(batch, 11, 32);
  for (const dtype of ['float32', 'float64'] as const) {
    const x = view(dtype, [batch, 28, 28, 1]);
    const w1 = view(dtype, [3, 3, 1, 16]);
    const y1 = view(dtype, [batch, 26, 26, 16]);
    const h1 = view(dtype, [batch, 13, 13, 16]);
    const w2 = view(dtype, [3, 3, 16, 32]);
    const y2 = view(dtype, [batch, 11, 11, 32]);
    const h2 = view(dtype, [batch, 5, 5, 32]);
    // One training step's conv work: both forwards, both filter gradients, and the input
    // gradient of the second conv (the first one's input is data, which needs none).
    const conv = (k: ConvKernels) => () => {
      k.conv2d(x, w1, c1); k.conv2d(h1, w2, c2);
      k.conv2dBackpropFilter(h1, y2, c2); k.conv2dBackpropInput(y2, w2, c2); k.conv2dBackpropFilter(x, y1, c1);
    };
    const pool = (k: ConvKernels) => () => {
      k.maxPool2d(y1, p1); k.maxPool2d(y2, p2); k.maxPool2dBackward(y2, h2, p2); k.maxPool2dBackward(y1, h1, p1);
    };
    const rate = (fn: () => void, runs: number) => (batch * 1000) / best(fn, runs);
    const row = (name: string, ref: number, fast: number) =>
      console.log(`  ${dtype} ${name.padEnd(38)} ${ref.toFixed(0).padStart(6)} → ${fast.toFixed(0).padStart(6)} (×${(fast / ref).toFixed(1)})`);
    row('conv fwd+bwd (5 kernel calls)', rate(conv(REFERENCE), 5), rate(conv(FAST), 20));
    row('maxpool fwd+bwd (4 kernel calls)', rate(pool(REFERENCE), 10), rate(pool(FAST), 40));
    const each: [string, (k: ConvKernels) => void][] = [
      ['  conv1 forward', (k) => k.conv2d(x, w1, c1)],
      ['  conv1 backprop filter', (k) => k.conv2dBackpropFilter(x, y1, c1)],
      ['  conv2 forward', (k) => k.conv2d(h1, w2, c2)],
      ['  conv2 backprop filter', (k) => k.conv2dBackpropFilter(h1, y2, c2)],
      ['  conv2 backprop input', (k) => k.conv2dBackpropInput(y2, w2, c2)],
    ];
    for (const [name, fn] of each) row(name, rate(() => fn(REFERENCE), 5), rate(() => fn(FAST), 20));
  }
}

function benchMlp(batch: number): void {
  console.log(`MNIST MLP 784-100-100-10 at batch ${batch}, matmuls of a training step, samples/s (reference → fast)`);
  const layers = [[784, 100], [100, 100], [100, 10]];
  for (const dtype of ['float32', 'float64'] as const) {
    const calls: [TensorView, TensorView, MatmulGeometry][] = [];
    for (const [inF, outF] of layers) {
      const x = view(dtype, [batch, inF]);
      const w = view(dtype, [inF, outF]);
      const dy = view(dtype, [batch, outF]);
      const g = (m: number, n: number, k: number, transA: boolean, transB: boolean): MatmulGeometry =>
        ({ batch: 1, batchA: 1, batchB: 1, m, n, k, transA, transB });
      calls.push([x, w, g(batch, outF, inF, false, false)]); // y = x·W
      calls.push([x, dy, g(inF, outF, batch, true, false)]); // dW = xᵀ·dy
      calls.push([dy, w, g(batch, inF, outF, false, true)]); // dx = dy·Wᵀ
    }
    const step = (mm: typeof matmul) => () => { for (const [a, b, g] of calls) mm(a, b, g); };
    const ref = (batch * 1000) / best(step(refMatmul), 20);
    const fast = (batch * 1000) / best(step(matmul), 100);
    console.log(`  ${dtype} ${ref.toFixed(0).padStart(7)} → ${fast.toFixed(0).padStart(7)} (×${(fast / ref).toFixed(1)})`);
  }
}

benchMatmul();
benchMlp(64);
benchCnn(64);
