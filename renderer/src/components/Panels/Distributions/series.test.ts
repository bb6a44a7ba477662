import { describe, expect, it } from 'vitest';
import { train, type graph, type protocol } from '../../../../../engine';
import { defaultLayer, keepOrFirst, layerName, probedLayers, seriesOf } from './series';

const h = (values: number[]): protocol.HistogramInfo => train.histogram(values, 4);

/** A probe of an MLP: Flatten (no params), Dense d1 (kernel, bias), ReLU r1 (no params). */
function probe(epoch: number, batch: number, scale: number, withGradients = true): protocol.Probe {
  return {
    epoch, batch, layers: [
      { nodeId: 'flat', activations: h([0, 0.5, 1]), weights: {}, gradients: {} },
      {
        nodeId: 'd1', activations: h([-scale, scale]),
        weights: { kernel: h([-scale, 0, scale]), bias: h([0, 0]) },
        gradients: withGradients ? { kernel: h([-0.01, 0.01]), bias: h([0.001]) } : {},
      },
      { nodeId: 'r1', activations: h([0, scale]), weights: {}, gradients: {} },
    ],
  };
}

const info = {
  layers: [
    { nodeId: 'flat', kind: 'Flatten', params: [] },
    { nodeId: 'd1', kind: 'Dense', params: ['kernel', 'bias'] },
    { nodeId: 'r1', kind: 'ReLU', params: [] },
    { nodeId: 'unprobed', kind: 'Dropout', params: [] },
  ],
} as unknown as protocol.RunStart;

describe('probedLayers', () => {
  it('lists the layers the probes report on, in model order, with kinds and parameters', () => {
    expect(probedLayers(info, [probe(1, 0, 0.1), probe(1, 5, 0.2)])).toEqual([
      { nodeId: 'flat', kind: 'Flatten', params: [] },
      { nodeId: 'd1', kind: 'Dense', params: ['kernel', 'bias'] },
      { nodeId: 'r1', kind: 'ReLU', params: [] },
    ]);
  });

  it('offers layers only the probes know, with the parameters the probe carries', () => {
    expect(probedLayers(null, [probe(1, 0, 0.1)]).map((l) => [l.nodeId, l.kind, l.params])).toEqual([
      ['flat', '', []], ['d1', '', ['kernel', 'bias']], ['r1', '', []],
    ]);
  });

  it('is empty before the first probe', () => {
    expect(probedLayers(info, [])).toEqual([]);
  });
});

describe('choosing what to show', () => {
  it('starts on the first layer with parameters', () => {
    expect(defaultLayer(probedLayers(info, [probe(1, 0, 0.1)]))).toBe('d1');
    expect(defaultLayer([{ nodeId: 'a', kind: 'ReLU', params: [] }])).toBe('a');
    expect(defaultLayer([])).toBeNull();
  });

  it('keeps a choice that is still offered and falls back to the first otherwise', () => {
    expect(keepOrFirst('bias', ['kernel', 'bias'])).toBe('bias');
    expect(keepOrFirst('gamma', ['kernel', 'bias'])).toBe('kernel');
    expect(keepOrFirst(null, ['kernel'])).toBe('kernel');
    expect(keepOrFirst('kernel', [])).toBeNull();
  });
});

describe('seriesOf', () => {
  const probes = [probe(1, 0, 0.1), probe(1, 9, 0.2), probe(2, 4, 0.3, false)];

  it('gives one histogram per probe, oldest first, for the chosen parameter', () => {
    const s = seriesOf(probes, 'd1', 'weights', 'kernel');
    expect(s.map((p) => [p.epoch, p.batch, p.hist.max])).toEqual([[1, 0, 0.1], [1, 9, 0.2], [2, 4, 0.3]]);
    expect(seriesOf(probes, 'd1', 'weights', 'bias').map((p) => p.hist.std)).toEqual([0, 0, 0]);
  });

  it('reads activations whatever the parameter', () => {
    expect(seriesOf(probes, 'r1', 'activations', null).map((p) => p.hist.max)).toEqual([0.1, 0.2, 0.3]);
  });

  it('skips probes without the quantity (no gradients) and layers without parameters', () => {
    expect(seriesOf(probes, 'd1', 'gradients', 'kernel').map((p) => p.batch)).toEqual([0, 9]);
    expect(seriesOf(probes, 'r1', 'weights', null)).toEqual([]);
    expect(seriesOf(probes, 'missing', 'activations', null)).toEqual([]);
  });
});

describe('layerName', () => {
  const node = (id: string, label?: string) => ({ id, kind: 'Dense', params: {}, position: { x: 0, y: 0 }, ...(label ? { label } : {}) });
  const editor = { nodes: [node('d1', 'hidden 1')], edges: [] } as unknown as graph.Graph;
  const trained = { nodes: [node('d1', 'old name'), node('d2', 'output')], edges: [] } as unknown as graph.Graph;

  it("uses the editor's label, then the trained graph's, then the id", () => {
    expect(layerName('d1', editor, trained)).toBe('hidden 1');
    expect(layerName('d2', editor, trained)).toBe('output');
    expect(layerName('d3', editor, trained)).toBe('d3');
    expect(layerName('d4', { nodes: [node('d4')], edges: [] } as unknown as graph.Graph)).toBe('d4');
  });
});
