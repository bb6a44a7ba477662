import { describe, expect, it } from 'vitest';
import { graph as g } from '../../../engine';
import { EXAMPLES } from '../../../assets/examples/definitions';
import {
  clampSettings, EXPERIMENTS, experimentSpecs, graphProblem, RUNS_EXPERIMENTS, type RunsExperimentId, type RunsSettings,
} from './experiments';
import type { LabRunSpec } from './runner';

type Graph = g.Graph;

const t = (key: string, vars?: Record<string, unknown>) => (vars && Object.keys(vars).length ? `${key} ${JSON.stringify(vars)}` : key);
const ctx = (graph: Graph | null = null) => ({ graph, batch: 'lab-test', t, format: (v: number) => String(v) });
const specsOf = (id: RunsExperimentId, patch: Partial<RunsSettings> = {}, graph: Graph | null = null) =>
  experimentSpecs(id, { ...EXPERIMENTS[id].defaults, ...patch }, ctx(graph));

const example = (name: string) => EXAMPLES.find((e) => e.name === name)!.graph;
const kinds = (graph: Graph, kind: string) => graph.nodes.filter((n) => n.kind === kind);
const seedOf = (graph: Graph) => graph.nodes.find((n) => n.kind === 'Training')!.params.seed;

/** The graph's nodes as comparable data (id, kind, params), without the kinds and params named. */
function shape(graph: Graph, dropKinds: readonly string[] = [], dropParams: readonly string[] = []): unknown[] {
  return graph.nodes
    .filter((n) => !dropKinds.includes(n.kind))
    .map((n) => [n.id, n.kind, Object.fromEntries(Object.entries(n.params).filter(([k]) => !dropParams.includes(k)))])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

/** The data path from the dataset to the loss, as node kinds in order. */
function chainKinds(graph: Graph): string[] {
  const next = new Map(graph.edges.filter((e) => e.targetPort === 'x' || e.targetPort === 'pred').map((e) => [e.source, e.target]));
  const out: string[] = [];
  let id: string | undefined = graph.nodes.find((n) => n.kind === 'Dataset')!.id;
  while (id !== undefined && out.length < 100) {
    const node = graph.nodes.find((n) => n.id === id)!;
    out.push(node.kind);
    id = next.get(id);
  }
  return out;
}

function expectCommon(specs: LabRunSpec[], id: RunsExperimentId): void {
  for (const s of specs) {
    expect(() => g.compileGraph(s.graph), s.label).not.toThrow();
    expect(s.lab).toMatchObject({ experiment: id, batch: 'lab-test' });
    expect(seedOf(s.graph)).toBe(seedOf(specs[0].graph));
  }
  expect(new Set(specs.map((s) => s.label)).size).toBe(specs.length);
}

describe('init-mnist', () => {
  it('is the course net (4 hidden × 100 ReLU, SGD 0.01) once per initialiser, differing only in init', () => {
    const specs = specsOf('init-mnist');
    expect(specs).toHaveLength(4);
    expectCommon(specs, 'init-mnist');
    const base = specs[0].graph;
    expect(chainKinds(base)).toEqual(['Dataset', 'Flatten', ...Array(4).fill(['Dense', 'ReLU']).flat(), 'Dense', 'Softmax', 'CrossEntropy']);
    expect(kinds(base, 'Dense').slice(0, 4).every((n) => n.params.units === 100)).toBe(true);
    expect(kinds(base, 'SGD')[0].params.learningRate).toBe(0.01);
    expect(kinds(base, 'Dataset')[0].params).toMatchObject({ source: 'mnist', limit: 5000 });
    ['normal1', 'normal001', 'xavierNormal', 'heNormal'].forEach((preset, i) => {
      expect(kinds(specs[i].graph, 'Dense').map((n) => n.params.init)).toEqual(Array(5).fill(preset));
      expect(shape(specs[i].graph, [], ['init'])).toEqual(shape(base, [], ['init']));
      expect(specs[i].label).toBe(`lab.runs.init.${preset}`);
    });
    expect(specs[0].lab.values).toEqual({ weightStd: 1 });
  });

  it('runs only the initialisers chosen, with the settings applied', () => {
    const specs = specsOf('init-mnist', { inits: ['heNormal', 'normal001'], epochs: 3, limit: 700, learningRate: 0.05, batchSize: 32 });
    expect(specs.map((s) => s.label)).toEqual(['lab.runs.init.normal001', 'lab.runs.init.heNormal']);
    const graph = specs[0].graph;
    expect(kinds(graph, 'Training')[0].params).toMatchObject({ epochs: 3, batchSize: 32, seed: 1 });
    expect(kinds(graph, 'Dataset')[0].params.limit).toBe(700);
    expect(kinds(graph, 'SGD')[0].params.learningRate).toBe(0.05);
  });
});

describe('batchnorm', () => {
  it('pairs each weight scale without and with BatchNorm; a pair differs only in its BatchNorm nodes', () => {
    const specs = specsOf('batchnorm');
    expect(specs).toHaveLength(6);
    expectCommon(specs, 'batchnorm');
    for (let i = 0; i < specs.length; i += 2) {
      const [off, on] = [specs[i], specs[i + 1]];
      expect(kinds(off.graph, 'BatchNorm')).toHaveLength(0);
      expect(kinds(on.graph, 'BatchNorm')).toHaveLength(4);
      expect(shape(on.graph, ['BatchNorm'])).toEqual(shape(off.graph));
      // BatchNorm sits between each hidden Dense and its activation.
      expect(chainKinds(on.graph).join(' ')).toContain('Dense BatchNorm ReLU');
      expect(off.lab.values).toMatchObject({ batchNorm: 0 });
      expect(on.lab.values).toMatchObject({ batchNorm: 1 });
      expect(seedOf(on.graph)).toBe(seedOf(off.graph));
    }
    expect(specs[0].label).toBe('lab.runs.label.bnOff {"init":"lab.runs.init.normal1"}');
    expect(specs[0].lab.values).toEqual({ batchNorm: 0, weightStd: 1 });
    // Across scales the nets differ only in the initialiser.
    expect(shape(specs[2].graph, [], ['init'])).toEqual(shape(specs[0].graph, [], ['init']));
    expect(kinds(specs[2].graph, 'Dense')[0].params.init).toBe('normal001');
  });
});

describe('overfitting', () => {
  it('runs plain, + L2, + dropout and both on the same 7-layer net and 300 training digits', () => {
    const specs = specsOf('overfitting', { lambda: 0.1, dropout: 0.3 });
    expect(specs).toHaveLength(4);
    expectCommon(specs, 'overfitting');
    const [plain, l2, drop, both] = specs.map((s) => s.graph);
    expect(kinds(plain, 'Dense')).toHaveLength(7);
    expect(kinds(plain, 'Dataset')[0].params.limit).toBe(600);
    expect(kinds(plain, 'Training')[0].params.validationSplit).toBe(0.5);

    const regs = (graph: Graph) => kinds(graph, 'Dense').map((n) => [n.params.regularizer ?? 'none', n.params.regularizer === 'l2' ? n.params.lambda : 0]);
    expect(regs(plain).every(([r]) => r === 'none')).toBe(true);
    expect(regs(l2)).toEqual(Array(7).fill(['l2', 0.1]));
    expect(regs(drop).every(([r]) => r === 'none')).toBe(true);
    expect(regs(both)).toEqual(Array(7).fill(['l2', 0.1]));

    expect(kinds(plain, 'Dropout')).toHaveLength(0);
    expect(kinds(l2, 'Dropout')).toHaveLength(0);
    expect(kinds(drop, 'Dropout').map((n) => n.params.rate)).toEqual(Array(6).fill(0.3));
    expect(kinds(both, 'Dropout').map((n) => n.params.rate)).toEqual(Array(6).fill(0.3));

    // Nothing else changes: the same nodes once dropout and weight decay are set aside.
    const core = (graph: Graph) => shape(graph, ['Dropout'], ['regularizer', 'lambda']);
    expect(core(l2)).toEqual(core(plain));
    expect(core(drop)).toEqual(core(plain));
    expect(core(both)).toEqual(core(plain));
    expect(specs.map((s) => s.lab.values)).toEqual([
      { lambda: 0, dropout: 0 }, { lambda: 0.1, dropout: 0 }, { lambda: 0, dropout: 0.3 }, { lambda: 0.1, dropout: 0.3 },
    ]);
    expect(specs[3].label).toBe('lab.runs.label.both {"lambda":"0.1","rate":"0.3"}');
  });

  it('strips the dropout and weight decay a user graph already has from its plain run', () => {
    const specs = specsOf('overfitting', { base: 'graph' }, example('mnist-dropout-l2'));
    expectCommon(specs, 'overfitting');
    expect(kinds(specs[0].graph, 'Dropout')).toHaveLength(0);
    expect(kinds(specs[0].graph, 'Dense').every((n) => (n.params.regularizer ?? 'none') === 'none')).toBe(true);
  });
});

describe('the user graph as base', () => {
  it('keeps its nodes and seed and applies epochs, MNIST subset and learning rate', () => {
    const user = example('mnist-mlp');
    const specs = specsOf('init-mnist', { base: 'graph', epochs: 2, limit: 400, learningRate: 0.003 }, user);
    expectCommon(specs, 'init-mnist');
    const graph = specs[3].graph;
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(user.nodes.map((n) => n.id).sort());
    expect(kinds(graph, 'Training')[0].params).toMatchObject({ epochs: 2, seed: seedOf(user) });
    expect(kinds(graph, 'Dataset')[0].params.limit).toBe(400);
    expect(kinds(graph, 'Adam')[0].params.learningRate).toBe(0.003);
  });

  it('pairs a user graph that already has BatchNorm: off bypasses it, on keeps it', () => {
    const specs = specsOf('batchnorm', { base: 'graph', inits: ['heNormal'] }, example('mnist-mlp-batchnorm'));
    expectCommon(specs, 'batchnorm');
    expect(kinds(specs[0].graph, 'BatchNorm')).toHaveLength(0);
    expect(kinds(specs[1].graph, 'BatchNorm')).toHaveLength(2);
  });

  it('refuses a graph without Dense layers, naming the problem', () => {
    expect(graphProblem(null)).toBe('lab.runs.base.noDense');
    expect(graphProblem(example('mnist-mlp'))).toBeNull();
    // The error carries the key, so it is shown in the reader's language; its message is the English.
    expect(() => specsOf('batchnorm', { base: 'graph' }, { nodes: [], edges: [] })).toThrow(expect.objectContaining({
      msg: { key: 'lab.runs.base.noDense' }, message: expect.stringContaining('no Dense layer'),
    }));
  });
});

describe('settings', () => {
  it('declares only known settings and defaults inside their ranges', () => {
    for (const id of RUNS_EXPERIMENTS) {
      const d = EXPERIMENTS[id].defaults;
      expect(clampSettings(d)).toEqual(d);
    }
  });

  it('clamps numbers into range, rounds integers and drops unknown initialisers', () => {
    const s = clampSettings({ ...EXPERIMENTS.overfitting.defaults, epochs: 2.6, limit: 5, dropout: 2, lambda: -1, learningRate: Number.NaN, inits: ['heNormal', 'bogus' as never] });
    expect(s).toMatchObject({ epochs: 3, limit: 20, dropout: 0.9, lambda: 0, learningRate: 0.01, inits: ['heNormal'] });
  });
});
