import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import type { Graph } from '../graph/schema';
import { nodeDatasetSources } from '../hosts/node/mnist';
import { parseEngineMessage } from './codec';
import { EngineSession } from './EngineSession';
import { PROTOCOL_VERSION, type EngineMessage, type MessageOf } from './messages';

const example = (name: string): Graph => structuredClone(EXAMPLES.find((e) => e.name === name)!.graph);

/** A session behind a real MessageChannel, so every message is structured-cloned and transferred. */
function connect() {
  const { port1, port2 } = new MessageChannel();
  const received: EngineMessage[] = [];
  /** When the session sent each update (its own clock): what the throttle controls. */
  const updateSentAt: number[] = [];
  const waiters: { test: (m: EngineMessage) => boolean; resolve: (m: EngineMessage) => void }[] = [];
  port1.on('message', (data) => {
    const m = parseEngineMessage(data);
    received.push(m);
    for (const w of [...waiters]) if (w.test(m)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const sessionPort: MessagePort = port2;
  const session = new EngineSession({
    post: (m, transfer) => {
      if (m.type === 'update') updateSentAt.push(performance.now());
      sessionPort.postMessage(m, transfer);
    },
    now: () => performance.now(),
    yieldToHost: () => new Promise((r) => setImmediate(r)),
    sources: () => nodeDatasetSources,
    backend: 'CPU',
    threads: 1,
  });
  port2.on('message', (d) => session.handle(d));
  let nextId = 1;
  const send = (m: Record<string, unknown>) => {
    const id = nextId++;
    port1.postMessage({ id, ...m });
    return id;
  };
  const waitFor = <T extends EngineMessage['type']>(type: T, test: (m: MessageOf<T>) => boolean = () => true, timeout = 60_000) =>
    new Promise<MessageOf<T>>((resolve, reject) => {
      const found = received.find((m) => m.type === type && test(m as MessageOf<T>));
      if (found) return resolve(found as MessageOf<T>);
      const timer = setTimeout(() => reject(new Error(`no '${type}' within ${timeout} ms; got ${received.map((m) => m.type).join(', ')}`)), timeout);
      waiters.push({ test: (m) => m.type === type && test(m as MessageOf<T>), resolve: (m) => (clearTimeout(timer), resolve(m as MessageOf<T>)) });
    });
  const close = () => {
    port1.close();
    port2.close();
  };
  return { send, waitFor, received, updateSentAt, close };
}

let open: ReturnType<typeof connect> | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

async function greeted() {
  open = connect();
  const id = open.send({ type: 'hello', version: PROTOCOL_VERSION });
  const ready = await open.waitFor('ready', (m) => m.id === id);
  expect(ready).toMatchObject({ version: PROTOCOL_VERSION, backend: 'CPU', threads: 1 });
  return open;
}

describe('EngineSession handshake and errors', () => {
  it('refuses another protocol version, and anything before the handshake', async () => {
    open = connect();
    const early = open.send({ type: 'train', runId: 'r1', graph: example('xor-mlp') });
    expect((await open.waitFor('error', (m) => m.id === early)).error.message).toMatch(/before the handshake/);
    const bad = open.send({ type: 'hello', version: PROTOCOL_VERSION + 1 });
    const err = await open.waitFor('error', (m) => m.id === bad);
    expect(err.error).toMatchObject({ kind: 'protocol' });
    expect(err.error.message).toMatch(new RegExp(`version ${PROTOCOL_VERSION + 1} is not supported`));
  });

  it('rejects unknown and malformed messages with an error naming the problem', async () => {
    const c = await greeted();
    const unknown = c.send({ type: 'explode' });
    expect((await c.waitFor('error', (m) => m.id === unknown)).error.message).toMatch(/unknown message type 'explode'/);
    const malformed = c.send({ type: 'train', runId: 'bad id!', graph: { nodes: 3 } });
    const e = await c.waitFor('error', (m) => m.id === malformed);
    expect(e.error.message).toMatch(/malformed 'train' message/);
    expect(e.error.message).toMatch(/runId|graph/);
    const control = c.send({ type: 'pause', runId: 'nothing' });
    expect((await c.waitFor('error', (m) => m.id === control)).error.message).toMatch(/run 'nothing' is not training/);
  });

  it('reports a graph error with the node it belongs to', async () => {
    const c = await greeted();
    const graph = example('xor-mlp');
    graph.edges = graph.edges.filter((e) => e.target !== 'loss' || e.targetPort !== 'pred');
    c.send({ type: 'train', runId: 'broken', graph });
    const err = await c.waitFor('error', (m) => m.runId === 'broken');
    expect(err.error.kind).toBe('graph');
    expect(err.error.nodeId).toBe('loss');
  });

  it('ends a diverging run with a diverged error', async () => {
    const c = await greeted();
    const graph = example('iris-mlp');
    const opt = graph.nodes.find((n) => n.kind === 'Adam')!;
    opt.kind = 'SGD';
    opt.params = { learningRate: 100 };
    c.send({ type: 'train', runId: 'boom', graph });
    const err = await c.waitFor('error', (m) => m.runId === 'boom');
    expect(err.error.kind).toBe('diverged');
    expect(err.error.message).toMatch(/diverged at epoch \d+, batch \d+/);
  });
});

describe('EngineSession training', () => {
  it('trains xor-mlp to 100%: run-start, throttled updates with boundary and probes, done with confusion and weights', async () => {
    const c = await greeted();
    c.send({ type: 'train', runId: 'xor', graph: example('xor-mlp'), options: { boundaryResolution: 16 } });
    const start = await c.waitFor('run-start');
    expect(start).toMatchObject({ epochs: 300, batchesPerEpoch: 1, trainSamples: 4, task: 'classification', classes: 2, testIsTrain: true });
    expect(start.points!.xy).toHaveLength(8);
    expect([...start.points!.labels]).toEqual([0, 1, 1, 0]);
    expect(start.layers.map((l) => l.kind)).toContain('Dense');
    const done = await c.waitFor('done');
    expect(done.status).toBe('completed');
    expect(done.test!.accuracy).toBe(1);
    expect(done.confusion!.classes).toBe(2);
    expect([...done.confusion!.counts]).toEqual([2, 0, 0, 2]);
    expect(done.weights.map((w) => w.name)).toContain('hidden.kernel');

    const updates = c.received.filter((m): m is MessageOf<'update'> => m.type === 'update');
    // Every batch loss and every epoch arrives exactly once, in order, however they were batched.
    expect(updates.reduce((n, u) => n + u.batchLosses.length, 0)).toBe(300);
    expect(updates.flatMap((u) => u.epochs.map((e) => e.epoch))).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    updates.forEach((u, i) => i > 0 && expect(u.firstBatch).toBe(updates[i - 1].firstBatch + updates[i - 1].batchLosses.length));
    // Throttled: far fewer updates than batches, and never two within 1/20 s (the last is the final flush).
    expect(updates.length).toBeLessThan(300);
    const times = c.updateSentAt;
    expect(times).toHaveLength(updates.length);
    for (let i = 1; i < times.length - 1; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1000 / 20 - 0.01);
    // The boundary came with updates and changed as the net learned.
    const grids = updates.filter((u) => u.boundary).map((u) => u.boundary!.probs);
    expect(grids[0]).toHaveLength(16 * 16 * 2);
    expect(Math.max(...grids.at(-1)!.map((p, i) => Math.abs(p - grids[0][i])))).toBeGreaterThan(0.1);
    expect(updates.some((u) => u.probe && u.probe.layers[0].weights.kernel.bins.length === 30)).toBe(true);

    // The held model answers predictions on raw inputs.
    const id = c.send({ type: 'predict', runId: 'xor', input: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), count: 4 });
    const pred = await c.waitFor('prediction', (m) => m.id === id);
    const p1 = [1, 3, 5, 7].map((i) => pred.outputs[i]);
    expect(p1.map((p) => p > 0.5)).toEqual([false, true, true, false]);
    const wrong = c.send({ type: 'predict', runId: 'xor', input: new Float32Array(3), count: 1 });
    expect((await c.waitFor('error', (m) => m.id === wrong)).error.message).toMatch(/3 values are not 1 sample/);
  }, 60_000);

  it('honours a stop sent while the run still loads its data', async () => {
    const c = await greeted();
    c.send({ type: 'train', runId: 'early', graph: example('mnist-mlp') });
    const stop = c.send({ type: 'stop', runId: 'early' });
    await c.waitFor('ack', (m) => m.id === stop);
    const done = await c.waitFor('done', (m) => m.runId === 'early');
    expect(done.status).toBe('stopped');
    expect(c.received.filter((m) => m.type === 'update').reduce((n, u) => n + (u as MessageOf<'update'>).batchLosses.length, 0)).toBe(0);
  }, 60_000);

  it('pauses, resumes and stops a run; refuses a second run meanwhile', async () => {
    const c = await greeted();
    const graph = example('spiral-mlp');
    c.send({ type: 'train', runId: 'long', graph, options: { epochs: 2000 } });
    await c.waitFor('update');
    const busy = c.send({ type: 'train', runId: 'other', graph });
    expect((await c.waitFor('error', (m) => m.id === busy)).error.kind).toBe('busy');
    c.send({ type: 'pause', runId: 'long' });
    await c.waitFor('paused');
    const count = c.received.length;
    await new Promise((r) => setTimeout(r, 300));
    // Paused: nothing but heartbeats (none here) arrives.
    expect(c.received.slice(count).filter((m) => m.type === 'update')).toEqual([]);
    c.send({ type: 'resume', runId: 'long' });
    await c.waitFor('resumed');
    await c.waitFor('update', (u) => c.received.indexOf(u) > count);
    c.send({ type: 'stop', runId: 'long' });
    const done = await c.waitFor('done');
    expect(done.status).toBe('stopped');
    expect(done.test).toBeUndefined();
  }, 60_000);
});

describe('EngineSession: the learning lab', () => {
  const epochs = (g: Graph, n: number) => {
    g.nodes.find((x) => x.kind === 'Training')!.params.epochs = n;
    return g;
  };

  it('checks a graph\'s gradients: every tensor of xor-mlp passes, both timings reported', async () => {
    const c = await greeted();
    const id = c.send({ type: 'gradcheck', graph: example('xor-mlp') });
    const r = await c.waitFor('gradcheck-result', (m) => m.id === id);
    expect(r.tensors.map((t) => t.name).sort()).toEqual(['hidden.bias', 'hidden.kernel', 'output.bias', 'output.kernel']);
    for (const t of r.tensors) {
      expect(t.pass, t.name).toBe(true);
      expect(t.relativeError).toBeLessThan(r.threshold);
      expect(t.checked).toBeGreaterThan(0);
    }
    expect(r.backpropSeconds).toBeGreaterThanOrEqual(0);
    expect(r.numericalSeconds).toBeGreaterThan(0);
  });

  it('answers a gradient check of an invalid graph with an error naming the node', async () => {
    const c = await greeted();
    const graph = example('xor-mlp');
    graph.edges = graph.edges.filter((e) => e.target !== 'loss' || e.targetPort !== 'pred');
    const id = c.send({ type: 'gradcheck', graph });
    const err = await c.waitFor('error', (m) => m.id === id);
    expect(err.error.kind).toBe('graph');
    expect(err.error.nodeId).toBe('loss');
  });

  it('draws a hidden layer over the plane after training xor-mlp; refuses unknown nodes and runs', async () => {
    const c = await greeted();
    c.send({ type: 'train', runId: 'xor', graph: epochs(example('xor-mlp'), 30) });
    await c.waitFor('done', (m) => m.runId === 'xor');
    const id = c.send({ type: 'features', runId: 'xor', nodeId: 'tanh', resolution: 8 });
    const f = await c.waitFor('features', (m) => m.id === id);
    expect(f.units).toBe(4);
    expect(f.values).toHaveLength(4 * 64);
    for (const v of f.values) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    // A hidden unit's output varies over the plane (it is a feature, not a constant).
    const unit0 = f.values.subarray(0, 64);
    expect(Math.max(...unit0) - Math.min(...unit0)).toBeGreaterThan(0.05);
    expect(f.xRange[0]).toBeLessThan(0);
    expect(f.xRange[1]).toBeGreaterThan(1);
    const unknownNode = c.send({ type: 'features', runId: 'xor', nodeId: 'nope', resolution: 8 });
    expect((await c.waitFor('error', (m) => m.id === unknownNode)).error.message).toMatch(/'nope' is not a layer/);
    const unknownRun = c.send({ type: 'features', runId: 'other', nodeId: 'tanh', resolution: 8 });
    expect((await c.waitFor('error', (m) => m.id === unknownRun)).error.message).toMatch(/does not hold run 'other'/);
  });

  it('never evaluates the test split when evaluateTest is false; validation metrics still come', async () => {
    const c = await greeted();
    const graph = epochs(example('iris-mlp'), 3);
    graph.nodes.find((x) => x.kind === 'Training')!.params.validationSplit = 0.2;
    c.send({ type: 'train', runId: 'trial', graph, options: { evaluateTest: false } });
    const done = await c.waitFor('done', (m) => m.runId === 'trial');
    expect(done.status).toBe('completed');
    expect(done.test).toBeUndefined();
    expect(done.confusion).toBeUndefined();
    const updates = c.received.filter((m): m is MessageOf<'update'> => m.type === 'update' && m.runId === 'trial');
    const last = updates.flatMap((u) => u.epochs).at(-1)!;
    expect(last.epoch).toBe(3);
    expect(last.valAccuracy).toBeGreaterThan(0);
    // The same run with the default does evaluate on the test split.
    c.send({ type: 'train', runId: 'normal', graph });
    const normal = await c.waitFor('done', (m) => m.runId === 'normal');
    expect(normal.test?.accuracy).toBeGreaterThan(0);
    expect(normal.confusion).toBeDefined();
  });
});

describe('EngineSession and the user\'s data files', () => {
  const csv = new TextEncoder().encode(['a,b,label', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 1 : -1},${(i % 5) / 5},${i % 2 ? 'yes' : 'no'}`)].join('\n'));
  const graphWith = (params: Record<string, unknown>): Graph => ({
    nodes: [
      { id: 'data', kind: 'DataFile', position: { x: 0, y: 0 }, params },
      { id: 'out', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: 2 } },
      { id: 'loss', kind: 'CrossEntropy', position: { x: 0, y: 0 }, params: {} },
      { id: 'opt', kind: 'Adam', position: { x: 0, y: 0 }, params: { learningRate: 0.1 } },
      { id: 'train', kind: 'Training', position: { x: 0, y: 0 }, params: { epochs: 20, batchSize: 8 } },
    ],
    edges: [
      { id: 'e1', source: 'data', sourcePort: 'x', target: 'out', targetPort: 'x' },
      { id: 'e2', source: 'out', sourcePort: 'y', target: 'loss', targetPort: 'pred' },
      { id: 'e3', source: 'data', sourcePort: 'y', target: 'loss', targetPort: 'y' },
      { id: 'e4', source: 'loss', sourcePort: 'loss', target: 'opt', targetPort: 'loss' },
    ],
  });

  it('imports a Blob (a picked file), keeps it, and trains on it; another engine must be given it first', async () => {
    const s = await greeted();
    const id = s.send({ type: 'import-data', request: { format: 'csv', file: { name: 'pts.csv', path: '', data: new Blob([csv]) } } });
    const imported = await s.waitFor('data-imported', (m) => m.id === id);
    expect(imported.preview.header).toEqual(['a', 'b', 'label']);
    expect(imported.params.info).toMatchObject({ featureShape: [2], classes: 2, samples: 40 });
    const graph = graphWith(imported.params);
    s.send({ type: 'train', runId: 'own', graph });
    const done = await s.waitFor('done', (m) => m.runId === 'own');
    expect(done.test?.accuracy).toBe(1);

    s.close();
    const fresh = await greeted();
    fresh.send({ type: 'train', runId: 'again', graph });
    const error = await fresh.waitFor('error', (m) => m.runId === 'again');
    expect(error.error).toMatchObject({ kind: 'data' });
    expect(error.error.message).toMatch(/'pts\.csv' is not available/);
    const sha256 = (imported.params.files as { sha256: string }[])[0].sha256;
    const wrong = fresh.send({ type: 'put-data', sha256, data: new Uint8Array([1, 2, 3]) });
    expect((await fresh.waitFor('error', (m) => m.id === wrong)).error.message).toMatch(/SHA-256/);
    const put = fresh.send({ type: 'put-data', sha256, data: csv.slice() });
    await fresh.waitFor('ack', (m) => m.id === put);
    fresh.send({ type: 'train', runId: 'third', graph });
    expect((await fresh.waitFor('done', (m) => m.runId === 'third')).status).toBe('completed');
  });
});
