import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../engine/graph/compile';
import { importWeights } from '../engine/graph/weights';
import { main } from '../engine/hosts/node/cli';
import { nodeWebGpuBackend } from '../engine/hosts/node/webgpu';
import { loadProject, saveProject, createProject } from '../engine/project';
import { prepareData } from '../engine/train/prepareData';
import { Trainer } from '../engine/train/Trainer';
import { makeGraph } from '../engine/graph/makeGraph';

const example = (name: string) => join(__dirname, '..', 'assets', 'examples', `${name}.dwire`);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // env: {}: English whatever the machine's LANG (cliKorean.test.ts covers Korean).
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out, err };
}

describe('deepwire CLI', () => {
  it('validate prints each node with its output shape', async () => {
    const r = await run('validate', example('mnist-mlp'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('mnist (Dataset): x (batch, 28, 28, 1), y 10 classes');
    expect(r.out).toContain('flatten (Flatten): y (batch, 784)');
    expect(r.out).toContain('hidden1 (Dense): y (batch, 100)');
    expect(r.err).toEqual([]);
  });

  it('validate exits 1 listing every error as `node <id> (<kind>): <message>`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-'));
    const file = join(dir, 'broken.dwire');
    const graph = makeGraph([['data', 'Dataset', { source: 'mnist' }], ['h', 'Dense', { units: 10 }], ['ce', 'CrossEntropy'], ['x', 'Tanh']],
      ['data.x -> h.x', 'h.y -> ce.pred', 'data.y -> ce.y']);
    await writeFile(file, saveProject(createProject('broken', graph)));
    const r = await run('validate', file);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(expect.arrayContaining([
      expect.stringMatching(/^node h \(Dense\): expects \(batch, features\), got \(batch, 28, 28, 1\) — add Flatten$/),
      "node x (Tanh): input 'x' is not connected",
      expect.stringMatching(/^graph: the graph has no optimizer node/),
    ]));
  });

  it('train xor-mlp --seed 1 reaches accuracy 1.0 and prints JSON lines', async () => {
    const r = await run('train', example('xor-mlp'), '--seed', '1', '--json');
    expect(r.code).toBe(0);
    const lines = r.out.map((l) => JSON.parse(l));
    const epochs = lines.filter((l) => l.event === 'epoch');
    expect(epochs).toHaveLength(300);
    expect(epochs[0]).toEqual(expect.objectContaining({ epoch: 1, loss: expect.any(Number), accuracy: expect.any(Number), samplesPerSec: expect.any(Number) }));
    const done = lines.at(-1);
    expect(done).toEqual(expect.objectContaining({ event: 'done', testAccuracy: 1, seconds: expect.any(Number) }));
    expect(epochs.at(-1).accuracy).toBe(1);
  });

  it('--out saves the trained weights and the run; the weights reproduce the result', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-'));
    const out = join(dir, 'trained.dwire');
    const r = await run('train', example('spiral-mlp'), '--epochs', '40', '--out', out);
    expect(r.code).toBe(0);
    const loaded = loadProject(await readFile(out));
    if (!loaded.ok) throw loaded.error;
    expect(loaded.project.runs).toHaveLength(1);
    const runRecord = loaded.project.runs[0];
    expect(runRecord.status).toBe('completed');
    expect(runRecord.epochs).toHaveLength(40);
    expect(runRecord.settings.epochs).toBe(40);
    expect(loaded.weights?.has('hidden.kernel')).toBe(true);
    // A fresh model with those weights scores what the run reported on the same test split.
    const compiled = compileGraph(loaded.project.graph);
    importWeights(compiled.model, loaded.weights!);
    const trainer = new Trainer(compiled, await prepareData(compiled));
    const test = await trainer.evaluate(trainer.data.splits.test);
    expect(test.accuracy).toBeCloseTo(runRecord.test!.accuracy!, 10);
    expect(test.accuracy).toBeGreaterThan(0.8);
  });

  it('gradcheck passes on the examples and reports timings', async () => {
    for (const name of ['xor-mlp', 'iris-mlp', 'mnist-dropout-l2']) {
      const r = await run('gradcheck', example(name), '--json');
      expect(r.code, name).toBe(0);
      const done = JSON.parse(r.out.at(-1)!);
      expect(done).toEqual(expect.objectContaining({ event: 'done', failed: 0, threshold: 1e-5 }));
      for (const l of r.out.slice(0, -1).map((x) => JSON.parse(x))) expect(l.maxRelativeError, `${name} ${l.name}`).toBeLessThan(1e-5);
      if (name === 'mnist-dropout-l2') expect(done.notes.join(' ')).toMatch(/dropout is switched off/);
    }
  });

  it('user mistakes give one readable line and a non-zero exit', async () => {
    const missing = await run('validate', '/no/such/file.dwire');
    expect(missing).toMatchObject({ code: 1, err: ['deepwire: /no/such/file.dwire: no such file'] });
    const dir = await mkdtemp(join(tmpdir(), 'dw-'));
    const junk = join(dir, 'junk.dwire');
    await writeFile(junk, '{"not": "a project"}');
    const bad = await run('train', junk);
    expect(bad.code).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^deepwire: .*junk\.dwire: .*not a DeepWire project/i);
    expect((await run('frobnicate', junk)).code).toBe(2);
    expect((await run('train')).code).toBe(2);
    const epochs = await run('train', example('xor-mlp'), '--epochs', 'many');
    expect(epochs).toMatchObject({ code: 2, err: ["deepwire: --epochs must be an integer ≥ 1, got 'many'"] });
    // WebGPU where an adapter exists (SwiftShader here, vitest.config.ts), else a plain refusal.
    const available = (await nodeWebGpuBackend()).ok;
    const gpu = await run('train', example('xor-mlp'), '--backend', 'webgpu', '--epochs', '3');
    if (available) expect(gpu).toMatchObject({ code: 0, err: [] });
    else {
      expect(gpu.code).toBe(2);
      expect(gpu.err[0]).toMatch(/WebGPU is not available/);
    }
  });
});
