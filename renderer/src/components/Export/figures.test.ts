import { describe, expect, it } from 'vitest';
import type { project, protocol } from '../../../../engine';
import { buildColumns, lossCurves, type LiveCurves } from '../Panels/Curves/curvesData';
import { classPalette } from '../Panels/Boundary/boundaryImage';
import { boundaryPlot, confusionHeatmap, predictionsGrid, runsChart, uplotChart, type UplotLike } from './figures';
import { DEFAULT_THEME, gridPlot, heatmap, imageGrid, lineChart, svgDocument } from './svg';
import { checkXml, elements, polylinePoints } from './xmlCheck';

const fmt = (v: number) => String(v);

/** A live run of `epochs` epochs, 4 batches each, as the curves panel holds it. */
function live(epochs: number): LiveCurves {
  const batchX: number[] = [];
  const batchLoss: number[] = [];
  for (let e = 0; e < epochs; e++) {
    for (let b = 1; b <= 4; b++) {
      batchX.push(e + b / 4);
      batchLoss.push(1 / (e + b / 4));
    }
  }
  return { batchX, batchLoss, epochs: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), valLoss: 1.1 / (i + 1) })) };
}

/** The parts of a built uPlot chart the SVG reads, as the curves panel sets them up. */
function fakeUplot(run: LiveCurves): UplotLike {
  const specs = lossCurves(run, true, []);
  const data = buildColumns(specs, run, [], { smoothing: 0.6, log: false });
  const style = [
    { label: 'training loss per batch', stroke: '#a9c9f5', width: 1, alpha: 0.5, points: { show: false } },
    { label: 'training loss per batch, smoothed', stroke: () => '#2f80ed', width: 1.5, points: { show: false } },
    { label: 'training loss', stroke: '#173f7a', width: 2, points: { show: () => true } },
    { label: 'validation loss', stroke: '#e8590c', width: 2, dash: [2, 3], points: { show: true } },
  ];
  return {
    data, width: 400, height: 240,
    series: [{ label: 'epoch' }, ...style],
    scales: { x: { min: 0, max: 12 }, y: { min: 0, max: 1.2, distr: 1 } },
    axes: [{ label: 'epoch' }, { label: 'loss' }],
  } as unknown as UplotLike;
}

describe('the curves panel as SVG', () => {
  it('draws each uPlot series as a polyline: one point per epoch for the epoch curves, per batch for the batch curves', () => {
    const run = live(12);
    const svg = svgDocument([lineChart(uplotChart(fakeUplot(run), { formatX: fmt, formatY: fmt, theme: DEFAULT_THEME }))]);
    checkXml(svg);
    const lines = elements(svg, 'polyline');
    expect(lines.map((l) => l.attrs['data-label'])).toEqual(['training loss per batch', 'training loss per batch, smoothed', 'training loss', 'validation loss']);
    expect(polylinePoints(lines[0])).toHaveLength(48);
    expect(polylinePoints(lines[2])).toHaveLength(12);
    expect(polylinePoints(lines[3])).toHaveLength(12);
    expect(lines[1].attrs.stroke).toBe('#2f80ed'); // a stroke function is resolved
    expect(lines[3].attrs['stroke-dasharray']).toBe('2 3');
    // Dots on the per-epoch curves only.
    expect(elements(svg, 'circle')).toHaveLength(24);
    const texts = elements(svg, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['epoch', 'loss', 'validation loss', '0', '5', '10']));
  });

  it('keeps uPlot’s axis ranges, so the export matches the screen', () => {
    const chart = uplotChart(fakeUplot(live(3)), { formatX: fmt, formatY: fmt, theme: DEFAULT_THEME });
    expect(chart.xRange).toEqual([0, 12]);
    expect(chart.yRange).toEqual([0, 1.2]);
    expect(chart.logY).toBe(false);
  });
});

const record = (id: string, losses: number[], val?: number[]): project.RunRecord => ({
  id, startedAt: '2025-03-03T14:02:00Z', status: 'completed', settings: { optimizer: 'Adam' }, graphHash: '0',
  epochs: losses.map((loss, i) => ({ epoch: i + 1, loss, seconds: 1, ...(val ? { valLoss: val[i] } : {}) })),
});

describe('the runs panel as SVG', () => {
  it('draws a loss curve per run that trained, validation dashed in the run’s colour, with a legend', () => {
    const runs = [record('a', [1, 0.5, 0.25], [1.1, 0.6, 0.3]), record('b', []), record('c', [2, 1])];
    const chart = runsChart(runs, {
      title: 'Training loss of the runs', xLabel: 'epoch', yLabel: 'loss', labelOf: (r) => `run ${r.id}`, valLabel: (l) => `${l} (validation)`,
      colors: ['#111111', '#222222'], formatX: fmt, formatY: fmt, theme: DEFAULT_THEME,
    });
    const svg = svgDocument([lineChart(chart)]);
    checkXml(svg);
    const lines = elements(svg, 'polyline');
    expect(lines.map((l) => [l.attrs['data-label'], polylinePoints(l).length, l.attrs.stroke])).toEqual([
      ['run a', 3, '#111111'], ['run a (validation)', 3, '#111111'], ['run c', 2, '#222222'],
    ]);
    expect(elements(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['Training loss of the runs', 'run a', 'run c']));
  });
});

describe('raster-like panels as SVG', () => {
  it('draws the boundary grid in the panel’s colours and every training point', () => {
    const palette = classPalette(2);
    // 2×2 grid: left column sure of class 0, right column sure of class 1.
    const boundary: protocol.Boundary = { resolution: 2, classes: 2, probs: new Float32Array([1, 0, 0, 1, 1, 0, 0, 1]) };
    const points = { xy: new Float32Array([-1, -1, 1, 1, 0.5, -0.5]), labels: new Uint8Array([0, 1, 1]), xRange: [-2, 2] as [number, number], yRange: [-2, 2] as [number, number] };
    const svg = svgDocument([gridPlot(boundaryPlot({ boundary, points, palette, names: ['class 0', 'class 1'], xLabel: 'input 1', yLabel: 'input 2', format: fmt, theme: DEFAULT_THEME }))]);
    checkXml(svg);
    const cells = elements(svg, 'g').find((g) => g.attrs.class === 'grid-cells');
    expect(cells).toBeDefined();
    // The cells (the legend's swatches have an outline).
    const rects = elements(svg, 'rect').filter((r) => r.attrs.fill?.startsWith('rgb(') && !r.attrs.stroke);
    expect(rects).toHaveLength(4); // two colours per row, two rows
    expect(rects[0].attrs.fill).toBe(`rgb(${palette[0].join(',')})`);
    expect(rects[1].attrs.fill).toBe(`rgb(${palette[1].join(',')})`);
    expect(elements(svg, 'circle')).toHaveLength(3);
  });

  it('draws a confusion matrix shaded by row share, diagonal in the accent colour', () => {
    const counts = [8, 2, 0, 10];
    const shares = [0.8, 0.2, 0, 1];
    const svg = svgDocument([heatmap(confusionHeatmap({
      classes: 2, counts, shares, labels: ['0', '1'], rowTitle: 'True', colTitle: 'Predicted', accent: '#0000ff', error: '#ff0000',
      count: (n) => n.toLocaleString('en'), theme: DEFAULT_THEME,
    }))]);
    checkXml(svg);
    const cells = elements(svg, 'rect').filter((r) => r.attrs['data-row'] !== undefined);
    expect(cells.map((c) => c.attrs.fill)).toEqual(['rgb(51,51,255)', 'rgb(255,204,204)', 'rgb(255,255,255)', 'rgb(0,0,255)']);
    expect(elements(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['True', 'Predicted', '8', '10']));
  });

  it('draws the predictions’ images pixel by pixel with their captions, mistakes marked', () => {
    // Two 2×2 grey images: one all black, one half white.
    const samples: protocol.Samples = {
      images: new Float32Array([0, 0, 0, 0, 1, 1, 0, 0]), shape: [2, 2, 1],
      labels: new Uint8Array([3, 7]), predicted: new Uint8Array([3, 1]), confidence: new Float32Array([0.9, 0.6]),
    };
    const svg = svgDocument([imageGrid(predictionsGrid(samples, { caption: (l, p) => `${l} → ${p}`, errorColor: '#d63031', theme: DEFAULT_THEME }))]);
    checkXml(svg);
    const images = elements(svg, 'g').filter((g) => g.attrs.class === 'image');
    expect(images.map((g) => g.attrs['data-caption'])).toEqual(['3 → 3', '7 → 1']);
    const captions = elements(svg, 'text').filter((t) => t.text.includes('→'));
    expect(captions.map((c) => c.attrs.fill)).toEqual([DEFAULT_THEME.fg, '#d63031']);
    // One rect per row run: 2 for the flat image, 2 for the other, plus two frames.
    expect(elements(svg, 'rect').length).toBe(1 + 2 + 2 + 2);
  });
});
