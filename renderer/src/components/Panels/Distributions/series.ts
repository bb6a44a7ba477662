/**
 * What the distributions panel offers and draws, read out of a run's probes: the layers a user
 * can pick, their parameters, and one layer's histograms over time. Pure functions of the run's
 * data, so the panel stays a thin view (tested in series.test.ts).
 */
import type { graph, protocol } from '../../../../../engine';

/** The three things a probe measures per layer. */
export type Quantity = 'weights' | 'activations' | 'gradients';

/** A model step that the probes report on. */
export interface ProbedLayer {
  readonly nodeId: string;
  /** Node kind ('Dense'); empty when the run's start message has not said. */
  readonly kind: string;
  /** Parameter names (kernel, bias, gamma …); empty for layers without any (ReLU, Flatten). */
  readonly params: readonly string[];
}

/** One histogram of the series and when it was taken. */
export interface SeriesPoint {
  readonly epoch: number;
  readonly batch: number;
  readonly hist: protocol.HistogramInfo;
}

/**
 * The run's layers that appear in at least one probe, in model order. The start message names
 * the layers and their kinds; a probe may leave a step out, and a layer only the probes know
 * (should the start message be missing) is still offered, with its parameter names taken from
 * the probe.
 */
export function probedLayers(info: protocol.RunStart | null, probes: readonly protocol.Probe[]): ProbedLayer[] {
  const seen = new Map<string, protocol.LayerProbeInfo>();
  for (const p of probes) for (const l of p.layers) seen.set(l.nodeId, l);
  const out: ProbedLayer[] = [];
  for (const l of info?.layers ?? []) {
    const probe = seen.get(l.nodeId);
    if (!probe) continue;
    out.push({ nodeId: l.nodeId, kind: l.kind, params: mergeNames(l.params, Object.keys(probe.weights)) });
    seen.delete(l.nodeId);
  }
  for (const [nodeId, probe] of seen) out.push({ nodeId, kind: '', params: Object.keys(probe.weights) });
  return out;
}

function mergeNames(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((n) => !a.includes(n))];
}

/**
 * The layer shown first: the first with parameters (weights are what a learner comes to see),
 * else the first layer, else null when there is none.
 */
export function defaultLayer(layers: readonly ProbedLayer[]): string | null {
  return (layers.find((l) => l.params.length > 0) ?? layers[0])?.nodeId ?? null;
}

/** `wanted` when it is one of `options`, else the first option (or null when there is none). */
export function keepOrFirst<T>(wanted: T | null, options: readonly T[]): T | null {
  return wanted !== null && options.includes(wanted) ? wanted : (options[0] ?? null);
}

/**
 * One layer's histograms of `quantity` across the probes, oldest first. Weights and gradients
 * are per parameter (`param`); probes lacking the layer or the parameter are skipped (a probe
 * taken without a backward pass has no gradients).
 */
export function seriesOf(
  probes: readonly protocol.Probe[], nodeId: string, quantity: Quantity, param: string | null,
): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const p of probes) {
    const layer = p.layers.find((l) => l.nodeId === nodeId);
    if (!layer) continue;
    const hist = quantity === 'activations' ? layer.activations : param === null ? undefined : layer[quantity][param];
    if (hist) out.push({ epoch: p.epoch, batch: p.batch, hist });
  }
  return out;
}

/**
 * The name a person gave the node (its label, else its id when the label is absent or blank), looked up in the editor's graph and
 * then in the graph the run trained (the node may have been deleted since Train was pressed).
 */
export function layerName(nodeId: string, ...graphs: readonly (graph.Graph | null | undefined)[]): string {
  for (const g of graphs) {
    const node = g?.nodes.find((n) => n.id === nodeId);
    if (node) return node.label?.trim() ? node.label : node.id;
  }
  return nodeId;
}
