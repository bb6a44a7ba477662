/**
 * The Keras export. TensorFlow is not available where these tests run, so: every example and
 * a graph of every node kind compile as Python; the code says what the engine does; and, with
 * NumPy, the script imports (against a stand-in `keras` module) and its NumPy parts — the
 * safetensors reader and writer, the target layouts, the weight check — are run for real.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../graph/compile';
import { makeGraph, type NodeSpec } from '../graph/makeGraph';
import { isKnownKind, listNodeDefs } from '../graph/registry';
import type { Graph } from '../graph/schema';
import { exportWeights } from '../graph/weights';
import { loadProject } from '../project';
import { decodeSafetensors, encodeSafetensors, type AnyTensorData } from '../project/safetensors';
import { exportData } from './data';
import { exportKeras } from './keras';
import { exportModel } from './model';

const EXAMPLES_DIR = join(__dirname, '..', '..', 'assets', 'examples');
const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.dwire')).map((f) => f.slice(0, -'.dwire'.length)).sort();

function example(name: string): Graph {
  const loaded = loadProject(readFileSync(join(EXAMPLES_DIR, `${name}.dwire`)), { isKnownKind });
  if (!loaded.ok) throw loaded.error;
  return loaded.project.graph;
}

const IRIS: NodeSpec = ['data', 'Dataset', { source: 'iris', normalize: 'standardize' }];
const XOR: NodeSpec = ['data', 'Dataset', { source: 'xor' }];

function chain(data: NodeSpec, layers: readonly NodeSpec[], loss: string, optimizer: NodeSpec): Graph {
  const ids = [data[0], ...layers.map((l) => l[0])];
  return makeGraph([data, ...layers, ['loss', loss], optimizer, ['training', 'Training', { epochs: 3, batchSize: 8 }]], [
    ...ids.slice(1).map((id, i) => `${ids[i]}.${i === 0 ? 'x' : 'y'} -> ${id}.x`),
    `${ids.at(-1)!}.y -> loss.pred`, `${data[0]}.y -> loss.y`, 'loss.loss -> opt.loss',
  ]);
}

/** Every layer kind on images: each padding case of convolution and pooling, merges, BatchNorm twice. */
function imagesGraph(): Graph {
  return makeGraph([
    IRIS,
    ['expand', 'Dense', { units: 48, init: 'heUniform' }], ['image', 'Reshape', { shape: '4, 4, 3' }],
    ['conv_same', 'Conv2D', { filters: 6, kernelSize: 3, padding: 'same', init: 'xavierUniform' }],
    ['conv_even', 'Conv2D', { filters: 6, kernelSize: 2, stride: 2, padding: 'same', useBias: false, regularizer: 'l2', lambda: 0.01 }],
    ['conv_dilated', 'Conv2D', { filters: 6, kernelSize: 3, dilation: 2, padding: 'same', regularizer: 'l1', lambda: 0.001 }],
    ['sum', 'Add'], ['bn_image', 'BatchNorm', { momentum: 0.8, epsilon: 0.001 }], ['leaky', 'LeakyReLU', { alpha: 0.2 }],
    ['max_same', 'MaxPool2D', { poolSize: 3, stride: 2, padding: 'same' }], ['avg_same', 'AvgPool2D', { poolSize: 2, stride: 1, padding: 'same' }],
    ['avg_valid', 'AvgPool2D', { poolSize: 2 }], ['cat', 'Concat'], ['flat', 'Flatten'],
    ['hidden', 'Dense', { units: 8, init: 'normal1' }], ['bn', 'BatchNorm'], ['tanh', 'Tanh'], ['drop', 'Dropout', { rate: 0.3 }],
    ['logits', 'Dense', { units: 3, init: 'zeros' }], ['softmax', 'Softmax'],
    ['loss', 'CrossEntropy'], ['opt', 'Adam', { learningRate: 0.01 }], ['training', 'Training', { epochs: 2, batchSize: 16 }],
  ], [
    'data.x -> expand.x', 'expand.y -> image.x', 'image.y -> conv_same.x', 'image.y -> conv_dilated.x', 'conv_same.y -> sum.x',
    'conv_dilated.y -> sum.x', 'sum.y -> bn_image.x', 'bn_image.y -> leaky.x', 'leaky.y -> max_same.x', 'image.y -> conv_even.x',
    'leaky.y -> avg_same.x', 'avg_same.y -> avg_valid.x', 'max_same.y -> cat.x', 'avg_valid.y -> cat.x', 'conv_even.y -> cat.x',
    'cat.y -> flat.x', 'flat.y -> hidden.x', 'hidden.y -> bn.x', 'bn.y -> tanh.x', 'tanh.y -> drop.x', 'drop.y -> logits.x',
    'logits.y -> softmax.x', 'softmax.y -> loss.pred', 'data.y -> loss.y', 'loss.loss -> opt.loss',
  ]);
}

const GRAPHS: Record<string, () => Graph> = {
  images: imagesGraph,
  activations: () => chain(IRIS, [['d1', 'Dense', { units: 8, init: 'heNormal' }], ['relu', 'ReLU'], ['same', 'Identity'],
    ['sig', 'Sigmoid'], ['d2', 'Dense', { units: 8, init: 'normal001' }], ['step', 'Step'], ['out', 'Dense', { units: 3, init: 'xavierNormal' }]],
  'CrossEntropy', ['opt', 'SGD']),
  'bce-fused': () => chain(XOR, [['h', 'Dense', { units: 4 }], ['tanh', 'Tanh'], ['o', 'Dense', { units: 1 }], ['sig', 'Sigmoid']],
    'BinaryCrossEntropy', ['opt', 'Momentum', { momentum: 0.8 }]),
  'bce-logits': () => chain(XOR, [['h', 'Dense', { units: 4 }], ['o', 'Dense', { units: 1 }]], 'BinaryCrossEntropy', ['opt', 'AdaGrad']),
  'mse-one-hot': () => chain(IRIS, [['o', 'Dense', { units: 3 }], ['softmax', 'Softmax']], 'MSE', ['opt', 'RMSProp', { decay: 0.9 }]),
};

const PYTHON = (() => {
  for (const candidate of ['python3', '/usr/bin/python3']) if (spawnSync(candidate, ['-c', 'pass']).status === 0) return candidate;
  return null;
})();
const NUMPY = (() => {
  for (const candidate of ['python3', '/usr/bin/python3']) if (spawnSync(candidate, ['-c', 'import numpy']).status === 0) return candidate;
  return null;
})();
if (!NUMPY) console.warn('exportKeras: NumPy is not installed, so the tests that run the script\'s NumPy code are skipped');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'deepwire-keras-'));
  dirs.push(d);
  return d;
}

function python(exe: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(exe, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env } });
  if (r.status !== 0) throw new Error(`${exe} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('exportKeras writes Python that compiles', () => {
  it('covers every layer and activation kind in the test graphs', () => {
    const used = new Set(Object.values(GRAPHS).flatMap((g) => g().nodes.map((n) => n.kind)));
    const kinds = listNodeDefs().filter((d) => d.category === 'Layer' || d.category === 'Activation').map((d) => d.id);
    expect(kinds.filter((k) => !used.has(k))).toEqual([]);
  });

  it.skipIf(!PYTHON).each([...EXAMPLE_NAMES.map((n) => `example ${n}`), ...Object.keys(GRAPHS)])('%s', (name) => {
    const graph = name.startsWith('example ') ? example(name.slice('example '.length)) : GRAPHS[name]();
    const dir = tempDir();
    const files = [false, true].map((trained) => {
      const model = exportModel(graph, { name, weights: trained ? exportWeights(compileGraph(graph).model) : undefined });
      const file = join(dir, `model_${trained ? 'trained' : 'fresh'}.py`);
      writeFileSync(file, exportKeras(model, { projectName: `${name} """ \\` }));
      return file;
    });
    python(PYTHON!, ['-m', 'py_compile', ...files], dir);
  });
});

describe('exportKeras writes what the engine does', () => {
  /** The code with wrapped argument lists joined back onto one line. */
  const code = exportKeras(exportModel(imagesGraph(), { name: 'images' })).replace(/,\n +/g, ', ');

  it('maps each layer to its Keras twin, channels-last with DeepWire\'s padding split', () => {
    expect(code).toContain("conv_even = layers.Conv2D(6, 2, strides=2, padding='same', kernel_initializer=he_normal(), use_bias=False, " +
      "kernel_regularizer=keras.regularizers.L2(0.01), name='conv_even')(image)");
    expect(code).toContain("kernel_regularizer=keras.regularizers.L1(0.001)");
    expect(code).toContain("max_same = layers.MaxPooling2D(pool_size=3, strides=2, padding='same', name='max_same')(leaky)");
    // Layers keep the node ids as names; the variable avoids shadowing Python's sum.
    expect(code).toContain("sum_2 = layers.Add(name='sum')([conv_same, conv_dilated])");
    expect(code).toContain("bn_image = layers.BatchNormalization(momentum=0.8, epsilon=0.001, name='bn_image')(sum_2)");
    expect(code).toContain("leaky = layers.LeakyReLU(negative_slope=0.2, name='leaky')(bn_image)");
    expect(code).toContain("cat = layers.Concatenate(axis=-1, name='cat')([max_same, avg_valid, conv_even])");
    expect(code).toContain("image = layers.Reshape((4, 4, 3), name='image')(expand)");
    expect(code).toContain("'bn': ('bn.gamma', 'bn.beta', 'bn.running_mean', 'bn.running_var'),");
  });

  it('draws normal initialisers untruncated, as DeepWire does', () => {
    expect(code).toContain("return keras.initializers.VarianceScaling(2.0, mode='fan_in', distribution='untruncated_normal')");
    expect(code).toContain("hidden = layers.Dense(8, kernel_initializer=keras.initializers.RandomNormal(stddev=1.0), name='hidden')(flat)");
    expect(code).not.toContain('GlorotNormal');
  });

  it('fuses the loss as DeepWire does and names where Keras differs', () => {
    expect(code).toContain('return model, keras.Model(x, logits)');
    expect(code).toContain('LOSS = keras.losses.SparseCategoricalCrossentropy(from_logits=True)');
    expect(code).toContain('Adam adds epsilon to sqrt(v) where DeepWire adds it to sqrt(v_hat)');
    expect(code).toContain('The loss Keras prints includes the weight decay penalty');
    const bce = exportKeras(exportModel(GRAPHS['bce-fused'](), { name: 'bce' }));
    expect(bce).toContain("METRICS = [keras.metrics.BinaryAccuracy(name='accuracy', threshold=0.0)]");
    expect(bce).toContain('keras.optimizers.SGD(learning_rate=lr, momentum=0.8)');
    const mse = exportKeras(exportModel(GRAPHS['mse-one-hot'](), { name: 'mse' }));
    expect(mse).toContain('return 0.5 * ops.sum(ops.square(prediction - ops.cast(target, prediction.dtype)), axis=-1)');
    expect(mse).toContain('keras.optimizers.RMSprop(learning_rate=lr, rho=0.9, epsilon=1e-7)');
    const adagrad = exportKeras(exportModel(GRAPHS['bce-logits'](), { name: 'adagrad' }));
    expect(adagrad).toContain('initial_accumulator_value=0.0');
    expect(adagrad).toContain("threshold=0.5");
  });

  it('trains the perceptron exactly: SGD with the Step passing the gradient straight through', () => {
    const text = exportKeras(exportModel(example('perceptron-and'), { name: 'and' }));
    expect(text).toContain("step = Step(straight_through=True, name='step')(neuron)");
    expect(text).toContain('return keras.optimizers.SGD(learning_rate=lr)');
    expect(text).toContain("return y.astype('float32').reshape(-1, 1)");
  });
});

/** A stand-in `keras` module: any attribute, call or subclass works, so the script imports. */
const KERAS_STUB = `class _Anything:
    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return _Anything()

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        return _Anything()


def __getattr__(name):
    if name.startswith('__'):
        raise AttributeError(name)
    return _Anything()
`;

/** Imports the script with the stand-in keras and runs `body` (Python, `m` is the module); returns its JSON output. */
function runWithStub(script: string, dir: string, body: string): unknown {
  mkdirSync(join(dir, 'stub', 'keras'), { recursive: true });
  writeFileSync(join(dir, 'stub', 'keras', '__init__.py'), KERAS_STUB);
  writeFileSync(join(dir, 'model_keras.py'), script);
  writeFileSync(join(dir, 'check.py'), `import importlib.util
import json
import sys

import numpy as np

spec = importlib.util.spec_from_file_location('exported', 'model_keras.py')
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
${body}
`);
  return JSON.parse(python(NUMPY!, ['check.py'], dir, { PYTHONPATH: join(dir, 'stub') }));
}

describe.skipIf(!NUMPY)('the Keras script\'s NumPy code, run', () => {
  it('reads the data file as the engine wrote it and lays out the targets for the loss', async () => {
    for (const name of ['images', 'mse-one-hot', 'bce-fused']) {
      const graph = GRAPHS[name]();
      const dir = tempDir();
      const data = await exportData(graph);
      writeFileSync(join(dir, 'data.safetensors'), encodeSafetensors(data.tensors));
      const out = runWithStub(exportKeras(exportModel(graph, { name })), dir, `
x, y, splits = m.load_data('data.safetensors')
t = m.loss_targets(y)
print(json.dumps({'x': [list(x.shape), str(x.dtype), float(x.sum())], 'y': y.tolist(), 't': [list(t.shape), str(t.dtype), t.tolist()],
                  'splits': {k: v.tolist() for k, v in splits.items()}}))`) as {
        x: [number[], string, number]; y: number[]; t: [number[], string, number[][] | number[]]; splits: Record<string, number[]>;
      };
      const x = data.tensors.get('x')!;
      expect(out.x[0]).toEqual(x.shape);
      expect(out.x[1]).toBe('float32');
      expect(out.x[2]).toBeCloseTo(Array.from(x.data as Float32Array).reduce((a, b) => a + b, 0), 2);
      expect(out.y).toEqual(Array.from(data.tensors.get('y')!.data));
      for (const s of ['train', 'validation', 'test']) expect(out.splits[s]).toEqual(Array.from(data.tensors.get(s)!.data));
      const n = out.y.length;
      if (name === 'mse-one-hot') {
        expect(out.t[0]).toEqual([n, 3]);
        expect((out.t[2] as number[][]).map((row) => row.indexOf(1))).toEqual(out.y);
      } else if (name === 'bce-fused') {
        expect(out.t[0]).toEqual([n, 1]);
        expect(out.t[1]).toBe('float32');
      } else {
        expect(out.t).toEqual([[n], 'int32', out.y]);
      }
    }
  });

  it('writes safetensors byte for byte as the engine does, and the engine reads them back', () => {
    const dir = tempDir();
    const out = runWithStub(exportKeras(exportModel(GRAPHS.activations(), { name: 'a' })), dir, `
m.save_safetensors({'w': np.arange(6, dtype=np.float32).reshape(2, 3), 'rows': np.array([1, -2], dtype=np.int32),
                    'z': np.array(0.25), 'e': np.zeros((2, 0), dtype=np.float32)}, 'out.safetensors')
back = m.load_safetensors('out.safetensors')
print(json.dumps({k: [list(v.shape), str(v.dtype), v.ravel().tolist()] for k, v in sorted(back.items())}))`);
    const bytes = readFileSync(join(dir, 'out.safetensors'));
    const tensors = new Map<string, AnyTensorData>([
      ['w', { dtype: 'float32', shape: [2, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) }],
      ['rows', { dtype: 'int32', shape: [2], data: Int32Array.of(1, -2) }],
      ['z', { dtype: 'float64', shape: [], data: Float64Array.of(0.25) }],
      ['e', { dtype: 'float32', shape: [2, 0], data: new Float32Array(0) }],
    ]);
    expect(new Uint8Array(bytes)).toEqual(encodeSafetensors(tensors));
    expect(decodeSafetensors(bytes, { int32: true }).tensors.get('rows')).toEqual(tensors.get('rows'));
    expect(out).toEqual({
      e: [[2, 0], 'float32', []], rows: [[2], 'int32', [1, -2]], w: [[2, 3], 'float32', [0, 1, 2, 3, 4, 5]], z: [[], 'float64', [0.25]],
    });
  });

  it('takes regression values as they are, with no accuracy', () => {
    const base = exportModel(GRAPHS['mse-one-hot'](), { name: 'regression' });
    const dir = tempDir();
    const out = runWithStub(exportKeras({ ...base, target: { task: 'regression', shape: [null, 3] } }), dir, `
t = m.loss_targets(np.array([[0.5, -1, 2]], dtype=np.float32))
print(json.dumps({'t': [str(t.dtype), t.tolist()], 'metrics': len(m.METRICS)}))`);
    expect(out).toEqual({ t: ['float32', [[0.5, -1, 2]]], metrics: 0 });
  });

  it('knows every tensor of the network and refuses weights of another graph, naming them', () => {
    const graph = imagesGraph();
    const model = exportModel(graph, { name: 'images' });
    const dir = tempDir();
    const out = runWithStub(exportKeras(model), dir, `
shapes = {k: list(v) for k, v in m.DEEPWIRE_SHAPES.items()}
names = sorted(n for names in m.DEEPWIRE_WEIGHTS.values() for n in names)
state = {k: np.zeros(v, dtype=np.float32) for k, v in m.DEEPWIRE_SHAPES.items()}
m.check_deepwire_state(state)
state['hidden.kernel'] = np.zeros((2, 2), dtype=np.float32)
del state['bn.beta']
state['ghost.kernel'] = np.zeros(1)
try:
    m.check_deepwire_state(state)
    message = None
except SystemExit as e:
    message = str(e)
print(json.dumps({'shapes': shapes, 'names': names, 'message': message}))`) as { shapes: Record<string, number[]>; names: string[]; message: string };
    expect(out.shapes).toEqual(Object.fromEntries([...model.weights].map(([k, w]) => [k, w.shape])));
    expect(out.names).toEqual([...model.weights.keys()].sort());
    expect(out.message).toMatch(/'bn\.beta' is missing/);
    expect(out.message).toMatch(/'ghost\.kernel' does not belong to this network/);
    expect(out.message).toContain(`'hidden.kernel' has shape (2, 2), the network needs (${model.weights.get('hidden.kernel')!.shape.join(', ')})`);
  });
});
