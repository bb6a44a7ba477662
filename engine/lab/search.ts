/**
 * Random hyperparameter search as the course does it: each trial's values drawn at random —
 * on a log scale for rates and decays (10^U(log10 min, log10 max)), so every decade is sampled
 * alike — each trial a short run, judged on the validation split only. The test split is never
 * used for choosing: `rankTrials` reads validation metrics and nothing else, and the editor runs
 * trials with the test evaluation switched off.
 */
import { ArgumentError } from '../core/errors';
import { Random } from '../core/random';
import { msg } from '../i18n/message';
// The built-in node kinds, registered on import: the lab reads their declarations.
import '../graph/nodes';
import { getNodeDef, isParamVisible } from '../graph/registry';
import type { Graph } from '../graph/schema';

/**
 * A searched parameter: `id` is 'weightDecay' (L2 λ on every node with a `regularizer` param;
 * the sampled λ sets regularizer 'l2') or '<nodeId>.<param>' for one node's numeric parameter.
 */
export interface SearchParam {
  id: string;
  min: number;
  max: number;
  scale: 'log' | 'linear';
  /** Rounds samples to integers (units, batch size, epochs). */
  integer?: boolean;
}

export interface Trial {
  /** 0-based. */
  readonly index: number;
  /** By SearchParam id. */
  readonly values: Readonly<Record<string, number>>;
}

export const WEIGHT_DECAY = 'weightDecay';
/** Most trials one search draws. */
export const MAX_TRIALS = 10_000;

/** Checks a search's parameters; the message (`labError.search.*`) names the parameter at fault. */
export function validateSearchParams(params: readonly SearchParam[]): void {
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.id)) throw new ArgumentError(msg('labError.search.duplicate', { id: p.id }));
    seen.add(p.id);
    // Texts, not numbers: NaN and ±Infinity stay readable wherever the message is sent.
    const range = { id: p.id, min: String(p.min), max: String(p.max) };
    if (!Number.isFinite(p.min) || !Number.isFinite(p.max)) throw new ArgumentError(msg('labError.search.notNumbers', range));
    if (!(p.min < p.max)) throw new ArgumentError(msg('labError.search.emptyRange', range));
    if (p.scale === 'log' && !(p.min > 0)) throw new ArgumentError(msg('labError.search.logNotPositive', range));
    if (p.integer && Math.ceil(p.min) > Math.floor(p.max)) throw new ArgumentError(msg('labError.search.noWholeNumber', range));
  }
}

/** `count` trials drawn with a seeded generator: log scale ⇒ 10^U(log10 min, log10 max). */
export function sampleTrials(params: readonly SearchParam[], count: number, seed: number): Trial[] {
  validateSearchParams(params);
  if (!Number.isInteger(count) || count < 1 || count > MAX_TRIALS) throw new ArgumentError(msg('labError.search.trialCount', { max: MAX_TRIALS, count: String(count) }));
  const rng = new Random(seed);
  return Array.from({ length: count }, (_, index) => {
    const values: Record<string, number> = {};
    for (const p of params) {
      const u = rng.uniform();
      let v = p.scale === 'log'
        ? 10 ** (Math.log10(p.min) + u * (Math.log10(p.max) - Math.log10(p.min)))
        : p.min + u * (p.max - p.min);
      // Three significant digits: a value a person can read, type and put in a node (8.52e-2, not 0.08522299585773047).
      v = p.integer ? Math.round(v) : Number(v.toPrecision(3));
      v = p.integer ? Math.min(Math.floor(p.max), Math.max(Math.ceil(p.min), v)) : Math.min(p.max, Math.max(p.min, v));
      values[p.id] = v;
    }
    return { index, values };
  });
}

/** The node id and parameter of a '<nodeId>.<param>' id (node ids may hold dots: split at the last). */
function splitId(id: string): { nodeId: string; param: string } {
  const dot = id.lastIndexOf('.');
  if (dot <= 0 || dot === id.length - 1) throw new ArgumentError(msg('labError.search.badId', { id }));
  return { nodeId: id.slice(0, dot), param: id.slice(dot + 1) };
}

function paramNames(kind: string): string[] {
  const shape = (getNodeDef(kind)?.params as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** The graph with the trial's values set (a new graph; the input is not changed). */
export function applyTrial(graph: Graph, trial: Pick<Trial, 'values'>): Graph {
  const out = JSON.parse(JSON.stringify(graph)) as Graph;
  for (const [id, value] of Object.entries(trial.values)) {
    if (id === WEIGHT_DECAY) {
      const layers = out.nodes.filter((n) => paramNames(n.kind).includes('regularizer'));
      if (!layers.length) throw new ArgumentError(msg('labError.search.noWeights'));
      for (const n of layers) Object.assign(n.params, { regularizer: 'l2', lambda: value });
      continue;
    }
    const { nodeId, param } = splitId(id);
    const n = out.nodes.find((x) => x.id === nodeId);
    if (!n) throw new ArgumentError(msg('labError.search.noNode', { node: nodeId, id }));
    if (!paramNames(n.kind).includes(param)) throw new ArgumentError(msg('labError.search.noParam', { node: nodeId, kind: n.kind, param }));
    n.params[param] = value;
  }
  return out;
}

/**
 * Learning-rate ranges for a search of a few epochs, per optimiser. Measured on spiral-mlp
 * trained 3 epochs (validation accuracy, chance 0.33): below 1e-3 no optimiser learns anything;
 * plain SGD and Momentum need 0.01 … 1 (Momentum's step is about lr / (1 − α), but on few steps
 * it still wants large rates), AdaGrad (whose steps shrink as it goes) 0.01 … 1, Adam and
 * RMSProp peak at 0.03 … 0.1 and fall off above. The MNIST examples (hundreds of steps an
 * epoch) train Adam at 1e-3 and SGD at 0.05, so each range spans three decades holding both.
 */
const LR_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  SGD: [1e-3, 1], Momentum: [1e-3, 1], Perceptron: [1e-3, 1], AdaGrad: [1e-3, 1], RMSProp: [1e-4, 1e-1], Adam: [1e-4, 1e-1],
};

/**
 * The course's search: the optimiser's learning rate and the weight decay, both on a log scale.
 * Weight decay over the course's 1e-8 … 1e-4. The course's learning-rate range, 1e-6 … 1e-2, is
 * for plain SGD over many epochs; in the few epochs of a trial it trains nothing, so the rate is
 * searched over the optimiser's range in LR_RANGES instead.
 */
export function defaultSearchParams(graph: Graph): SearchParam[] {
  const out: SearchParam[] = [];
  const optimizer = graph.nodes.find((n) => getNodeDef(n.kind)?.category === 'Optimizer');
  if (optimizer) {
    const [min, max] = LR_RANGES[optimizer.kind] ?? [1e-4, 1e-1];
    out.push({ id: `${optimizer.id}.learningRate`, min, max, scale: 'log' });
  }
  if (graph.nodes.some((n) => paramNames(n.kind).includes('regularizer'))) out.push({ id: WEIGHT_DECAY, min: 1e-8, max: 1e-4, scale: 'log' });
  return out;
}

/** Parameters a search should not vary: they do not change what is learned, or pick the data. */
const NOT_SEARCHED: ReadonlySet<string> = new Set(['seed', 'threads', 'samples', 'limit', 'classes']);

interface NumberSchemaInfo {
  min?: number;
  max?: number;
  integer: boolean;
}

/** The bounds of a zod number schema (through defaults/optionals), or null when it is not a number. */
function numberInfo(schema: unknown): NumberSchemaInfo | null {
  let s = schema as { def?: { type?: string; innerType?: unknown }; minValue?: number | null; maxValue?: number | null; isInt?: boolean } | undefined;
  for (let i = 0; i < 5 && s?.def && (s.def.type === 'default' || s.def.type === 'optional' || s.def.type === 'nullable'); i++) {
    s = s.def.innerType as typeof s;
  }
  if (s?.def?.type !== 'number') return null;
  const finite = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const min = finite(s.minValue);
  const max = finite(s.maxValue);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), integer: !!s.isInt };
}

/** Every numeric parameter of the graph's nodes that a search could vary (with the registry's bounds where it has them). */
export function searchableParams(graph: Graph): { id: string; nodeId: string; param: string; value: number; integer: boolean; min?: number; max?: number }[] {
  const out: { id: string; nodeId: string; param: string; value: number; integer: boolean; min?: number; max?: number }[] = [];
  for (const n of graph.nodes) {
    const def = getNodeDef(n.kind);
    if (!def) continue;
    const parsed = def.params.safeParse(n.params);
    if (!parsed.success) continue;
    const values = parsed.data as Record<string, unknown>;
    const shape = (def.params as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    for (const [param, schema] of Object.entries(shape)) {
      // Parameters the inspector hides for these settings (MNIST's noise, λ without a regulariser) do nothing.
      if (NOT_SEARCHED.has(param) || !isParamVisible(def, param, values)) continue;
      const info = numberInfo(schema);
      const value = values[param];
      if (!info || typeof value !== 'number') continue;
      out.push({ id: `${n.id}.${param}`, nodeId: n.id, param, value, integer: info.integer, ...(info.min !== undefined ? { min: info.min } : {}), ...(info.max !== undefined ? { max: info.max } : {}) });
    }
  }
  return out;
}

/**
 * A graph made ready for a search trial: a validation split of at least `minValidation`
 * (default 0.2) so there is something to choose on, and `epochs`/`threads` when given.
 */
export function searchTrialGraph(graph: Graph, options: { epochs?: number; minValidation?: number; threads?: number }): Graph {
  const out = JSON.parse(JSON.stringify(graph)) as Graph;
  const training = out.nodes.find((n) => n.kind === 'Training');
  if (!training) throw new ArgumentError(msg('labError.search.noTraining'));
  const minValidation = options.minValidation ?? 0.2;
  const split = typeof training.params.validationSplit === 'number' ? training.params.validationSplit : 0.2;
  training.params.validationSplit = Math.max(split, minValidation);
  if (options.epochs !== undefined) training.params.epochs = options.epochs;
  if (options.threads !== undefined) training.params.threads = options.threads;
  return out;
}

/** Trials best first, by validation accuracy (else lowest validation loss); ones without validation metrics last. Never reads test metrics. */
export function rankTrials<T extends { valAccuracy?: number; valLoss?: number }>(results: readonly T[]): T[] {
  const key = (r: T): [number, number] => {
    if (typeof r.valAccuracy === 'number' && Number.isFinite(r.valAccuracy)) return [0, -r.valAccuracy];
    if (typeof r.valLoss === 'number' && Number.isFinite(r.valLoss)) return [1, r.valLoss];
    return [2, 0];
  };
  return results
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.r);
}
