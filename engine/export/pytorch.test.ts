/**
 * The PyTorch export checked against the engine. Always: every example and a graph of every
 * node kind compile as Python, and the code says what the engine does (pads, momentum, loss
 * scale). With PyTorch installed (skipped otherwise): the script's forward pass equals the
 * engine's, training from the same weights on the same batches ends at the engine's weights
 * for every loss and optimiser, training reaches the accuracy DeepWire reaches, and torchrun
 * runs it in two processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { compileGraph } from '../graph/compile';
import { makeGraph, type NodeSpec } from '../graph/makeGraph';
import { isKnownKind, listNodeDefs } from '../graph/registry';
import type { Graph } from '../graph/schema';
import { exportWeights, importWeights, type NamedTensor } from '../graph/weights';
import { meanSquaredError } from '../nn/losses';
import { noGrad, tensor } from '../ops';
import { loadProject } from '../project';
import { decodeSafetensors, encodeSafetensors, type AnyTensorData } from '../project/safetensors';
import { prepareData } from '../train/prepareData';
import { Trainer } from '../train/Trainer';
import { exportData } from './data';
import { exportModel, type ExportModel } from './model';
import { exportPytorch } from './pytorch';

// --- graphs --------------------------------------------------------------------------------------

const EXAMPLES_DIR = join(__dirname, '..', '..', 'assets', 'examples');

function example(name: string): Graph {
  const loaded = loadProject(readFileSync(join(EXAMPLES_DIR, `${name}.dwire`)), { isKnownKind });
  if (!loaded.ok) throw loaded.error;
  return loaded.project.graph;
}

const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.dwire')).map((f) => f.slice(0, -'.dwire'.length)).sort();

/** A chain from the data node through `layers` to the loss, as the examples are wired. */
function chain(data: NodeSpec, layers: readonly NodeSpec[], loss: string, optimizer: NodeSpec, training: Record<string, unknown>): Graph {
  const ids = [data[0], ...layers.map((l) => l[0])];
  return makeGraph([data, ...layers, ['loss', loss], optimizer, ['training', 'Training', training]], [
    ...ids.slice(1).map((id, i) => `${ids[i]}.${i === 0 ? 'x' : 'y'} -> ${id}.x`),
    `${ids.at(-1)!}.${ids.length === 1 ? 'x' : 'y'} -> loss.pred`,
    `${data[0]}.y -> loss.y`,
    'loss.loss -> opt.loss',
  ]);
}

const IRIS: NodeSpec = ['data', 'Dataset', { source: 'iris', normalize: 'standardize' }];
const XOR: NodeSpec = ['data', 'Dataset', { source: 'xor' }];

/**
 * Every layer kind on images: convolutions with symmetric, uneven ("same", stride 2, even
 * kernel) and dilated padding, pooling of every padding case, Add, Concat, BatchNorm over
 * images and features, Reshape, Flatten, Dropout.
 */
function imagesGraph(dropout = 0.3, optimizer: NodeSpec = ['opt', 'Adam', { learningRate: 0.01 }]): Graph {
  const nodes: NodeSpec[] = [
    IRIS,
    ['expand', 'Dense', { units: 48, init: 'heUniform' }],
    ['image', 'Reshape', { shape: '4, 4, 3' }],
    // No biases before BatchNorm: their gradient is zero up to rounding noise, which Adam amplifies.
    ['conv_same', 'Conv2D', { filters: 6, kernelSize: 3, padding: 'same', init: 'xavierUniform', useBias: false }],
    ['conv_even', 'Conv2D', { filters: 6, kernelSize: 2, padding: 'same', useBias: false, regularizer: 'l2', lambda: 0.01 }],
    ['sum', 'Add'],
    ['bn_image', 'BatchNorm', { momentum: 0.8, epsilon: 0.001 }],
    ['leaky', 'LeakyReLU', { alpha: 0.2 }],
    ['max_same', 'MaxPool2D', { poolSize: 3, stride: 2, padding: 'same' }],
    ['max_valid', 'MaxPool2D', { poolSize: 2 }],
    ['max_sym', 'MaxPool2D', { poolSize: 3, stride: 1, padding: 'same' }],
    ['avg_sym', 'AvgPool2D', { poolSize: 3, stride: 1, padding: 'same' }],
    ['avg_uneven', 'AvgPool2D', { poolSize: 2, stride: 1, padding: 'same' }],
    ['avg_valid', 'AvgPool2D', { poolSize: 2 }],
    ['conv_dilated', 'Conv2D', { filters: 4, kernelSize: 3, dilation: 2, padding: 'same', useBias: false }],
    ['conv_strided', 'Conv2D', { filters: 2, kernelSize: 3, stride: 2, padding: 'same', init: 'normal001' }],
    ['conv_valid', 'Conv2D', { filters: 3, kernelSize: 3, stride: 2, padding: 'valid', regularizer: 'l1', lambda: 0.001 }],
    ['cat_big', 'Concat'],
    ['cat_small', 'Concat'],
    ['flat_big', 'Flatten'],
    ['flat_small', 'Flatten'],
    ['flat_valid', 'Flatten'],
    ['features', 'Concat'],
    ['hidden', 'Dense', { units: 8, init: 'xavierNormal' }],
    ['tanh', 'Tanh'],
    ['bn', 'BatchNorm'],
    ['drop', 'Dropout', { rate: dropout }],
    ['logits', 'Dense', { units: 3, init: 'zeros' }],
    ['softmax', 'Softmax'],
    ['loss', 'CrossEntropy'],
    optimizer,
    ['training', 'Training', { epochs: 1, batchSize: 16, shuffle: false }],
  ];
  return makeGraph(nodes, [
    'data.x -> expand.x', 'expand.y -> image.x', 'image.y -> conv_same.x', 'image.y -> conv_even.x',
    'conv_same.y -> sum.x', 'conv_even.y -> sum.x', 'sum.y -> bn_image.x', 'bn_image.y -> leaky.x',
    'leaky.y -> max_same.x', 'leaky.y -> max_valid.x', 'leaky.y -> max_sym.x', 'leaky.y -> avg_sym.x',
    'leaky.y -> avg_uneven.x', 'leaky.y -> avg_valid.x', 'leaky.y -> conv_dilated.x', 'image.y -> conv_strided.x',
    'image.y -> conv_valid.x',
    'max_sym.y -> cat_big.x', 'avg_sym.y -> cat_big.x', 'avg_uneven.y -> cat_big.x', 'conv_dilated.y -> cat_big.x',
    'max_same.y -> cat_small.x', 'max_valid.y -> cat_small.x', 'avg_valid.y -> cat_small.x', 'conv_strided.y -> cat_small.x',
    'cat_big.y -> flat_big.x', 'cat_small.y -> flat_small.x', 'conv_valid.y -> flat_valid.x',
    'flat_big.y -> features.x', 'flat_small.y -> features.x', 'flat_valid.y -> features.x',
    'features.y -> hidden.x', 'hidden.y -> tanh.x', 'tanh.y -> bn.x', 'bn.y -> drop.x', 'drop.y -> logits.x',
    'logits.y -> softmax.x', 'softmax.y -> loss.pred', 'data.y -> loss.y', 'loss.loss -> opt.loss',
  ]);
}

/** The activations, a Step among them, into a cross-entropy that reads a Dense output as logits. */
function activationsGraph(): Graph {
  const nodes: NodeSpec[] = [
    IRIS,
    ['d1', 'Dense', { units: 8, init: 'normal1' }], ['relu', 'ReLU'],
    ['d2', 'Dense', { units: 8, init: 'xavierUniform' }], ['same', 'Identity'], ['sig', 'Sigmoid'],
    ['d3', 'Dense', { units: 8, init: 'normal001' }], ['step', 'Step'], ['both', 'Concat'],
    ['out', 'Dense', { units: 3 }], ['loss', 'CrossEntropy'], ['opt', 'SGD'], ['training', 'Training', { batchSize: 16, shuffle: false }],
  ];
  return makeGraph(nodes, [
    'data.x -> d1.x', 'd1.y -> relu.x', 'relu.y -> d2.x', 'd2.y -> same.x', 'same.y -> sig.x', 'sig.y -> d3.x',
    'd3.y -> step.x', 'step.y -> both.x', 'sig.y -> both.x', 'both.y -> out.x', 'out.y -> loss.pred', 'data.y -> loss.y',
    'loss.loss -> opt.loss',
  ]);
}

const STEADY = { epochs: 1, batchSize: 16, shuffle: false };
const bnMlp = (optimizer: NodeSpec) => chain(IRIS, [
  ['hidden', 'Dense', { units: 8, useBias: false, regularizer: 'l2', lambda: 0.01 }], ['bn', 'BatchNorm', { momentum: 0.7 }], ['relu', 'ReLU'],
  ['out', 'Dense', { units: 3, init: 'xavierNormal', regularizer: 'l1', lambda: 0.01 }], ['softmax', 'Softmax'],
], 'CrossEntropy', optimizer, STEADY);

/** Graphs that together hold every node kind, loss and optimiser. */
const KIND_GRAPHS: Record<string, () => Graph> = {
  images: () => imagesGraph(),
  activations: activationsGraph,
  'bce-fused': () => chain(XOR, [['h', 'Dense', { units: 4 }], ['tanh', 'Tanh'], ['o', 'Dense', { units: 1 }], ['sig', 'Sigmoid']],
    'BinaryCrossEntropy', ['opt', 'Momentum', { learningRate: 0.1, momentum: 0.8 }], { epochs: 5, batchSize: 4, shuffle: false }),
  'bce-logits': () => chain(XOR, [['h', 'Dense', { units: 4 }], ['relu', 'ReLU'], ['o', 'Dense', { units: 1 }]],
    'BinaryCrossEntropy', ['opt', 'AdaGrad', { learningRate: 0.1 }], { epochs: 5, batchSize: 2, shuffle: false }),
  'mse-one-hot': () => chain(IRIS, [['h', 'Dense', { units: 6 }], ['tanh', 'Tanh'], ['o', 'Dense', { units: 3 }], ['softmax', 'Softmax']],
    'MSE', ['opt', 'RMSProp', { learningRate: 0.01, decay: 0.9 }], STEADY),
  'mse-column': () => chain(XOR, [['h', 'Dense', { units: 4 }], ['tanh', 'Tanh'], ['o', 'Dense', { units: 1 }], ['sig', 'Sigmoid']],
    'MSE', ['opt', 'SGD', { learningRate: 0.5 }], { epochs: 5, batchSize: 4, shuffle: false }),
  'bn-adam': () => bnMlp(['opt', 'Adam', { learningRate: 0.01 }]),
};

const LAYER_KINDS = listNodeDefs().filter((d) => d.category === 'Layer' || d.category === 'Activation').map((d) => d.id);

// --- Python ----------------------------------------------------------------------------------------

function pythonWith(module: string | null): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', module ? `import ${module}` : 'pass'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return null;
}

const PYTHON = pythonWith(null);
const TORCH = pythonWith('torch');
if (!TORCH) console.warn('exportPytorch: PyTorch is not installed (python3 -c "import torch" fails), so the tests that run the scripts are skipped');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'deepwire-pytorch-'));
  dirs.push(d);
  return d;
}

/** Runs python; fails with its output when it exits with an error. */
function python(exe: string, args: string[], cwd: string, timeout = 60_000): string {
  const r = spawnSync(exe, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (r.status !== 0) throw new Error(`${exe} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The metrics of the script's last `RESULT {json}` line. */
function result(stdout: string): Record<string, number> {
  const lines = stdout.split('\n').filter((l) => l.includes('RESULT {'));
  expect(lines.length, stdout).toBeGreaterThan(0);
  return JSON.parse(lines.at(-1)!.slice(lines.at(-1)!.indexOf('{'))) as Record<string, number>;
}

/** The script, its data and (optionally) weights in a fresh folder. */
async function writeProject(graph: Graph, weights?: ReadonlyMap<string, NamedTensor>): Promise<{ dir: string; model: ExportModel }> {
  const dir = tempDir();
  const model = exportModel(graph, { name: 'test', weights });
  writeFileSync(join(dir, 'model.py'), exportPytorch(model));
  writeFileSync(join(dir, 'data.safetensors'), encodeSafetensors((await exportData(graph)).tensors));
  if (weights) writeFileSync(join(dir, 'weights.safetensors'), encodeSafetensors(weights));
  return { dir, model };
}

/**
 * The graph's initial weights nudged by seeded noise: biases, BatchNorm's γ, β and running
 * statistics away from 0 and 1, kernels by a tenth of their scale — a start where no logit is
 * exactly 0 and every parameter matters.
 */
function nudgedWeights(graph: Graph, seed: number): Map<string, NamedTensor> {
  const rng = new Random(seed);
  const weights = new Map<string, NamedTensor>();
  for (const [name, w] of exportWeights(compileGraph(graph, { dtype: 'float32' }).model)) {
    const fanIn = w.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const nudge = (v: number) => {
      if (name.endsWith('.kernel')) return v + (0.1 * rng.normal()) / Math.sqrt(fanIn);
      if (name.endsWith('.running_var')) return 0.5 + rng.uniform();
      if (name.endsWith('.gamma')) return 1 + 0.1 * rng.normal();
      return 0.1 * rng.normal();
    };
    weights.set(name, { dtype: 'float32', shape: w.shape, data: Float32Array.from(w.data, nudge) });
  }
  return weights;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const floats = (t: AnyTensorData | undefined): Float32Array | Float64Array => {
  if (!t || t.dtype === 'int32') throw new Error('expected a float tensor');
  return t.data;
};

// --- tests -------------------------------------------------------------------------------------------

describe('exportPytorch writes Python that compiles', () => {
  it('covers every layer and activation kind in the test graphs', () => {
    const used = new Set(Object.values(KIND_GRAPHS).flatMap((g) => g().nodes.map((n) => n.kind)));
    expect(LAYER_KINDS.filter((k) => !used.has(k))).toEqual([]);
  });

  it.skipIf(!PYTHON).each([...EXAMPLE_NAMES.map((n) => `example ${n}`), ...Object.keys(KIND_GRAPHS)])('%s', (name) => {
    const graph = name.startsWith('example ') ? example(name.slice('example '.length)) : KIND_GRAPHS[name]();
    const dir = tempDir();
    const files = [false, true].map((trained) => {
      const model = exportModel(graph, { name, weights: trained ? exportWeights(compileGraph(graph).model) : undefined });
      const file = join(dir, `model_${trained ? 'trained' : 'fresh'}.py`);
      writeFileSync(file, exportPytorch(model, { projectName: `${name} "quoted" \\ back\nslash` }));
      return file;
    });
    python(PYTHON!, ['-m', 'py_compile', ...files], dir);
  });
});

describe('exportPytorch writes what the engine does', () => {
  const code = exportPytorch(exportModel(imagesGraph(), { name: 'images' }));

  it('keeps images channels-last, permuting around convolutions and pooling only', () => {
    expect(code).toContain('conv_same = self.conv_same(image.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)');
    expect(code).toContain('self.conv_same = nn.Conv2d(3, 6, 3, padding=(1, 1), bias=False)');
    expect(code).toContain('flat_big = cat_big.reshape(cat_big.shape[0], -1)');
    expect(code).toContain('features = torch.cat([flat_big, flat_small, flat_valid], dim=-1)');
  });

  it('pads unevenly where the engine does: the larger half after', () => {
    // A 2x2 kernel, 'same': one row and column of padding, after.
    expect(code).toContain("# DeepWire's 'same': the larger half after\n        h = F.pad(image.permute(0, 3, 1, 2), (0, 1, 0, 1))\n" +
      '        conv_even = self.conv_even(h).permute(0, 2, 3, 1)');
    expect(code).toContain("h = F.pad(leaky.permute(0, 3, 1, 2), (0, 1, 0, 1), value=float('-inf'))");
    expect(code).toContain('h = avg_pool_inside(leaky.permute(0, 3, 1, 2), 2, 1, (0, 1, 0, 1))\n        avg_uneven = h.permute(0, 2, 3, 1)');
    expect(code).toContain('F.avg_pool2d(leaky.permute(0, 3, 1, 2), 3, stride=1, padding=(1, 1), count_include_pad=False)');
    expect(code).toContain('self.conv_dilated = nn.Conv2d(6, 4, 3, padding=(2, 2), dilation=2, bias=False)');
  });

  it('converts kernels between the layouts and keeps DeepWire\'s names', () => {
    expect(code).toContain("self.conv_same.weight.copy_(state['conv_same.kernel'].permute(3, 2, 0, 1))");
    expect(code).toContain("'conv_same.kernel': self.conv_same.weight.permute(2, 3, 1, 0),");
    expect(code).toContain("self.hidden.weight.copy_(state['hidden.kernel'].t())");
    expect(code).toContain("'bn.running_var': (8,),");
  });

  it('adds the weight decay to the loss as λΣ|W| and λΣW², and keeps BatchNorm\'s momentum convention', () => {
    expect(code).toMatch(/return \(0\.01 \* self\.conv_even\.weight\.pow\(2\)\.sum\(\)\s+\+ 0\.001 \* self\.conv_valid\.weight\.abs\(\)\.sum\(\)\)/);
    expect(code).toContain('(loss + net.penalty()).backward()');
    expect(code).toContain('self.bn_image = BatchNorm(6, momentum=0.8, eps=0.001)');
  });

  it('uses the engine\'s loss scales and optimiser settings', () => {
    const mse = exportPytorch(exportModel(KIND_GRAPHS['mse-one-hot'](), { name: 'mse' }));
    expect(mse).toContain('return 0.5 * (prediction - target).pow(2).sum() / prediction.shape[0]');
    expect(mse).toContain('return F.one_hot(y.long(), 3).to(torch.float32)');
    expect(mse).toContain('torch.optim.RMSprop(parameters, lr=lr, alpha=0.9, eps=1e-7)');
    const bce = exportPytorch(exportModel(KIND_GRAPHS['bce-fused'](), { name: 'bce' }));
    expect(bce).toContain('F.binary_cross_entropy_with_logits(loss_input, target)');
    expect(bce).toContain('torch.optim.SGD(parameters, lr=lr, momentum=0.8)');
    expect(bce).toContain('return sig, o');
    const perceptron = exportPytorch(exportModel(example('perceptron-and'), { name: 'and' }));
    expect(perceptron).toContain('self.step = Step(straight_through=True)');
    expect(perceptron).toContain('return Perceptron(parameters, lr=lr)');
  });

  it('names nodes safely and says where each line comes from', () => {
    const graph = chain(IRIS, [['x', 'Dense', { units: 3 }], ['train', 'ReLU'], ['F', 'Dense', { units: 3 }], ['for', 'Softmax']],
      'CrossEntropy', ['opt', 'Adam'], {});
    graph.nodes.find((n) => n.id === 'x')!.label = 'First\nlayer "one"';
    const text = exportPytorch(exportModel(graph, { name: 'names' }));
    expect(text).toContain('x_2 = self.x_2(x)');
    expect(text).toContain('train_2 = torch.relu(x_2)');
    expect(text).toContain('F_2 = self.F_2(train_2)');
    expect(text).toContain('return for_2, F_2');
    expect(text).toMatch(/# x: Dense.*-> \(batch, 3\)/);
  });

  it('is deterministic', () => {
    expect(exportPytorch(exportModel(imagesGraph(), { name: 'images' }))).toBe(code);
  });
});

describe.skipIf(!TORCH)('the PyTorch script, run', () => {
  it.each([
    ...Object.keys(KIND_GRAPHS).map((n) => [n, KIND_GRAPHS[n]] as const),
    ...['perceptron-and', 'mnist-cnn', 'mnist-mlp-batchnorm'].map((n) => [`example ${n}`, () => example(n)] as const),
  ])('predicts what the engine predicts: %s', async (name, make) => {
    const graph = make();
    const weights = nudgedWeights(graph, 7);
    const dir = tempDir();
    const model = exportModel(graph, { name, weights });
    writeFileSync(join(dir, 'model.py'), exportPytorch(model));
    writeFileSync(join(dir, 'weights.safetensors'), encodeSafetensors(weights));
    const shape = [24, ...model.inputShape.slice(1).map(Number)];
    const rng = new Random(11);
    const x = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
    writeFileSync(join(dir, 'in.safetensors'), encodeSafetensors(new Map([['x', { dtype: 'float32', shape, data: x }]])));
    python(TORCH!, ['model.py', '--predict', 'in.safetensors', 'out.safetensors'], dir);
    const bytes = readFileSync(join(dir, 'out.safetensors'));
    const out = decodeSafetensors(bytes).tensors;
    // The script writes safetensors byte for byte as the engine does.
    expect(new Uint8Array(bytes)).toEqual(encodeSafetensors(out));

    const compiled = compileGraph(graph, { dtype: 'float32' });
    importWeights(compiled.model, weights);
    compiled.model.eval();
    const engine = noGrad(() => compiled.model.forward(tensor(x, shape)));
    const predictionDiff = maxDiff(floats(out.get('prediction')), engine.prediction.dataSync());
    expect(predictionDiff).toBeLessThanOrEqual(1e-4);
    if (model.loss.fused) expect(maxDiff(floats(out.get('logits')), engine.lossInput.dataSync())).toBeLessThanOrEqual(1e-4);
    else expect(out.has('logits')).toBe(false);
  });

  const trainingCases: [string, () => Graph][] = [
    // Momentum, not Adam: Adam turns this net's float32 rounding into differences of 7e-4
    // (the engine's own float32 and float64 runs differ that much).
    ['images, Momentum, L1 and L2, BatchNorm on images', () => imagesGraph(0, ['opt', 'Momentum', { learningRate: 0.05 }])],
    ['activations, SGD through a Step', activationsGraph],
    ['BatchNorm, SGD', () => bnMlp(['opt', 'SGD', { learningRate: 0.1 }])],
    ['BatchNorm, Adam', KIND_GRAPHS['bn-adam']],
    ['BinaryCrossEntropy fused, Momentum', KIND_GRAPHS['bce-fused']],
    ['BinaryCrossEntropy on logits, AdaGrad', KIND_GRAPHS['bce-logits']],
    ['MSE one-hot, RMSProp', KIND_GRAPHS['mse-one-hot']],
    ['MSE column, SGD', KIND_GRAPHS['mse-column']],
    ['the perceptron rule', () => {
      const g = example('perceptron-and');
      g.nodes.find((n) => n.kind === 'Training')!.params = { epochs: 1, batchSize: 1, shuffle: false };
      return g;
    }],
  ];

  it.each(trainingCases)('trains to the engine\'s weights from the same start on the same batches: %s', async (_name, make) => {
    const graph = make();
    const compiled = compileGraph(graph, { dtype: 'float32' });
    const start = nudgedWeights(graph, 3);
    importWeights(compiled.model, start);
    const { dir } = await writeProject(graph, start);
    python(TORCH!, ['model.py', '--save', 'trained.safetensors'], dir);
    const trained = decodeSafetensors(readFileSync(join(dir, 'trained.safetensors'))).tensors;

    await new Trainer(compiled, await prepareData(compiled)).run();
    const engine = exportWeights(compiled.model);
    // The script's file loads back into DeepWire.
    importWeights(compileGraph(graph).model, trained);
    let worst = 0;
    let moved = 0;
    for (const [name, w] of engine) {
      const diff = maxDiff(floats(trained.get(name)), w.data) / Math.max(1, ...Array.from(w.data, Math.abs));
      if (diff > 2e-4) console.warn(`${name}: differs by ${diff}`);
      worst = Math.max(worst, diff);
      moved = Math.max(moved, maxDiff(start.get(name)!.data, w.data));
    }
    expect(moved, 'training changed the weights').toBeGreaterThan(1e-3);
    expect(worst).toBeLessThanOrEqual(2e-4);
  });

  it('handles regression targets: the MSE of the values, no accuracy', async () => {
    const graph = KIND_GRAPHS['mse-one-hot']();
    const weights = nudgedWeights(graph, 5);
    const model: ExportModel = { ...exportModel(graph, { name: 'regression', weights }), target: { task: 'regression', shape: [null, 3] } };
    const dir = tempDir();
    writeFileSync(join(dir, 'model.py'), exportPytorch(model));
    writeFileSync(join(dir, 'weights.safetensors'), encodeSafetensors(weights));
    const rng = new Random(2);
    const x = Float32Array.from({ length: 40 * 4 }, () => rng.normal());
    // Targets the network can learn: one per feature, squashed into the softmax's range.
    const y = Float32Array.from({ length: 40 * 3 }, (_, i) => 0.5 + 0.4 * Math.tanh(x[Math.floor(i / 3) * 4 + (i % 3)]));
    const rows = (from: number, to: number) => ({ dtype: 'int32' as const, shape: [to - from], data: Int32Array.from({ length: to - from }, (_, i) => from + i) });
    writeFileSync(join(dir, 'data.safetensors'), encodeSafetensors(new Map<string, AnyTensorData>([
      ['x', { dtype: 'float32', shape: [40, 4], data: x }], ['y', { dtype: 'float32', shape: [40, 3], data: y }],
      ['train', rows(0, 30)], ['validation', rows(30, 35)], ['test', rows(35, 40)],
    ])));
    const evaluated = result(python(TORCH!, ['model.py', '--no-train'], dir));
    const compiled = compileGraph(graph, { dtype: 'float32' });
    importWeights(compiled.model, weights);
    compiled.model.eval();
    const engineLoss = noGrad(() => meanSquaredError(compiled.model.forward(tensor(x.slice(35 * 4), [5, 4])).prediction, tensor(y.slice(35 * 3), [5, 3])).item());
    expect(Math.abs(evaluated.test_loss - engineLoss)).toBeLessThan(1e-5);
    expect(Object.keys(evaluated).sort()).toEqual(['epochs', 'test_loss', 'val_loss']);
    const trained = result(python(TORCH!, ['model.py', '--epochs', '20'], dir));
    expect(Object.keys(trained).sort()).toEqual(['epochs', 'loss', 'test_loss', 'val_loss']);
    expect(trained.test_loss).toBeLessThan(evaluated.test_loss);
  });

  it('trains the XOR example to 100% accuracy', async () => {
    const { dir } = await writeProject(example('xor-mlp'));
    const r = result(python(TORCH!, ['model.py'], dir));
    expect(r.epochs).toBe(300);
    expect(r.test_accuracy).toBe(1);
  });

  it('trains the perceptron on AND to 100% accuracy', async () => {
    const { dir } = await writeProject(example('perceptron-and'));
    expect(result(python(TORCH!, ['model.py'], dir)).test_accuracy).toBe(1);
  });

  it('trains on moons as DeepWire does: at least 95% test accuracy', async () => {
    const graph = chain(['data', 'Dataset', { source: 'moons', samples: 400, noise: 0.1 }],
      [['hidden', 'Dense', { units: 16 }], ['relu', 'ReLU'], ['out', 'Dense', { units: 2, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      'CrossEntropy', ['opt', 'Adam', { learningRate: 0.02 }], { epochs: 60, batchSize: 32 });
    const { dir } = await writeProject(graph);
    const r = result(python(TORCH!, ['model.py'], dir));
    const compiled = compileGraph(graph);
    const engine = await new Trainer(compiled, await prepareData(compiled)).run();
    expect(engine.test!.accuracy!).toBeGreaterThanOrEqual(0.95);
    expect(r.test_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.val_accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('continues from the exported weights and only evaluates with --no-train', async () => {
    const graph = example('xor-mlp');
    const compiled = compileGraph(graph);
    const prepared = await prepareData(compiled);
    const engine = await new Trainer(compiled, prepared).run();
    const { dir } = await writeProject(graph, exportWeights(compiled.model));
    const r = result(python(TORCH!, ['model.py', '--no-train'], dir));
    expect(r.epochs).toBe(0);
    expect(r.test_accuracy).toBe(engine.test!.accuracy);
    expect(Math.abs(r.test_loss - engine.test!.loss)).toBeLessThan(1e-5);
  });

  it('runs under torchrun in two processes (gloo), rank 0 reporting once', async () => {
    const { dir } = await writeProject(example('xor-mlp'));
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    // --redirects/--tee 1: torch 1.13's launcher cannot parse their default "0" on Python 3.11.
    const out = python(TORCH!, ['-m', 'torch.distributed.run', '--nproc_per_node=2', '--master_port', String(port),
      '--redirects', '1', '--tee', '1', 'model.py', '--epochs', '2'], dir, 90_000);
    expect(out.split('\n').filter((l) => l.includes('RESULT {'))).toHaveLength(1);
    expect(out).toContain('2 process(es)');
    expect(result(out).epochs).toBe(2);
  }, 100_000);
});
