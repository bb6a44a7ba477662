import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from './errors';
import { createProject, parseProject, readProjectJson, writeProjectJson } from './format';
import { MIGRATIONS, OLDEST_FORMAT_VERSION, migrate } from './migrations';
import { CURRENT_FORMAT_VERSION, type ProjectInput } from './schema';

/** A project document loose enough to break on purpose. */
type Doc = { graph: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }; runs: Record<string, unknown>[] };

const bytes = (value: unknown) => strToU8(JSON.stringify(value));

/** The ProjectFileError a call throws (fails the test when it throws nothing or something else). */
function errorOf(fn: () => unknown): ProjectFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectFileError);
    return error as ProjectFileError;
  }
  throw new Error('expected a ProjectFileError, but nothing was thrown');
}

const minimal = {
  format: 'deepwire',
  version: 1,
  graph: {
    nodes: [
      { id: 'a', kind: 'Input' },
      { id: 'b', kind: 'Dense', position: { x: 10, y: 20 }, params: { units: 3 } },
    ],
    edges: [{ id: 'e', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' }],
  },
  runs: [{ id: 'r1', startedAt: '2025-01-01T00:00:00.000Z', status: 'stopped' }],
};

describe('parseProject', () => {
  it('fills every missing optional field with its default', () => {
    const project = parseProject(minimal);
    expect(project.name).toBe('Untitled');
    expect(project.graph.nodes[0]).toEqual({ id: 'a', kind: 'Input', position: { x: 0, y: 0 }, params: {} });
    expect(project.runs[0]).toEqual({ id: 'r1', startedAt: '2025-01-01T00:00:00.000Z', status: 'stopped', settings: {}, epochs: [] });
    expect(parseProject({ ...minimal, runs: undefined }).runs).toEqual([]);
  });

  it('keeps training settings it does not know, and checks those it does', () => {
    const run = { ...minimal.runs[0], settings: { epochs: 5, seed: 1, warmup: { steps: 10 } } };
    expect(parseProject({ ...minimal, runs: [run] }).runs[0].settings).toEqual({ epochs: 5, seed: 1, warmup: { steps: 10 } });
    const bad = { ...run, settings: { epochs: 2.5 } };
    expect(errorOf(() => parseProject({ ...minimal, runs: [bad] })).issues).toEqual(['runs[0].settings.epochs: expected int, received number']);
  });

  it('reports schema problems as "path: message", naming the field', () => {
    const doc = structuredClone(minimal) as unknown as Doc;
    doc.graph.nodes.push({ id: 'c', kind: 'ReLU' }, { id: 'd', kind: 'ReLU', position: { x: '12', y: 0 } });
    doc.runs[0].status = 'paused';
    const error = errorOf(() => parseProject(doc));
    expect(error.reason).toBe('schema');
    expect(error.path).toBe('graph.nodes[3].position.x');
    expect(error.issues).toEqual([
      'graph.nodes[3].position.x: expected number, received string',
      'runs[0].status: expected one of "completed"|"stopped"|"failed"',
    ]);
    expect(error.message).toBe(
      'project.json is not a valid DeepWire project: graph.nodes[3].position.x: expected number, received string; runs[0].status: expected one of "completed"|"stopped"|"failed". If the file was edited by hand, fix these fields; otherwise it is damaged, so open an earlier copy.',
    );
  });

  it('lists the first few problems and counts the rest', () => {
    const nodes = Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, kind: 7 }));
    const error = errorOf(() => parseProject({ ...minimal, graph: { nodes, edges: [] } }));
    expect(error.issues).toHaveLength(8);
    expect(error.message).toContain('(and 3 more)');
  });

  it('refuses graphs that do not hang together: duplicate ids, edges to nowhere', () => {
    const doc = structuredClone(minimal) as unknown as Doc;
    doc.graph.nodes.push({ id: 'a', kind: 'Dense' });
    doc.graph.edges.push({ id: 'e', source: 'b', sourcePort: 'out', target: 'ghost', targetPort: 'in' });
    doc.runs.push(doc.runs[0]);
    expect(errorOf(() => parseProject(doc)).issues).toEqual([
      'graph.nodes[2].id: the id "a" is already used by graph.nodes[0]',
      'graph.edges[1].id: the id "e" is already used by graph.edges[0]',
      'graph.edges[1].target: no node has the id "ghost"',
      'runs[1].id: the id "r1" is already used by runs[0]',
    ]);
  });

  it('refuses files that are not DeepWire projects', () => {
    expect(errorOf(() => parseProject([1, 2])).message).toMatch(/^project.json holds a list, not a DeepWire project/);
    expect(errorOf(() => parseProject(null)).reason).toBe('not-deepwire');
    const other = errorOf(() => parseProject({ ...minimal, format: 'excalidraw' }));
    expect(other.reason).toBe('not-deepwire');
    expect(other.message).toContain('its "format" is "excalidraw", expected "deepwire"');
    expect(errorOf(() => parseProject({ ...minimal, format: undefined })).message).toContain('"format" is missing');
  });

  it.each([[-1], [1.5], ['1'], [null], [undefined]])('refuses the version %j as damaged', (version) => {
    const error = errorOf(() => parseProject({ ...minimal, version }));
    expect(error.reason).toBe('schema');
    expect(error.path).toBe('version');
  });

  it('refuses a newer format, saying which', () => {
    const error = errorOf(() => parseProject({ ...minimal, version: 7 }));
    expect(error.reason).toBe('newer-version');
    expect(error.version).toBe(7);
    expect(error.message).toBe(
      'This project was made by a newer DeepWire (format 7); this app reads up to format 1. Update DeepWire to open it.',
    );
    const withApp = errorOf(() => parseProject({ format: 'deepwire', version: 2, app: { name: 'DeepWire', version: '3.0.1' }, whatever: [] }));
    expect(withApp.message).toContain('made by a newer DeepWire (DeepWire 3.0.1, format 2); this app reads up to format 1');
  });

  it('refuses node kinds the app does not have, naming the node', () => {
    const isKnownKind = (kind: string) => ['Input', 'Dense'].includes(kind);
    expect(parseProject(minimal, { isKnownKind }).graph.nodes).toHaveLength(2);
    const doc = structuredClone(minimal) as unknown as Doc;
    doc.graph.nodes.push({ id: 'q', kind: 'QuantumLayer' }, { id: 'r', kind: 'Other' });
    const error = errorOf(() => parseProject(doc, { isKnownKind }));
    expect(error.reason).toBe('unknown-node-kind');
    expect(error.nodeId).toBe('q');
    expect(error.message).toBe(
      'project.json: node "q" (graph.nodes[2]) is of kind "QuantumLayer", which this version of DeepWire does not have. 1 other node(s) have unknown kinds too. The project may come from a newer DeepWire; update DeepWire to open it.',
    );
    expect(parseProject(doc).graph.nodes).toHaveLength(4); // default: every kind accepted
  });
});

describe('migrations', () => {
  it('form one unbroken chain from the oldest version to the current one', () => {
    expect(OLDEST_FORMAT_VERSION).toBe(0);
    MIGRATIONS.forEach((m, i) => expect(m.from).toBe(OLDEST_FORMAT_VERSION + i));
    expect(OLDEST_FORMAT_VERSION + MIGRATIONS.length).toBe(CURRENT_FORMAT_VERSION);
  });

  it('v0 -> v1 moves title, nodes and edges, adds runs, and leaves its input alone', () => {
    const v0 = { format: 'deepwire', version: 0, title: 'Old', nodes: [{ id: 'a', kind: 'Input' }], edges: [] };
    const before = structuredClone(v0);
    expect(migrate(v0, 0)).toEqual({
      format: 'deepwire',
      version: 1,
      name: 'Old',
      graph: { nodes: [{ id: 'a', kind: 'Input' }], edges: [] },
      runs: [],
    });
    expect(v0).toEqual(before);
  });

  it('reports problems in an old file against the upgraded layout, saying so', () => {
    const error = errorOf(() => parseProject({ format: 'deepwire', version: 0, title: 'Old', nodes: 'none' }));
    expect(error.message).toMatch(/^project.json is not a valid DeepWire project \(after upgrading it from format 0\): graph.nodes: expected array/);
  });
});

describe('readProjectJson', () => {
  it('reads UTF-8 JSON, with or without a byte-order mark', () => {
    const json = bytes({ ...minimal, name: 'Ünïcödé ✓' });
    expect(readProjectJson(json).name).toBe('Ünïcödé ✓');
    expect(readProjectJson(Uint8Array.from([0xef, 0xbb, 0xbf, ...json])).name).toBe('Ünïcödé ✓');
  });

  it('says where the JSON is broken', () => {
    const error = errorOf(() => readProjectJson(strToU8('{\n  "format": "deepwire",\n  "version": 1,,\n}')));
    expect(error.reason).toBe('bad-json');
    expect(error.message).toMatch(/^project.json is not valid JSON \(.*line 3, column 16\)/);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(errorOf(() => readProjectJson(Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d]))).message).toMatch(/not valid UTF-8/);
  });

  it('refuses prototype-polluting keys anywhere, and Object.prototype stays clean', () => {
    const texts = [
      '{"__proto__": {"polluted": true}, "format": "deepwire", "version": 1}',
      '{"format": "deepwire", "version": 1, "graph": {"nodes": [{"id": "a", "kind": "X", "params": {"constructor": {"prototype": {"polluted": true}}}}], "edges": []}}',
    ];
    for (const text of texts) {
      const error = errorOf(() => readProjectJson(strToU8(text)));
      expect(error.reason).toBe('bad-json');
      expect(error.message).toMatch(/uses the reserved key "(__proto__|constructor)" at/);
    }
    expect(errorOf(() => readProjectJson(strToU8(texts[1]))).path).toBe('graph.nodes[0].params');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(errorOf(() => readProjectJson(strToU8(deep))).message).toMatch(/nests deeper than 64 levels/);
  });
});

describe('writeProjectJson', () => {
  const project: ProjectInput = {
    format: 'deepwire',
    version: 1,
    name: 'p',
    graph: { nodes: [{ id: 'a', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: 2 } }], edges: [] },
    runs: [
      {
        id: 'r',
        startedAt: '2025-01-01T00:00:00Z',
        status: 'failed',
        error: 'loss became NaN at epoch 2',
        epochs: [
          { epoch: 1, loss: 0.5, seconds: 1 },
          { epoch: 2, loss: Number.NaN, valLoss: Infinity, seconds: 1 },
        ],
      },
    ],
  };

  it('writes pretty JSON in schema order, the same bytes every time', () => {
    const text = new TextDecoder().decode(writeProjectJson(project));
    expect(text.startsWith('{\n  "format": "deepwire",\n  "version": 1,\n  "name": "p",\n  "graph": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const reordered = { runs: project.runs, graph: project.graph, name: 'p', version: 1, format: 'deepwire' } as ProjectInput;
    expect(writeProjectJson(reordered)).toEqual(writeProjectJson(project));
  });

  it('stores non-finite metrics of a diverged run as null and reads them back as NaN', () => {
    const json = writeProjectJson(project);
    expect(new TextDecoder().decode(json)).toContain('"loss": null');
    const back = readProjectJson(json).runs[0].epochs[1];
    expect(back.loss).toBeNaN();
    expect(back.valLoss).toBeNaN();
  });

  it('refuses to write what it could not read back', () => {
    const withParams = (params: Record<string, unknown>) => ({ ...project, graph: { nodes: [{ ...project.graph.nodes[0], params }], edges: [] } });
    expect(errorOf(() => writeProjectJson(withParams({ rate: Number.NaN }))).issues).toEqual(['graph.nodes[0].params.rate: NaN cannot be stored in JSON']);
    expect(errorOf(() => writeProjectJson(withParams({ w: new Float32Array(2) }))).issues).toEqual([
      'graph.nodes[0].params.w: a Float32Array is not plain JSON data',
    ]);
    expect(errorOf(() => writeProjectJson(withParams({ f: () => 1 }))).message).toMatch(/^Cannot save the project: graph.nodes\[0\].params.f: a function is not JSON data/);
    const dangling = { ...project, graph: { nodes: [], edges: [{ id: 'e', source: 'x', sourcePort: 'o', target: 'y', targetPort: 'i' }] } };
    expect(errorOf(() => writeProjectJson(dangling)).issues).toEqual(['graph.edges[0].source: no node has the id "x"', 'graph.edges[0].target: no node has the id "y"']);
  });

  it('createProject makes a current, valid, empty project', () => {
    const project = createProject('New');
    expect(readProjectJson(writeProjectJson(project))).toEqual(project);
    expect(project.version).toBe(CURRENT_FORMAT_VERSION);
  });
});
