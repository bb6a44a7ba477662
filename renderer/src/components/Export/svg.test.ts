import { describe, expect, it } from 'vitest';
import {
  cellRects, escapeXml, gridPlot, heatmap, legendRows, lineChart, logTicks, num, ridgeHistograms, svgDocument, textWidth,
} from './svg';
import { checkXml, elements, polylinePoints } from './xmlCheck';

const epochs = (n: number, f: (e: number) => number) => Array.from({ length: n }, (_, i) => [i + 1, f(i + 1)] as const);

describe('the XML check itself', () => {
  it('accepts well-formed documents and refuses broken ones', () => {
    expect(() => checkXml('<?xml version="1.0"?><a x="1"><b/>t &amp; u</a>')).not.toThrow();
    expect(() => checkXml('<a><b></a>')).toThrow(/closes <b>/);
    expect(() => checkXml('<a x="1" x="2"/>')).toThrow(/twice/);
    expect(() => checkXml('<a>1 < 2</a>')).toThrow();
    expect(() => checkXml('<a>R&D</a>')).toThrow(/&/);
    expect(() => checkXml('<a/><b/>')).toThrow(/one root/);
  });
});

describe('svg primitives', () => {
  it('escapes text and attributes, and drops characters XML forbids', () => {
    expect(escapeXml(`a<b & "c" 'd'>\u0001`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });

  it('prints coordinates short, without exponents or -0', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(2)).toBe('2');
    expect(num(-0.001)).toBe('0');
    expect(num(1e-7)).toBe('0');
    expect(num(12345678.9)).toBe('12345678.9');
    expect(num(Number.NaN)).toBe('0');
  });

  it('measures Hangul wider than Latin, and wraps legends into rows that fit', () => {
    expect(textWidth('손실')).toBeGreaterThan(textWidth('ab'));
    const rows = legendRows(['training loss', 'validation loss', 'a much longer third label here'], 260);
    expect(rows.length).toBe(2);
    expect(rows[0].map((e) => e.index)).toEqual([0, 1]);
    expect(rows[1][0]).toEqual({ index: 2, x: 0 });
  });

  it('gives decades on a log axis, with 2× and 5× inside two decades', () => {
    expect(logTicks(0.001, 10)).toEqual([0.001, 0.01, 0.1, 1, 10]);
    expect(logTicks(0.03, 0.9)).toEqual([0.05, 0.1, 0.2, 0.5]);
  });

  it('merges runs of equal colour into one rect per run', () => {
    const grid = ['a', 'a', 'b', null, 'c', 'c', 'c', 'c'];
    const out = cellRects(4, 2, (c, r) => grid[r * 4 + c], 0, 0, 10);
    expect(out.match(/<rect /g)).toHaveLength(3);
    expect(out).toContain('width="20.3"');
    expect(out).toContain('width="40.3"');
  });
});

describe('line charts', () => {
  const chart = () => lineChart({
    title: 'Loss & accuracy',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [
      { label: 'training loss', color: '#173f7a', points: epochs(12, (e) => 1 / e), markers: true },
      { label: 'validation <loss>', color: '#e8590c', dash: [2, 3], points: [...epochs(12, (e) => 1.2 / e), [13, Number.NaN]] },
    ],
  });

  it('draws one polyline per series with a point per epoch, non-finite ones left out', () => {
    const svg = svgDocument([chart()], { title: 'Curves' });
    checkXml(svg);
    const lines = elements(svg, 'polyline');
    expect(lines).toHaveLength(2);
    expect(polylinePoints(lines[0])).toHaveLength(12);
    expect(polylinePoints(lines[1])).toHaveLength(12);
    expect(lines[1].attrs['stroke-dasharray']).toBe('2 3');
    expect(lines[0].attrs['data-label']).toBe('training loss');
    expect(lines[1].attrs['data-label']).toBe('validation <loss>');
    // Markers on the per-epoch curve only.
    expect(elements(svg, 'circle')).toHaveLength(12);
  });

  it('has a title, axis labels, ticks and a legend naming each series', () => {
    const svg = svgDocument([chart()], { title: 'Curves' });
    const texts = elements(svg, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['Loss & accuracy', 'epoch', 'loss', 'training loss', 'validation <loss>']));
    // Ticks on x at round epochs (the data's range), on y from 0 up.
    expect(texts).toEqual(expect.arrayContaining(['2', '4', '6', '8', '10', '12']));
    expect(texts).toContain('0.0');
    expect(svg).toContain('<title>Curves</title>');
  });

  it('maps larger values higher, and fits every point inside the plot', () => {
    const f = chart();
    const [first] = elements(svgDocument([f]), 'polyline');
    const pts = polylinePoints(first);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i][0]).toBeGreaterThan(pts[i - 1][0]);
      expect(pts[i][1]).toBeGreaterThan(pts[i - 1][1]); // the loss falls: y grows downwards
    }
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(f.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(f.height);
    }
  });

  it('on a log axis leaves out values at or below 0 and labels decades with the locale format', () => {
    const f = lineChart({
      xLabel: 'x', yLabel: 'y', logY: true, formatY: (v) => `≈${v}`,
      series: [{ label: 's', color: 'red', points: [[1, 1], [2, 0.1], [3, 0], [4, 0.01]] }],
    });
    const svg = svgDocument([f]);
    checkXml(svg);
    expect(polylinePoints(elements(svg, 'polyline')[0])).toHaveLength(3);
    const texts = elements(svg, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['≈0.01', '≈0.1', '≈1']));
    // One series: no legend.
    expect(svg).not.toContain('class="legend"');
  });

  it('places figures side by side, with unique clip ids', () => {
    const a = chart();
    const b = lineChart({ xLabel: 'x', yLabel: 'accuracy', yRange: [0, 1], series: [{ label: 'acc', color: 'blue', points: epochs(3, () => 0.5) }] });
    const svg = svgDocument([a, b], { gap: 10 });
    checkXml(svg);
    const root = elements(svg, 'svg')[0];
    expect(Number(root.attrs.width)).toBe(a.width + b.width + 10);
    expect(Number(root.attrs.height)).toBe(Math.max(a.height, b.height));
    const ids = elements(svg, 'clipPath').map((c) => c.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws an empty chart (no data yet) as axes only', () => {
    const svg = svgDocument([lineChart({ xLabel: 'epoch', yLabel: 'loss', series: [] })]);
    checkXml(svg);
    expect(elements(svg, 'polyline')).toHaveLength(0);
  });
});

describe('heat maps, grids and histograms', () => {
  it('draws a confusion matrix as one rect and one count per cell, with both axes named', () => {
    const counts = [50, 2, 0, 3, 40, 7, 1, 0, 60];
    const svg = svgDocument([heatmap({
      title: 'Confusion', rowLabels: ['cat', 'dog', '새'], colLabels: ['cat', 'dog', '새'], rowTitle: 'True', colTitle: 'Predicted',
      fill: (r, c) => (r === c ? '#2f80ed' : '#e03131'), label: (r, c) => String(counts[r * 3 + c]), strong: (r, c) => counts[r * 3 + c] > 30,
    })]);
    checkXml(svg);
    const cells = elements(svg, 'rect').filter((r) => r.attrs['data-row'] !== undefined);
    expect(cells).toHaveLength(9);
    expect(cells[4].attrs.fill).toBe('#2f80ed');
    const texts = elements(svg, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['True', 'Predicted', '새', '50', '60', '7']));
  });

  it('draws the boundary grid as rects and the points as circles', () => {
    const svg = svgDocument([gridPlot({
      size: 200, xRange: [-1, 1], yRange: [-1, 1], xLabel: 'input 1', yLabel: 'input 2',
      grid: { cols: 4, rows: 4, colorAt: (c) => (c < 2 ? 'rgb(245,147,34)' : 'rgb(8,119,189)') },
      points: [{ x: 0, y: 0, fill: 'red', stroke: 'black' }, { x: 0.5, y: -0.5, fill: 'blue', stroke: 'black' }],
      legend: [{ label: 'class 0', color: 'orange' }, { label: 'class 1', color: 'blue' }],
    })]);
    checkXml(svg);
    // Each row is two runs of one colour.
    expect(elements(svg, 'rect').filter((r) => r.attrs.fill?.startsWith('rgb(')).length).toBe(8);
    const circles = elements(svg, 'circle');
    expect(circles).toHaveLength(2);
    expect(Number(circles[0].attrs.cx)).toBeCloseTo(48 + 100);
    expect(Number(circles[1].attrs.cy)).toBeCloseTo(10 + 150);
    expect(elements(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['input 1', 'input 2', 'class 0', 'class 1']));
  });

  it('draws histograms as bars, one group per ridge, the newest in front', () => {
    const hist = (shift: number) => ({ min: -1 + shift, max: 1 + shift, count: 100, bins: [10, 20, 40, 20, 10] });
    const svg = svgDocument([ridgeHistograms({
      title: 'weights', xLabel: 'value', color: '#2f80ed', bins: 20,
      series: [{ label: 'epoch 1', hist: hist(0) }, { label: 'epoch 2', hist: hist(0.5) }, { label: 'epoch 3', hist: hist(1) }],
    })]);
    checkXml(svg);
    const ridges = elements(svg, 'g').filter((g) => g.attrs.class === 'ridge');
    expect(ridges.map((r) => r.attrs['data-label'])).toEqual(['epoch 1', 'epoch 2', 'epoch 3']);
    // The shared axis spans -1…2: each histogram (width 2) covers two thirds of its 20 bars.
    for (const r of ridges) expect(Number(r.attrs['data-bins'])).toBeGreaterThanOrEqual(13);
    expect(elements(svg, 'text').map((t) => t.text)).toEqual(expect.arrayContaining(['weights', 'value', 'epoch 3']));
  });

  it('draws nothing but the title when no histogram holds values', () => {
    const svg = svgDocument([ridgeHistograms({ title: 't', xLabel: 'v', color: 'red', series: [] })]);
    checkXml(svg);
    expect(elements(svg, 'rect')).toHaveLength(1); // the background
  });
});
