/**
 * The committed project files in test/fixtures/project/, one set per format version. They
 * are bytes written by older code and must keep opening, unchanged, after every change to the
 * format: a failure here means files people have would stop opening.
 */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from './container';
import type { Project } from './schema';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/project/${name}`, import.meta.url)));

function load(name: string) {
  const result = loadProject(fixture(name));
  if (!result.ok) throw result.error;
  return result;
}

/** The XOR project as the current format holds it, written out by hand. */
const XOR: Project = {
  format: 'deepwire',
  version: 1,
  name: 'XOR',
  graph: {
    nodes: [
      { id: 'data', kind: 'Dataset', label: 'XOR', position: { x: 0, y: 100 }, params: { dataset: 'xor', validationSplit: 0 } },
      { id: 'dense1', kind: 'Dense', position: { x: 220, y: 100 }, params: { units: 4, init: 'xavierNormal' } },
      { id: 'act1', kind: 'Tanh', position: { x: 420, y: 100 }, params: {} },
      { id: 'dense2', kind: 'Dense', position: { x: 600, y: 100 }, params: { units: 1, init: 'xavierNormal' } },
      { id: 'act2', kind: 'Sigmoid', position: { x: 800, y: 100 }, params: {} },
      { id: 'loss', kind: 'Loss', label: 'BCE', position: { x: 1000, y: 160 }, params: { loss: 'binaryCrossEntropy' } },
    ],
    edges: [
      { id: 'e1', source: 'data', sourcePort: 'features', target: 'dense1', targetPort: 'in' },
      { id: 'e2', source: 'dense1', sourcePort: 'out', target: 'act1', targetPort: 'in' },
      { id: 'e3', source: 'act1', sourcePort: 'out', target: 'dense2', targetPort: 'in' },
      { id: 'e4', source: 'dense2', sourcePort: 'out', target: 'act2', targetPort: 'in' },
      { id: 'e5', source: 'act2', sourcePort: 'out', target: 'loss', targetPort: 'prediction' },
      { id: 'e6', source: 'data', sourcePort: 'labels', target: 'loss', targetPort: 'target' },
    ],
  },
  runs: [],
};

describe('project file fixtures', () => {
  it.each(['v0-xor.dwire', 'v1-xor.dwire'])('%s opens as the current XOR project', (name) => {
    expect(load(name)).toEqual({ project: XOR, warnings: [], ok: true });
  });

  it('format 0 and format 1 of the same project load to the same thing', () => {
    expect(load('v0-xor.dwire').project).toEqual(load('v1-xor.dwire').project);
  });

  it('v1-xor-trained.dwire opens with its run and its weights', () => {
    const { project, weights } = load('v1-xor-trained.dwire');
    expect(project.graph).toEqual(XOR.graph);
    expect(project.createdAt).toBe('2025-03-01T09:30:00.000Z');
    expect(project.app).toEqual({ name: 'DeepWire', version: '0.1.0' });
    expect(project.runs).toEqual([
      {
        id: 'run-1',
        startedAt: '2025-03-01T09:31:00.000Z',
        finishedAt: '2025-03-01T09:31:02.500Z',
        status: 'completed',
        settings: { epochs: 3, batchSize: 4, seed: 42, backend: 'cpu', learningRate: 0.5, optimizer: 'sgd', loss: 'binaryCrossEntropy' },
        graphHash: 'sha256:0f3a9c',
        epochs: [
          { epoch: 1, loss: 0.6931, accuracy: 0.5, seconds: 0.8 },
          { epoch: 2, loss: 0.4127, accuracy: 0.75, seconds: 0.85 },
          { epoch: 3, loss: 0.0912, accuracy: 1, seconds: 0.85 },
        ],
        test: { loss: 0.0899, accuracy: 1 },
      },
    ]);
    expect(weights).toEqual(
      new Map([
        ['dense1.bias', { dtype: 'float32', shape: [4], data: Float32Array.of(0.25, -0.5, 0, 1) }],
        ['dense1.weight', { dtype: 'float32', shape: [2, 4], data: Float32Array.of(1.5, -1.25, 0.5, 2, -1.5, 1.25, 0.75, -2) }],
        ['dense2.bias', { dtype: 'float32', shape: [1], data: Float32Array.of(-0.375) }],
        ['dense2.weight', { dtype: 'float32', shape: [4, 1], data: Float32Array.of(2.5, -2.25, 0.125, 1.75) }],
      ]),
    );
  });

  // Holds while format 1 is the current one: saving what was loaded reproduces the file
  // exactly, so the writer has not drifted. (Once format 2 exists, drop the v1 names here.)
  it.each(['v1-xor.dwire', 'v1-xor-trained.dwire'])('%s is saved back byte for byte', (name) => {
    const { project, weights } = load(name);
    expect(saveProject(project, weights)).toEqual(fixture(name));
  });

  it('a v1 fixture relabelled as format 7 is refused as newer', () => {
    const entries = unzipSync(fixture('v1-xor.dwire'));
    const doc = JSON.parse(new TextDecoder().decode(entries['project.json']));
    const result = loadProject(zipSync({ 'project.json': strToU8(JSON.stringify({ ...doc, version: 7 })) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('newer-version');
    expect(result.error.message).toBe(
      'This project was made by a newer DeepWire (format 7); this app reads up to format 1. Update DeepWire to open it.',
    );
  });
});
