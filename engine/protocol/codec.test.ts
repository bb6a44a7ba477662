import { describe, expect, it } from 'vitest';
import { GraphError } from '../graph/compile';
import { TrainingDivergedError } from '../train/Trainer';
import { errorInfo, parseClientMessage, parseEngineMessage, ProtocolError, transferables } from './codec';
import { ClientMessageSchema, EngineMessageSchema, PROTOCOL_VERSION, type ClientMessage, type EngineMessage } from './messages';

const hist = (n = 4) => ({ min: -1, max: 1, mean: 0, std: 0.5, count: n, nonFinite: 0, bins: Uint32Array.from({ length: n }, (_, i) => i) });
const graph = { nodes: [{ id: 'a', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: 3 } }], edges: [] };

/** One example of every message type, both directions. */
const CLIENT: ClientMessage[] = [
  { type: 'hello', id: 1, version: PROTOCOL_VERSION, dataBase: 'http://127.0.0.1:5173/' },
  { type: 'train', id: 2, runId: 'run-1', graph, options: { epochs: 3, updateRate: 10, histogramBins: 20, boundaryResolution: 32, sampleImages: 8 } },
  { type: 'pause', id: 3, runId: 'run-1' },
  { type: 'resume', id: 4, runId: 'run-1' },
  { type: 'stop', id: 5, runId: 'run-1' },
  { type: 'predict', id: 6, runId: 'run-1', input: new Float32Array([0.5, 0.25]), count: 1 },
  { type: 'gradcheck', id: 7, graph, options: { threshold: 1e-6, samplesPerTensor: 10, batchRows: 8 } },
  { type: 'features', id: 8, runId: 'run-1', nodeId: 'a', resolution: 16 },
  { type: 'put-data', id: 12, sha256: 'a'.repeat(64), data: new Uint8Array([1, 2, 3]) },
  { type: 'import-data', id: 13, request: { format: 'csv', file: { name: 'a.csv', path: '', data: new Uint8Array([97, 10]) }, options: { delimiter: ',', columns: { 0: { role: 'ignore' } } } } },
  { type: 'export', id: 14, target: 'onnx', project: { format: 'deepwire' }, weights: [{ name: 'a.kernel', shape: [1], data: new Float32Array(1) }] },
];

const ENGINE: EngineMessage[] = [
  { type: 'ready', id: 1, version: PROTOCOL_VERSION, backend: 'CPU', threads: 2 },
  { type: 'ack', id: 2 },
  { type: 'error', id: 3, runId: 'run-1', error: { name: 'GraphError', message: 'bad', kind: 'graph', nodeId: 'a' } },
  {
    type: 'run-start', runId: 'run-1', epochs: 10, batchesPerEpoch: 5, trainSamples: 160, validationSamples: 20, testSamples: 20, testIsTrain: false,
    parameters: 42, task: 'classification', classes: 2, classNames: ['no', 'yes'], featureShape: [2],
    layers: [{ nodeId: 'a', kind: 'Dense', params: ['kernel', 'bias'] }], backend: 'CPU', threads: 1, threadsLimited: 'no-shared-memory',
    points: { xy: new Float32Array([0, 1, 1, 0]), labels: new Uint8Array([0, 1]), xRange: [-1, 2], yRange: [-1, 2] },
  },
  {
    type: 'update', runId: 'run-1', epoch: 2, batch: 3, batches: 5, samplesPerSec: 1234.5, etaSeconds: 3.5, firstBatch: 7,
    batchLosses: new Float32Array([0.5, 0.4]),
    epochs: [{ epoch: 1, loss: 0.6, accuracy: 0.7, valLoss: Number.NaN, valAccuracy: 0.65, seconds: 0.1, samplesPerSec: 1600 }],
    probe: { epoch: 2, batch: 3, layers: [{ nodeId: 'a', activations: hist(), weights: { kernel: hist(), bias: hist(2) }, gradients: { kernel: hist() } }] },
    boundary: { resolution: 2, classes: 2, probs: new Float32Array(8).fill(0.5) },
    samples: { images: new Float32Array(4), shape: [2, 2, 1], labels: new Uint8Array([1]), predicted: new Uint8Array([0]), confidence: new Float32Array([0.9]) },
  },
  { type: 'paused', runId: 'run-1' },
  { type: 'resumed', runId: 'run-1' },
  {
    type: 'done', runId: 'run-1', status: 'completed', seconds: 12.5, test: { loss: 0.1, accuracy: 0.95 },
    confusion: { classes: 2, counts: new Uint32Array([9, 1, 0, 10]) },
    weights: [{ name: 'a.kernel', shape: [2, 3], data: new Float32Array(6) }, { name: 'a.bias', shape: [3], data: new Float64Array(3) }],
  },
  { type: 'prediction', id: 9, outputs: new Float32Array([0.2, 0.8]), count: 1 },
  {
    type: 'gradcheck-result', id: 10, threshold: 1e-5, backpropSeconds: 0.002, numericalSeconds: 0.4, notes: [{ key: 'run.gradcheck.dropoutOff' }],
    tensors: [{ name: 'a.kernel', shape: [2, 3], checked: 6, relativeError: 3e-9, pass: true }],
  },
  { type: 'features', id: 11, nodeId: 'a', units: 3, resolution: 2, values: new Float32Array(12), xRange: [-1, 2], yRange: [-1, 2] },
  { type: 'heartbeat', time: 123.4 },
  { type: 'import-progress', id: 13, bytes: 10, total: 20 },
  {
    type: 'data-imported', id: 13, params: { format: 'csv' }, packed: [{ sha256: 'b'.repeat(64), bytes: new Uint8Array(2) }],
    preview: { header: ['x'], rows: [['1']], problems: [{ line: 3, column: 'x', reason: 'bad' }], samples: { pixels: new Float32Array(4), labels: new Uint16Array(1), shape: [1, 2, 2, 1] }, skipped: ['a.txt'] },
  },
  { type: 'exported', id: 14, files: [{ name: 'model.onnx', bytes: new Uint8Array(3) }] },
  { type: 'device-fallback', runId: 'run-1', reason: 'lost', message: 'The GPU (X) was lost: destroyed. The run can continue on the CPU.', resumeEpoch: 3 },
];

/** Through structuredClone with the buffers transferred: what postMessage does. */
function overTheWire<T>(m: T): T {
  return structuredClone(m, { transfer: transferables(m) });
}

describe('protocol messages', () => {
  it('has an example here for every message type of the schemas', () => {
    const types = (s: { options: readonly { shape: { type: { value: unknown } } }[] }) => s.options.map((o) => o.shape.type.value).sort();
    expect(CLIENT.map((m) => m.type).sort()).toEqual(types(ClientMessageSchema));
    expect(ENGINE.map((m) => m.type).sort()).toEqual(types(EngineMessageSchema));
  });

  it.each(CLIENT.map((m) => [m.type, m] as const))('%s to the engine round-trips', (_type, m) => {
    expect(parseClientMessage(overTheWire(structuredClone(m)))).toEqual(m);
  });

  it.each(ENGINE.map((m) => [m.type, m] as const))('%s from the engine round-trips', (_type, m) => {
    expect(parseEngineMessage(overTheWire(structuredClone(m)))).toEqual(m);
  });

  it('hands typed arrays over instead of copying them', () => {
    const update = structuredClone(ENGINE.find((m) => m.type === 'update')!);
    const buffers = transferables(update);
    // batch losses, 3 histograms' bins… each buffer once.
    expect(buffers.length).toBe(new Set(buffers).size);
    expect(buffers.length).toBeGreaterThanOrEqual(9);
    structuredClone(update, { transfer: buffers });
    expect((update as { batchLosses: Float32Array }).batchLosses.length).toBe(0); // detached
    // A view onto part of a buffer is copied, never transferred (it would take the rest with it).
    const big = new Float32Array(10);
    expect(transferables({ x: big.subarray(2, 4) })).toEqual([]);
  });

  it.each([
    [null, /expected a message object, received null/],
    [[1, 2], /received an array/],
    ['hello', /received a string/],
    [{ id: 1 }, /has no 'type'/],
    [{ type: 'launch-missiles', id: 1 }, /unknown message type 'launch-missiles'/],
    [{ type: 'hello', id: -1, version: 1 }, /malformed 'hello' message — id:/],
    [{ type: 'train', id: 1, runId: '../etc', graph }, /malformed 'train' message — runId:/],
    [{ type: 'train', id: 1, runId: 'r', graph: { nodes: 'x', edges: [] } }, /graph\.nodes/],
    [{ type: 'predict', id: 1, runId: 'r', input: [0.5, 0.25], count: 1 }, /input: expected a Float32Array/],
    [{ type: 'predict', id: 1, runId: 'r', input: new Float32Array(2), count: 0 }, /count/],
  ])('rejects %j sent to the engine', (data, message) => {
    expect(() => parseClientMessage(data)).toThrow(ProtocolError);
    expect(() => parseClientMessage(data)).toThrow(message);
  });

  it.each([
    [{ type: 'update', runId: 'r' }, /malformed 'update' message/],
    [{ type: 'done', runId: 'r', status: 'exploded', seconds: 1, weights: [] }, /status/],
    [{ type: 'ready', id: 1, version: 1, backend: 'CPU', threads: 0 }, /threads/],
    [{ type: 'error', error: { name: 'E', message: 'm', kind: 'cosmic-ray' } }, /error\.kind/],
    [{ type: 'hello', id: 1, version: 1 }, /unknown message type 'hello'/],
  ])('rejects %j from the engine', (data, message) => {
    expect(() => parseEngineMessage(data)).toThrow(message);
  });

  it('turns errors into what travels, with their kind and node', () => {
    const graphError = new GraphError([{ severity: 'error', nodeId: 'dense1', message: 'needs units' }] as never, { nodes: [{ id: 'dense1', kind: 'Dense', position: { x: 0, y: 0 }, params: {} }], edges: [] });
    expect(errorInfo(graphError)).toMatchObject({ kind: 'graph', nodeId: 'dense1', name: 'GraphError' });
    expect(errorInfo(new TrainingDivergedError(2, 3, Number.NaN))).toMatchObject({ kind: 'diverged' });
    const oom = errorInfo(new RangeError('Array buffer allocation failed'));
    expect(oom.kind).toBe('memory');
    expect(oom.message).toMatch(/ran out of memory .* smaller batch size/);
    const internal = errorInfo(new TypeError('x is undefined'));
    expect(internal.kind).toBe('internal');
    expect(internal.stack).toMatch(/TypeError/);
    expect(errorInfo('a string')).toMatchObject({ kind: 'internal', message: 'a string' });
  });
});
