/**
 * The settings of the optimiser-paths experiment: which extra settings each optimiser has
 * besides its learning rate, the range each may take (the optimiser nodes' own limits, so a
 * setting copied from a node always fits), and the graph's optimiser nodes a setting can be
 * copied from.
 */
import { lab, type graph as g } from '../../../../../../engine';

export type PathSetting = 'learningRate' | 'momentum' | 'decay' | 'beta1' | 'beta2' | 'epsilon';

/** The settings shown under "more" per optimiser (the learning rate is always shown). */
export const EXTRA_SETTINGS: Readonly<Record<lab.PathOptimizerKind, readonly PathSetting[]>> = {
  sgd: [],
  momentum: ['momentum'],
  adagrad: ['epsilon'],
  rmsprop: ['decay', 'epsilon'],
  adam: ['beta1', 'beta2', 'epsilon'],
};

/** The engine's defaults for a setting an optimiser leaves unset. */
export const SETTING_DEFAULTS: Readonly<Record<Exclude<PathSetting, 'learningRate'>, number>> = {
  momentum: 0.9, decay: 0.99, beta1: 0.9, beta2: 0.999, epsilon: 1e-7,
};

/** True when `v` may be used for `setting` (the optimiser nodes' ranges). */
export function acceptSetting(setting: PathSetting, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  switch (setting) {
    case 'learningRate': return v > 0 && v <= 100;
    case 'momentum': return v >= 0 && v <= 0.999;
    case 'decay': return v >= 0 && v <= 0.9999;
    case 'beta1': return v >= 0 && v <= 0.9999;
    case 'beta2': return v >= 0 && v <= 0.99999;
    case 'epsilon': return v > 0 && v <= 1;
  }
}

export const MAX_STEPS = 1000;
export const acceptSteps = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_STEPS;
/** A start point far beyond any sensible contour plot is a typo, not an experiment. */
export const acceptStart = (v: number) => Number.isFinite(v) && Math.abs(v) <= 1e4;

/** A setting's value, the default where the optimiser leaves it unset. */
export function settingOf(o: lab.PathOptimizer, setting: PathSetting): number {
  return setting === 'learningRate' ? o.learningRate : (o[setting] ?? SETTING_DEFAULTS[setting]);
}

/** An optimiser node of the graph whose settings can be copied. */
export interface NodeOption {
  readonly id: string;
  readonly name: string;
  readonly optimizer: lab.PathOptimizer;
}

/**
 * The graph's optimiser nodes the paths can use, in graph order. `fromNode` reads a node's
 * settings (the engine's `pathOptimizerFromNode`); a node it cannot read is left out.
 */
export function nodeOptions(
  nodes: readonly Pick<g.GraphNode, 'id' | 'kind' | 'label' | 'params'>[],
  fromNode: (node: { kind: string; params: Record<string, unknown> }) => lab.PathOptimizer | null = lab.pathOptimizerFromNode,
): NodeOption[] {
  const out: NodeOption[] = [];
  for (const node of nodes) {
    let optimizer: lab.PathOptimizer | null = null;
    try {
      optimizer = fromNode(node);
    } catch (e) {
      // A node with settings the registry rejects cannot be copied; the inspector shows why.
      console.warn(`Lab: the settings of node ${node.id} could not be read`, e);
    }
    if (optimizer) out.push({ id: node.id, name: node.label?.trim() || node.kind, optimizer });
  }
  return out;
}

/** Settings with `optimizer` copied in at its kind (the other optimisers' settings kept). */
export function withCopied(
  settings: Readonly<Record<lab.PathOptimizerKind, lab.PathOptimizer>>,
  optimizer: lab.PathOptimizer,
): Record<lab.PathOptimizerKind, lab.PathOptimizer> {
  return { ...settings, [optimizer.kind]: { ...optimizer } };
}
