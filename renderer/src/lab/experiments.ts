/**
 * The lab's run-based experiments, declared once: each one's settings (with the course's values,
 * scaled down to train in seconds on a laptop), its base network (the course's, or the user's
 * graph), and the batch of runs its settings make. The form, the tests and the runner all read
 * these declarations.
 *
 * Every run of a batch has the same seed (the base's Training seed): the runs differ only in
 * what the experiment varies, so a difference in their curves is that change's doing.
 */
import { graph as g, lab } from '../../../engine';
import { TextError } from '../i18n/TextError';
import type { LabRunSpec } from './runner';

type Graph = g.Graph;
type InitPreset = lab.InitPresetName;

export const RUNS_EXPERIMENTS = ['init-mnist', 'batchnorm', 'overfitting'] as const;
export type RunsExperimentId = (typeof RUNS_EXPERIMENTS)[number];

/** "course": the course's network, built here; "graph": the user's graph in the editor. */
export type BaseChoice = 'course' | 'graph';

export interface RunsSettings {
  readonly base: BaseChoice;
  readonly epochs: number;
  /** Training digits kept from MNIST (a seeded, class-balanced subset). */
  readonly limit: number;
  readonly learningRate: number;
  readonly batchSize: number;
  /** L2 weight decay λ (the course's cost: loss + λ ΣW²). */
  readonly lambda: number;
  /** Dropout rate: the share of hidden units dropped in each training step. */
  readonly dropout: number;
  /** The initialisers (weight scales) compared: one run each, or one pair each for BatchNorm. */
  readonly inits: readonly InitPreset[];
}

export type NumberSettingName = 'epochs' | 'limit' | 'learningRate' | 'batchSize' | 'lambda' | 'dropout';
export type SettingName = NumberSettingName | 'base' | 'inits';

/** The range of a numeric setting (the form's bounds; `clampSettings` enforces them). */
export interface NumberSettingDef {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly step?: number;
}

export const NUMBER_SETTINGS: Readonly<Record<NumberSettingName, NumberSettingDef>> = {
  epochs: { min: 1, max: 1000, integer: true },
  // The bundled MNIST holds about 8,300 training digits.
  limit: { min: 20, max: 8000, integer: true, step: 100 },
  learningRate: { min: 1e-5, max: 1, integer: false, step: 0.001 },
  batchSize: { min: 1, max: 1024, integer: true },
  lambda: { min: 0, max: 10, integer: false, step: 0.01 },
  dropout: { min: 0, max: 0.9, integer: false, step: 0.05 },
};

export interface RunsExperimentDef {
  readonly id: RunsExperimentId;
  /** The settings the form shows, in order. */
  readonly settings: readonly SettingName[];
  readonly defaults: RunsSettings;
  /** The course's network for these settings. */
  courseGraph(s: RunsSettings): Graph;
  /** The batch's runs from a base graph (already set to the settings' epochs, data and rate). */
  variants(base: Graph, s: RunsSettings): Variant[];
}

/** One run of a batch before it is named. */
export interface Variant {
  readonly graph: Graph;
  /** i18n key of the label and its values (numbers formatted by `experimentSpecs`). */
  readonly labelKey: string;
  readonly labelVars: Record<string, string | number>;
  readonly values: Record<string, number>;
}

/** Words in the UI language: `t` as useLocale gives it. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

/**
 * The course's MNIST MLP: `hidden` Dense layers of 100 ReLU units (He), a 10-unit output,
 * softmax and cross-entropy, SGD — "5-layer, 100-unit" is four hidden layers and the output.
 */
export function courseMlp(hidden: number, s: RunsSettings, validationSplit: number): Graph {
  const layers: g.NodeSpec[] = [['flatten', 'Flatten']];
  for (let i = 1; i <= hidden; i++) layers.push([`hidden${i}`, 'Dense', { units: 100, init: 'heNormal' }], [`relu${i}`, 'ReLU']);
  layers.push(['output', 'Dense', { units: 10, init: 'xavierNormal' }], ['softmax', 'Softmax']);
  const ids = ['mnist', ...layers.map((l) => l[0])];
  const wires = [
    ...ids.slice(1).map((id, i) => `${ids[i]}.${i === 0 ? 'x' : 'y'} -> ${id}.x`),
    'softmax.y -> loss.pred', 'mnist.y -> loss.y', 'loss.loss -> sgd.loss',
  ];
  return g.makeGraph([
    ['mnist', 'Dataset', { source: 'mnist', normalize: 'standardize', limit: s.limit }],
    ...layers,
    ['loss', 'CrossEntropy'],
    ['sgd', 'SGD', { learningRate: s.learningRate }],
    ['training', 'Training', { epochs: s.epochs, batchSize: s.batchSize, seed: 1, validationSplit }],
  ], wires);
}

/** σ of a normal initialiser preset, for a run's lab values (Xavier and He depend on the layer). */
const NORMAL_STD: Partial<Record<InitPreset, number>> = { normal1: 1, normal001: 0.01 };
const stdValue = (p: InitPreset): Record<string, number> => (NORMAL_STD[p] !== undefined ? { weightStd: NORMAL_STD[p] } : {});

export const EXPERIMENTS: Readonly<Record<RunsExperimentId, RunsExperimentDef>> = {
  // The course's weight_init_compare: the four initialisers on the same net, SGD lr 0.01.
  'init-mnist': {
    id: 'init-mnist',
    settings: ['base', 'inits', 'epochs', 'limit', 'learningRate', 'batchSize'],
    defaults: { base: 'course', epochs: 10, limit: 5000, learningRate: 0.01, batchSize: 100, lambda: 0, dropout: 0, inits: lab.INIT_PRESETS },
    courseGraph: (s) => courseMlp(4, s, 0.1),
    variants: (base, s) => s.inits.map((init) => ({
      graph: lab.withInit(base, init), labelKey: `lab.runs.init.${init}`, labelVars: {}, values: stdValue(init),
    })),
  },
  // The course's batch_norm_test: with and without BatchNorm for several weight scales, 1,000 digits.
  batchnorm: {
    id: 'batchnorm',
    settings: ['base', 'inits', 'epochs', 'limit', 'learningRate', 'batchSize'],
    defaults: { base: 'course', epochs: 20, limit: 1000, learningRate: 0.01, batchSize: 100, lambda: 0, dropout: 0, inits: ['normal1', 'normal001', 'heNormal'] },
    courseGraph: (s) => courseMlp(4, s, 0.1),
    variants: (base, s) => s.inits.flatMap((init) => {
      const scaled = lab.withInit(base, init);
      return [false, true].map((on) => ({
        graph: lab.withBatchNorm(scaled, on),
        labelKey: on ? 'lab.runs.label.bnOn' : 'lab.runs.label.bnOff',
        labelVars: { init: `lab.runs.init.${init}` },
        values: { batchNorm: on ? 1 : 0, ...stdValue(init) },
      }));
    }),
  },
  // The course's overfit_weight_decay / overfit_dropout: a 7-layer net on 300 digits. Half of the
  // 600 digits kept are held out for validation, so the train and validation curves part.
  overfitting: {
    id: 'overfitting',
    settings: ['base', 'lambda', 'dropout', 'epochs', 'limit', 'learningRate', 'batchSize'],
    // λ 0.05 here is the course's 0.1: its cost adds ½λΣW², ours λΣW².
    defaults: { base: 'course', epochs: 150, limit: 600, learningRate: 0.01, batchSize: 100, lambda: 0.05, dropout: 0.2, inits: [] },
    courseGraph: (s) => courseMlp(6, s, 0.5),
    variants: (base, s) => {
      const plain = lab.withDropout(lab.withWeightDecay(base, 0), 0);
      const l2 = (x: Graph) => lab.withWeightDecay(x, s.lambda);
      const drop = (x: Graph) => lab.withDropout(x, s.dropout);
      const vars = { lambda: s.lambda, rate: s.dropout };
      return [
        { graph: plain, labelKey: 'lab.runs.label.plain', labelVars: vars, values: { lambda: 0, dropout: 0 } },
        { graph: l2(plain), labelKey: 'lab.runs.label.l2', labelVars: vars, values: { lambda: s.lambda, dropout: 0 } },
        { graph: drop(plain), labelKey: 'lab.runs.label.dropout', labelVars: vars, values: { lambda: 0, dropout: s.dropout } },
        { graph: drop(l2(plain)), labelKey: 'lab.runs.label.both', labelVars: vars, values: { lambda: s.lambda, dropout: s.dropout } },
      ];
    },
  },
};

/**
 * Why the user's graph cannot be an experiment's base (an i18n key), or null when it can: it must
 * be valid and have a Dense layer (the initialisers, BatchNorm and dropout act on Dense layers).
 */
export function graphProblem(graph: Graph | null): string | null {
  if (!graph || !graph.nodes.some((n) => n.kind === 'Dense')) return 'lab.runs.base.noDense';
  return g.validateGraph(graph).ok ? null : 'lab.runs.base.invalid';
}

/** The user's graph set to the settings: epochs and batch size, MNIST's subset, the optimiser's rate. */
export function userBase(graph: Graph, s: RunsSettings): Graph {
  let out = lab.withTraining(graph, { epochs: s.epochs, batchSize: s.batchSize });
  const data = out.nodes.find((n) => g.getNodeDef(n.kind)?.category === 'Data');
  if (data?.params.source === 'mnist') out = lab.withDataset(out, { limit: s.limit });
  const optimizer = out.nodes.find((n) => g.getNodeDef(n.kind)?.category === 'Optimizer');
  if (optimizer) out = lab.setParam(out, optimizer.id, 'learningRate', s.learningRate);
  return out;
}

/** Settings with every number inside its range (integers rounded) and only known initialisers. */
export function clampSettings(s: RunsSettings): RunsSettings {
  const out: Record<string, unknown> = { ...s };
  for (const [name, def] of Object.entries(NUMBER_SETTINGS) as [NumberSettingName, NumberSettingDef][]) {
    const v = Number.isFinite(s[name]) ? s[name] : EXPERIMENTS['init-mnist'].defaults[name];
    const r = def.integer ? Math.round(v) : v;
    out[name] = Math.min(def.max, Math.max(def.min, r));
  }
  out.inits = lab.INIT_PRESETS.filter((p) => s.inits.includes(p));
  return out as unknown as RunsSettings;
}

export interface SpecContext {
  /** The user's graph (used when `settings.base` is 'graph'). */
  readonly graph: Graph | null;
  /** The batch id every spec carries. */
  readonly batch: string;
  readonly t: Translate;
  /** Formats a number for a label in the UI's locale. */
  readonly format: (v: number) => string;
}

/**
 * The batch of runs `settings` ask for. Throws a TextError (`graphProblem`'s message, shown in
 * the reader's language) when the base is the user's graph and that graph cannot serve.
 */
export function experimentSpecs(id: RunsExperimentId, settings: RunsSettings, ctx: SpecContext): LabRunSpec[] {
  const def = EXPERIMENTS[id];
  const s = clampSettings(settings);
  let base: Graph;
  if (s.base === 'graph') {
    const problem = graphProblem(ctx.graph);
    if (problem) throw new TextError({ key: problem });
    base = userBase(ctx.graph!, s);
  } else {
    base = def.courseGraph(s);
  }
  return def.variants(base, s).map((v) => {
    // Label values: numbers in the locale; values that are i18n keys (an initialiser's name) translated.
    const vars = Object.fromEntries(Object.entries(v.labelVars).map(([k, x]) =>
      [k, typeof x === 'number' ? ctx.format(x) : x.startsWith('lab.') ? ctx.t(x) : x]));
    return {
      graph: v.graph,
      label: ctx.t(v.labelKey, vars),
      lab: { experiment: id, batch: ctx.batch, values: v.values },
    };
  });
}
