import fc from 'fast-check';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadProject, ownerNode, saveProject, type LoadResult } from './container';
import { ProjectFileError, type ProjectFileReason } from './errors';
import { encodeSafetensors, type TensorData } from './safetensors';
import { ProjectSchema, type Project, type ProjectInput } from './schema';

const f32 = (shape: number[], values: number[]): TensorData => ({ dtype: 'float32', shape, data: Float32Array.from(values) });

const project: Project = {
  format: 'deepwire',
  version: 1,
  name: 'Two layers',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', position: { x: 0, y: 0 }, params: { features: 2 } },
      { id: 'dense.1', kind: 'Dense', label: 'Hidden', position: { x: 200, y: 0 }, params: { units: 2 } },
    ],
    edges: [{ id: 'e1', source: 'in', sourcePort: 'out', target: 'dense.1', targetPort: 'in' }],
  },
  runs: [],
};
const weights = new Map([
  ['dense.1.weight', f32([2, 2], [1, 2, 3, 4])],
  ['dense.1.bias', f32([2], [0.5, -0.5])],
]);

/** A zip with exactly these entries, written by fflate (so tests do not depend on our writer). */
const zip = (entries: Record<string, Uint8Array | string>) => {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
};

const REASONS: ProjectFileReason[] = [
  'not-zip', 'damaged', 'too-large', 'missing-project-json', 'bad-json', 'not-deepwire', 'schema',
  'newer-version', 'unknown-node-kind', 'bad-weights',
];

/** The shape every load result must have, whatever the input: ok, or a file error that is not a bug. */
function expectWellFormed(result: LoadResult): void {
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(ProjectFileError);
  if (!REASONS.includes(result.error.reason)) throw new Error(`unexpected ${result.error.reason}: ${result.error.message}`);
  expect(result.error.message.length).toBeGreaterThan(20);
}

function failure(result: LoadResult): ProjectFileError {
  if (result.ok) throw new Error('expected the load to fail');
  return result.error;
}

describe('saveProject and loadProject', () => {
  it('round-trip a project with weights', () => {
    const result = loadProject(saveProject(project, weights));
    expect(result).toEqual({ ok: true, project, weights, warnings: [] });
  });

  it('give no weights when none were saved', () => {
    const result = loadProject(saveProject(project));
    expect(result.ok && result.weights).toBe(undefined);
  });

  it('write the same bytes for the same input (fixed timestamps, schema key order)', () => {
    const reordered = { runs: [], graph: project.graph, name: project.name, version: 1, format: 'deepwire' } as Project;
    const a = saveProject(project, weights);
    expect(saveProject(reordered, new Map([...weights].reverse()))).toEqual(a);
  });

  it('refuse to save weights that belong to no node', () => {
    expect(() => saveProject(project, new Map([['dense2.weight', f32([1], [1])]]))).toThrow(/"dense2.weight" belongs to no node/);
  });

  it('round-trip any valid project and weights (property)', () => {
    fc.assert(
      fc.property(arbitraryProject.chain((p) => fc.tuple(fc.constant(p), arbitraryWeights(p))), ([input, tensors]) => {
        const result = loadProject(saveProject(input, tensors));
        if (!result.ok) throw result.error;
        expect(result.project).toEqual(ProjectSchema.parse(input));
        expect(result.weights).toEqual(tensors);
      }),
      { numRuns: 100 },
    );
  });
});

describe('loadProject tells a person what is wrong', () => {
  it('with a JSON file instead of a .dwire', () => {
    const error = failure(loadProject(strToU8(JSON.stringify(project))));
    expect(error.reason).toBe('not-zip');
    expect(error.message).toBe(
      'This is not a DeepWire project (.dwire) file: it is a JSON text file, not a ZIP archive. A .dwire file is a ZIP archive written by DeepWire; choose a file saved by DeepWire.',
    );
  });

  it('with an empty file or another kind of file', () => {
    expect(failure(loadProject(new Uint8Array(0))).message).toMatch(/it is empty \(0 bytes\)/);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(failure(loadProject(png)).message).toMatch(/does not start like a ZIP archive/);
  });

  it('with a ZIP that is not a project', () => {
    const error = failure(loadProject(zip({ 'photo.jpg': new Uint8Array(10), 'notes.txt': 'hi' })));
    expect(error.reason).toBe('missing-project-json');
    expect(error.message).toContain('it has no project.json (it holds "photo.jpg", "notes.txt")');
  });

  it('with a project zipped as a folder', () => {
    const error = failure(loadProject(zip({ 'my project/project.json': JSON.stringify(project) })));
    expect(error.message).toContain('project.json must be at the top of the archive, not in a folder (found "my project/project.json")');
  });

  it('with extra entries: loads, and says which were ignored', () => {
    const bytes = zip({ 'project.json': JSON.stringify(project), '__MACOSX/._project.json': 'x', '.DS_Store': '', 'folder/': new Uint8Array(0) });
    const result = loadProject(bytes);
    expect(result.ok && result.warnings).toEqual([
      'Ignored "__MACOSX/._project.json" inside the project file: DeepWire does not use it, and will not keep it when the project is saved.',
      'Ignored ".DS_Store" inside the project file: DeepWire does not use it, and will not keep it when the project is saved.',
    ]);
  });

  it('with weights that do not belong to the graph', () => {
    const stray = encodeSafetensors(new Map([...weights, ['ghost.weight', f32([1], [1])]]));
    const error = failure(loadProject(zip({ 'project.json': JSON.stringify(project), 'weights.safetensors': stray })));
    expect(error.reason).toBe('bad-weights');
    expect(error.tensor).toBe('ghost.weight');
    expect(error.message).toContain('holds the tensor "ghost.weight", but no node in the graph owns it');
  });

  it('with node kinds the app does not have', () => {
    const error = failure(loadProject(saveProject(project), { isKnownKind: (kind) => kind === 'Input' }));
    expect(error.reason).toBe('unknown-node-kind');
    expect(error.message).toContain('node "dense.1" (graph.nodes[1]) is of kind "Dense"');
  });

  it('with a schema error, naming the field', () => {
    const bad = structuredClone(project);
    (bad.graph.nodes[1].position as { x: unknown }).x = 'left';
    const error = failure(loadProject(zip({ 'project.json': JSON.stringify(bad) })));
    expect(error.reason).toBe('schema');
    expect(error.message).toContain('graph.nodes[1].position.x: expected number, received string');
  });

  it('with a newer format', () => {
    const error = failure(loadProject(zip({ 'project.json': JSON.stringify({ ...project, version: 7 }) })));
    expect(error.reason).toBe('newer-version');
    expect(error.message).toContain('made by a newer DeepWire (format 7); this app reads up to format 1');
  });

  it('with bytes changed after writing (checksum)', () => {
    const bytes = saveProject(project, weights);
    // The weights are stored uncompressed: change one byte of the last float.
    const damaged = bytes.slice();
    const at = findBytes(damaged, Uint8Array.from(new Uint8Array(Float32Array.of(-0.5).buffer))) + 3;
    damaged[at] ^= 0x01;
    const error = failure(loadProject(damaged));
    expect(error.reason).toBe('damaged');
    expect(error.message).toBe(
      'The project file is damaged: "weights.safetensors" fails its checksum, so its contents changed after it was written. Open an earlier copy or a backup of the project.',
    );
  });

  it('with a file cut short', () => {
    const bytes = saveProject(project, weights);
    for (const keep of [bytes.length - 1, bytes.length - 30, Math.floor(bytes.length / 2), 10]) {
      const error = failure(loadProject(bytes.subarray(0, keep)));
      expect(['damaged', 'not-zip']).toContain(error.reason);
    }
  });

  it('with two copies of project.json', () => {
    const bytes = zip({ 'project.json': JSON.stringify(project), 'project.jsoX': JSON.stringify(project) });
    renameAll(bytes, 'project.jsoX', 'project.json');
    expect(failure(loadProject(bytes)).message).toContain('holds two copies of project.json');
  });
});

describe('loadProject refuses zip bombs', () => {
  it('refuses an entry whose declared size is over the cap, before inflating it', () => {
    const json = JSON.stringify({ ...project, name: 'x'.repeat(5000) });
    const error = failure(loadProject(zip({ 'project.json': json }), { limits: { maxProjectJsonBytes: 4096 } }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toMatch(/^project.json inside the project file unpacks to 5.\d kB, more than the 4.1 kB DeepWire opens/);
  });

  it('stops inflating an entry that unpacks to more than it declares', () => {
    // 50 MB of zeros compress to ~50 kB; the headers are then edited to declare 100 bytes.
    const bytes = zipSync({ 'project.json': new Uint8Array(50_000_000) }, { level: 9 });
    setDeclaredSize(bytes, 100);
    const started = performance.now();
    const error = failure(loadProject(bytes));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('"project.json" unpacks to more than the 100 bytes its header declares');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses an archive with too many entries before reading them', () => {
    const many: Record<string, string> = { 'project.json': JSON.stringify(project) };
    for (let i = 0; i < 100; i++) many[`junk/${i}`] = '';
    const error = failure(loadProject(zip(many)));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('holds 101 entries');
  });

  it('refuses a file over the size cap', () => {
    const error = failure(loadProject(saveProject(project), { limits: { maxFileBytes: 100 } }));
    expect(error.reason).toBe('too-large');
  });
});

describe('loadProject never throws', () => {
  it('leaves Object.prototype clean when project.json or the weights header try to pollute it', () => {
    const polluting = `{"format":"deepwire","version":1,"graph":{"nodes":[],"edges":[]},"__proto__":{"polluted":true}}`;
    const first = failure(loadProject(zip({ 'project.json': polluting })));
    expect(first.reason).toBe('bad-json');
    const header = '{"__proto__":{"polluted":true}}';
    const st = Uint8Array.from([header.length, 0, 0, 0, 0, 0, 0, 0, ...strToU8(header)]);
    const second = failure(loadProject(zip({ 'project.json': JSON.stringify(project), 'weights.safetensors': st })));
    expect(second.reason).toBe('bad-weights');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('for arbitrary bytes, with or without a ZIP signature', () => {
    const zipLike = fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), zipLike), (bytes) => expectWellFormed(loadProject(bytes))), {
      numRuns: 500,
    });
  });

  it('for a valid file with bytes flipped, cut, inserted or deleted', () => {
    const valid = saveProject({ ...project, runs: [run] }, weights);
    const edit = fc.oneof(
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(valid.length - 1), bit: fc.nat(7) }),
      fc.record({ op: fc.constant('set' as const), at: fc.nat(valid.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('cut' as const), at: fc.nat(valid.length - 1) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(valid.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(valid.length - 1) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let bytes = valid.slice();
        for (const e of edits) {
          const at = Math.min(e.at, Math.max(0, bytes.length - 1));
          if (e.op === 'flip') bytes[at] ^= 1 << e.bit;
          else if (e.op === 'set') bytes[at] = e.value;
          else if (e.op === 'cut') bytes = bytes.slice(0, at);
          else if (e.op === 'insert') bytes = Uint8Array.from([...bytes.subarray(0, at), e.value, ...bytes.subarray(at)]);
          else bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
        }
        expectWellFormed(loadProject(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('for project.json with any field replaced by a value of the wrong type', () => {
    const doc = JSON.parse(new TextDecoder().decode(unzipProjectJson(saveProject({ ...project, runs: [run] }))));
    const paths = allPaths(doc);
    const wrong = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(-1), fc.constant(''), fc.constant(1e308), fc.constant([]), fc.constant({}));
    fc.assert(
      fc.property(fc.constantFrom(...paths), wrong, (path, value) => {
        const copy = structuredClone(doc);
        setAt(copy, path, value);
        expectWellFormed(loadProject(zip({ 'project.json': JSON.stringify(copy) })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('ownerNode', () => {
  it('finds the node a tensor belongs to, even with dots in ids', () => {
    const ids = new Set(['dense', 'dense.1', 'a.b.c']);
    expect(ownerNode('dense.1.weight', ids)).toBe('dense.1');
    expect(ownerNode('dense.weight', ids)).toBe('dense');
    expect(ownerNode('a.b.c.bias', ids)).toBe('a.b.c');
    expect(ownerNode('dense.', ids)).toBeUndefined();
    expect(ownerNode('dense', ids)).toBeUndefined();
    expect(ownerNode('other.weight', ids)).toBeUndefined();
  });
});

// --- helpers and generators ----------------------------------------------------------------

const run = {
  id: 'run-1',
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: '2025-01-01T10:01:00.000Z',
  status: 'completed' as const,
  settings: { epochs: 2, batchSize: 8, seed: 1, backend: 'cpu' },
  epochs: [
    { epoch: 1, loss: 0.7, accuracy: 0.5, seconds: 1 },
    { epoch: 2, loss: 0.3, accuracy: 0.9, valLoss: 0.35, valAccuracy: 0.85, seconds: 1 },
  ],
  test: { loss: 0.32, accuracy: 0.88 },
};

const RESERVED = ['__proto__', 'constructor', 'prototype'];
const id = fc.stringMatching(/^[A-Za-z0-9_.-]{1,10}$/).filter((s) => !RESERVED.includes(s));
const key = fc.string({ maxLength: 8 }).filter((s) => !RESERVED.includes(s));
/** Finite numbers that survive JSON exactly (JSON has no -0). */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
/** Metrics as a trainer produces them, NaN included (stored as null); infinities read back as NaN, so not generated. */
const metric = fc.oneof(finite, fc.constant(Number.NaN));
const iso = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
/**
 * Any JSON without the keys the format reserves (refused on save and on load), as JSON text
 * holds it: fast-check may generate -0, which JSON writes as 0.
 */
const json = fc
  .jsonValue({ maxDepth: 2 })
  .filter((v) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(v) ?? ''))
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const arbitraryProject: fc.Arbitrary<ProjectInput> = fc
  .uniqueArray(id, { minLength: 0, maxLength: 6 })
  .chain((nodeIds) =>
    fc.record(
      {
        format: fc.constant('deepwire' as const),
        version: fc.constant(1 as const),
        name: fc.string({ maxLength: 30 }),
        createdAt: iso,
        app: fc.record({ name: fc.constant('DeepWire'), version: fc.string({ maxLength: 10 }) }),
        graph: fc.record({
          nodes: fc.tuple(
            ...nodeIds.map((nodeId) =>
              fc.record(
                {
                  id: fc.constant(nodeId),
                  kind: fc.string({ minLength: 1, maxLength: 12 }),
                  label: fc.string({ maxLength: 20 }),
                  position: fc.record({ x: finite, y: finite }),
                  params: fc.dictionary(key, json, { maxKeys: 4 }),
                },
                { requiredKeys: ['id', 'kind', 'position', 'params'] },
              ),
            ),
          ),
          edges:
            nodeIds.length === 0
              ? fc.constant([])
              : fc.uniqueArray(
                  fc.record({ id, source: fc.constantFrom(...nodeIds), sourcePort: key.filter(Boolean), target: fc.constantFrom(...nodeIds), targetPort: key.filter(Boolean) }),
                  { selector: (e) => e.id, maxLength: 6 },
                ),
        }),
        runs: fc.uniqueArray(
          fc.record(
            {
              id,
              startedAt: iso,
              finishedAt: iso,
              status: fc.constantFrom('completed' as const, 'stopped' as const, 'failed' as const),
              error: fc.string({ maxLength: 40 }),
              settings: fc.record(
                { epochs: fc.nat(1000), batchSize: fc.integer({ min: 1, max: 512 }), seed: fc.integer(), backend: fc.constantFrom('cpu', 'webgpu'), extra: json },
                { requiredKeys: [] },
              ),
              graphHash: fc.string({ maxLength: 20 }),
              epochs: fc.array(
                fc.record(
                  { epoch: fc.nat(), loss: metric, accuracy: metric, valLoss: metric, valAccuracy: metric, seconds: finite.map(Math.abs) },
                  { requiredKeys: ['epoch', 'loss', 'seconds'] },
                ),
                { maxLength: 4 },
              ),
              test: fc.record({ loss: metric, accuracy: metric }, { requiredKeys: ['loss'] }),
            },
            { requiredKeys: ['id', 'startedAt', 'status'] },
          ),
          { selector: (r) => r.id, maxLength: 3 },
        ),
      },
      { requiredKeys: ['format', 'version', 'graph'] },
    ),
  );

function arbitraryWeights(p: ProjectInput): fc.Arbitrary<Map<string, TensorData> | undefined> {
  if (p.graph.nodes.length === 0) return fc.constant(undefined);
  const tensor = fc.array(fc.nat(3), { maxLength: 3 }).chain((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return fc.oneof(
      fc.array(fc.float(), { minLength: size, maxLength: size }).map((v): TensorData => ({ dtype: 'float32', shape, data: Float32Array.from(v) })),
      fc.array(fc.double(), { minLength: size, maxLength: size }).map((v): TensorData => ({ dtype: 'float64', shape, data: Float64Array.from(v) })),
    );
  });
  const name = fc.tuple(fc.constantFrom(...p.graph.nodes.map((n) => n.id)), fc.constantFrom('weight', 'bias', 'gamma'));
  return fc.option(
    fc.uniqueArray(fc.tuple(name, tensor), { selector: ([[n, k]]) => `${n}.${k}`, maxLength: 5 }).map(
      (entries) => new Map(entries.map(([[n, k], t]) => [`${n}.${k}`, t])),
    ),
    { nil: undefined },
  );
}

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('bytes not found');
}

function renameAll(bytes: Uint8Array, from: string, to: string): void {
  const a = strToU8(from);
  const b = strToU8(to);
  for (let i = 0; i + a.length <= bytes.length; i++) {
    if (a.every((byte, j) => bytes[i + j] === byte)) bytes.set(b, i);
  }
}

/** Sets the uncompressed size of a single-entry archive, in the local and the central header. */
function setDeclaredSize(bytes: Uint8Array, size: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(22, size, true); // local file header
  const end = bytes.length - 22; // no archive comment
  const central = view.getUint32(end + 16, true);
  view.setUint32(central + 24, size, true);
}

function unzipProjectJson(bytes: Uint8Array): Uint8Array {
  const result = loadProject(bytes);
  if (!result.ok) throw result.error;
  return strToU8(JSON.stringify(result.project));
}

type Path = (string | number)[];

function allPaths(value: unknown, path: Path = []): Path[] {
  const here = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => allPaths(v, [...path, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...path, k]))];
  return here;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}
