/**
 * Turns the runners' results into what `npm run bench` prints: the header, a table per unit
 * (matmul GFLOP/s on the CPU, and on the GPU by size against the adapter's FP32 peak; training
 * samples/s, scaling included), the ratios ours/peer, the notes that qualify the figures, and
 * one JSON line per case.
 */
import type { Machine } from './machine';
import {
  CPU_SYSTEMS, JSON_KEY, LABEL, LAYOUTS, MATMUL_N, POOL_SAMPLES, WASM_SYSTEMS, gpuPeak,
  type Layout, type MatmulFigures, type RunnerCase, type RunnerResult, type System, type TrainFigures,
} from './spec';

/** Everything measured in one run, as bench/run.ts collected it. */
export interface Collected {
  readonly systems: readonly System[];
  readonly cores: number;
  /** Results by case and system; the training cases at all threads, matmul at one. */
  readonly results: ReadonlyMap<RunnerCase, ReadonlyMap<System, RunnerResult>>;
  /** matmul at all threads (the one-thread result for libraries that use one), where cores > 1. */
  readonly matmulAll: ReadonlyMap<System, RunnerResult> | null;
  /** The MLP at one thread and at all threads, where the scaling case ran. */
  readonly scaling: ReadonlyMap<System, { readonly one: Figure; readonly all: Figure; readonly oneNotes?: readonly string[] }> | null;
}

/** A number, or why there is none. */
export type Figure = { readonly value: number; readonly starred: boolean } | { readonly value: null; readonly why: string };

export const NA = (why: string): Figure => ({ value: null, why });

/** The figure `pick` takes from a result, or the reason there is none. */
export function figureOf<F>(r: RunnerResult | undefined, pick: (f: F) => number, starred = (_f: F) => false): Figure {
  if (!r) return NA('not run');
  if (!r.ok) return NA(`${r.kind === 'n/a' ? 'n/a' : 'error'}: ${r.reason}`);
  const f = r.figures as F;
  return { value: pick(f), starred: starred(f) };
}

export const trainFigure = (r: RunnerResult | undefined) =>
  figureOf<TrainFigures>(r, (f) => f.samplesPerSec, (f) => f.stepsPerRep < f.epochSteps);
const matmulFigure = (r: RunnerResult | undefined, layout: Layout) => figureOf<MatmulFigures>(r, (f) => f[layout]);

function fmt(x: number): string {
  if (x >= 1000) return Math.round(x).toLocaleString('en-US');
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function cell(f: Figure): string {
  if (f.value === null) return f.why.startsWith('n/a') ? 'n/a' : f.why === 'not run' ? '–' : 'error';
  return fmt(f.value) + (f.starred ? '*' : '');
}

const pct = (x: number | null, peak: number | null) => (x !== null && peak ? `${((100 * x) / peak).toFixed(1)}%` : '–');
const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** The header: machine, runtimes, libraries, peaks. */
export function header(m: Machine, mode: string): string {
  const v = m.versions;
  return [
    `DeepWire benchmark (${mode})`,
    `CPU        ${m.cpu}, ${m.cores} logical cores (cpuinfo clock ${m.mhz} MHz)`,
    `Runtime    Node ${m.node} (V8 ${m.v8}); ${m.numpy.version ? `NumPy ${m.numpy.version}` : m.numpy.why}`,
    `Libraries  @jax-js/jax ${v['@jax-js/jax']}, @tensorflow/tfjs-core ${v['@tensorflow/tfjs-core']} ` +
      `(backend-wasm ${v['@tensorflow/tfjs-backend-wasm']}, backend-cpu ${v['@tensorflow/tfjs-backend-cpu']})`,
    ...(m.load > 0.5 ? [`Busy       1-minute load average ${m.load.toFixed(2)} on ${m.cores} cores before starting: other processes are using the CPU, ` +
      'so figures are low and noisy, multi-threaded ones most (threads that spin-wait lose their core)'] : []),
    `Peak FP32  native ${m.nativePeak.gflops?.toFixed(1) ?? '?'} GFLOP/s per core: ${m.nativePeak.how}`,
    `           wasm SIMD ${m.wasmPeak.gflops?.toFixed(1) ?? '?'} GFLOP/s per core: ${m.wasmPeak.how}`,
  ].join('\n');
}

/** The tables, ratios and notes. */
export function tables(c: Collected, m: Machine): string {
  const out: string[] = [];
  const res = (k: RunnerCase, s: System) => c.results.get(k)?.get(s);
  const ran = (k: RunnerCase) => c.results.has(k);

  const cpuSystems = c.systems.filter((s) => CPU_SYSTEMS.includes(s));
  if (ran('matmul') && cpuSystems.length) {
    const rows = cpuSystems.map((s) => {
      const figs = LAYOUTS.map((l) => matmulFigure(res('matmul', s), l));
      const best = Math.max(...figs.map((f) => f.value ?? 0)) || null;
      return [LABEL[s], ...figs.map(cell), pct(best, m.nativePeak.gflops), pct(best, WASM_SYSTEMS.includes(s) ? m.wasmPeak.gflops : null)];
    });
    out.push(`matmul ${MATMUL_N}×${MATMUL_N}×${MATMUL_N} float32, 1 thread, GFLOP/s (median); best layout as % of one core's peak ` +
      '(wasm peak: the ceiling of 128-bit WebAssembly SIMD, shown for the wasm systems)',
      table(['system', 'NN', 'NT', 'TN', '% native peak', '% wasm peak'], rows), '');
  }
  if (ran('matmul') && c.systems.includes('webgpu')) out.push(...gpuMatmulTable(res('matmul', 'webgpu')), '');
  const all = c.matmulAll;
  if (all && cpuSystems.length) {
    const rows = cpuSystems.map((s) => [LABEL[s], ...LAYOUTS.map((l) => cell(matmulFigure(all.get(s), l))), all.get(s)?.info.threads ?? '–']);
    out.push(`matmul ${MATMUL_N}×${MATMUL_N}×${MATMUL_N} float32 at all the threads each library can use (${c.cores} cores), GFLOP/s (median)`,
      table(['system', 'NN', 'NT', 'TN', 'threads'], rows), '');
  }

  const trainCols: { head: string; get: (s: System) => Figure }[] = [];
  if (ran('mlp')) trainCols.push({ head: 'MLP', get: (s) => trainFigure(res('mlp', s)) });
  if (ran('cnn')) trainCols.push({ head: 'CNN', get: (s) => trainFigure(res('cnn', s)) });
  if (c.scaling) {
    const sc = c.scaling;
    trainCols.push(
      { head: 'MLP 1 thread', get: (s) => sc.get(s)?.one ?? NA('not run') },
      { head: `MLP ${c.cores} threads`, get: (s) => sc.get(s)?.all ?? NA('not run') },
    );
  }
  if (trainCols.length) {
    const rows = c.systems.map((s) => [LABEL[s], ...trainCols.map((col) => cell(col.get(s)))]);
    const gpu = c.systems.includes('webgpu') ? `; ${LABEL.webgpu} on the GPU${adapterOf(c) ? ` (${adapterOf(c)})` : ''}` : '';
    out.push(`training float32, Adam lr 1e-3, samples/s (median); MLP and CNN at all the threads each library can use${gpu}`,
      table(['system', ...trainCols.map((col) => col.head)], rows), '');
  }

  // Ratios ours ÷ peer for every column.
  const cols: { head: string; get: (s: System) => Figure }[] = [
    ...(ran('matmul') ? LAYOUTS.map((l) => ({ head: `mm ${l}`, get: (s: System) => matmulFigure(res('matmul', s), l) })) : []),
    ...(all ? LAYOUTS.map((l) => ({ head: `mm ${l} ${c.cores}t`, get: (s: System) => matmulFigure(all.get(s), l) })) : []),
    ...trainCols,
  ];
  const peers = c.systems.filter((s) => s !== 'ours');
  if (c.systems.includes('ours') && peers.length && cols.length) {
    const rows = peers.map((p) => [`ours ÷ ${LABEL[p]}`, ...cols.map((col) => {
      const a = col.get('ours').value;
      const b = col.get(p).value;
      return a !== null && b ? (a / b).toFixed(2) : '–';
    })]);
    out.push('ratios (above 1: ours is faster)', table(['', ...cols.map((col) => col.head)], rows), '');
  }

  out.push(...notes(c));
  return out.join('\n');
}

/** The adapter the WebGPU runner reported (from any case), marked when it is a software one. */
function adapterOf(c: Collected): string {
  for (const bySystem of c.results.values()) {
    const info = bySystem.get('webgpu')?.info;
    if (info?.adapter) return info.software === 'yes' ? `${info.adapter}, software: a CPU emulating a GPU` : info.adapter;
  }
  return '';
}

/** The WebGPU runner's matmul by size, best layout as a fraction of the adapter's FP32 peak. */
function gpuMatmulTable(r: RunnerResult | undefined): string[] {
  const title = `matmul on WebGPU (${LABEL.webgpu}), square n×n×n float32, GFLOP/s (median; each repetition ends when the GPU has finished); ` +
    "best layout as % of the adapter's FP32 peak";
  if (!r) return [title, '  not run'];
  const adapter = r.info.adapter;
  if (!r.ok) return [title, `  ${r.kind === 'n/a' ? 'n/a' : 'ERROR'}: ${r.reason}${adapter ? ` (adapter ${adapter})` : ''}`];
  const peak = gpuPeak(adapter ?? '', r.info.software === 'yes');
  const sizes = (r.figures as MatmulFigures).sizes ?? [];
  const rows = sizes.map((s) => {
    if (!s.gflops) return [`${s.n}²`, 'skipped', 'skipped', 'skipped', '–'];
    const g = s.gflops;
    return [`${s.n}²`, ...LAYOUTS.map((l) => fmt(g[l])), pct(Math.max(...LAYOUTS.map((l) => g[l])), peak.gflops)];
  });
  return [title, `adapter: ${adapter ?? 'unknown'}; FP32 peak: ${peak.how}`, table(['size', 'NN', 'NT', 'TN', '% FP32 peak'], rows)];
}

function notes(c: Collected): string[] {
  const lines: string[] = ['notes'];
  lines.push('  * timed on part of the epoch (per-system time budget), samples/s extrapolated; the runner line below says how much');
  lines.push(`  data: ${POOL_SAMPLES.toLocaleString('en-US')} synthetic samples (fixed seed), built as each library's tensors before timing and ` +
    'cycled through; an epoch is ⌊samples/batch⌋ steps; every step reads its loss back; the data pipeline is not timed');
  for (const [k, bySystem] of c.results) {
    for (const [s, r] of bySystem) {
      const what = `  ${LABEL[s]}, ${k}:`;
      if (!r.ok) lines.push(`${what} ${r.kind === 'n/a' ? 'n/a' : 'ERROR'}: ${r.reason}`);
      else for (const n of r.notes) lines.push(`${what} ${n}`);
    }
  }
  for (const [s, row] of c.scaling ?? []) {
    if (s !== 'webgpu' && row.all.value === null && !row.all.why.startsWith('error')) lines.push(`  ${LABEL[s]}, ${c.cores} threads: ${row.all.why}`);
    for (const n of row.oneNotes ?? []) lines.push(`  ${LABEL[s]}, mlp, 1 thread: ${n}`);
  }
  for (const k of ['mlp', 'cnn'] as const) {
    const losses = [...(c.results.get(k) ?? [])].filter(([, r]) => r.ok)
      .map(([s, r]) => `${LABEL[s]} ${(r.ok ? (r.figures as TrainFigures).loss0 : NaN).toFixed(6)}`);
    if (losses.length) lines.push(`  first-step loss, ${k} (same weights, same batch everywhere; should agree): ${losses.join(', ')}`);
  }
  const flags = new Map<System, string>();
  for (const bySystem of c.results.values()) {
    for (const [s, r] of bySystem) {
      if (Object.keys(r.info).length) flags.set(s, Object.entries(r.info).filter(([key, v]) => v && key !== 'threadsWhy').map(([key, v]) => `${key} ${v}`).join(', '));
    }
  }
  lines.push('', 'backends (as each runner reported them)');
  for (const [s, f] of flags) lines.push(`  ${LABEL[s]}: ${f}`);
  return lines;
}

function ratios(values: Partial<Record<System, number | null>>): Record<string, number | null> {
  const ours = values.ours ?? null;
  const out: Record<string, number | null> = {};
  for (const [s, v] of Object.entries(values) as [System, number | null][]) {
    if (s !== 'ours') out[`ours/${JSON_KEY[s]}`] = ours !== null && v ? round(ours / v) : null;
  }
  return out;
}

function caseLine(name: string, unit: string, threads: number, c: Collected, get: (s: System) => Figure, extra: object = {}): string {
  const values: Partial<Record<System, number | null>> = {};
  const why: Record<string, string> = {};
  for (const s of c.systems) {
    const f = get(s);
    values[s] = round(f.value);
    if (f.value === null) why[JSON_KEY[s]] = f.why;
  }
  const figures = Object.fromEntries(c.systems.map((s) => [JSON_KEY[s], values[s]]));
  return JSON.stringify({ case: name, unit, threads, ...figures, ratios: ratios(values), ...extra, ...(Object.keys(why).length ? { notes: why } : {}) });
}

/** The WebGPU matmul at every size, with the adapter, its peak and the fraction of it reached. */
function gpuMatmulLine(r: RunnerResult): string {
  const adapter = r.info.adapter ?? null;
  const software = r.info.software === 'yes';
  const peak = gpuPeak(adapter ?? '', software);
  const head = { case: 'matmul-webgpu', unit: 'GFLOP/s', adapter, software, peak: { gflops: peak.gflops, how: peak.how } };
  if (!r.ok) return JSON.stringify({ ...head, sizes: [], notes: { webgpu: `${r.kind === 'n/a' ? 'n/a' : 'error'}: ${r.reason}` } });
  const sizes = ((r.figures as MatmulFigures).sizes ?? []).map((s) => {
    if (!s.gflops) return { n: s.n, NN: null, NT: null, TN: null, skipped: s.skipped };
    const g = s.gflops;
    const best = Math.max(...LAYOUTS.map((l) => g[l]));
    return { n: s.n, NN: round(g.NN), NT: round(g.NT), TN: round(g.TN), peakFraction: peak.gflops ? round(best / peak.gflops) : null };
  });
  return JSON.stringify({ ...head, sizes });
}

/** One JSON line per case (matmul per layout, scaling per thread count), after a machine line. */
export function jsonLines(c: Collected, m: Machine): string[] {
  const lines = [JSON.stringify({ case: 'machine', ...m })];
  const res = (k: RunnerCase, s: System) => c.results.get(k)?.get(s);
  if (c.results.has('matmul')) {
    for (const l of LAYOUTS) {
      const get = (s: System) => matmulFigure(res('matmul', s), l);
      const frac = (peak: number | null, systems: readonly System[]) => Object.fromEntries(systems.map((s) => {
        const v = get(s).value;
        return [JSON_KEY[s], v !== null && peak ? round(v / peak) : null];
      }));
      lines.push(caseLine(`matmul-${l}`, 'GFLOP/s', 1, c, get, {
        peak: { native: m.nativePeak.gflops, wasm: m.wasmPeak.gflops },
        peakFraction: {
          native: frac(m.nativePeak.gflops, c.systems.filter((s) => CPU_SYSTEMS.includes(s))),
          wasm: frac(m.wasmPeak.gflops, c.systems.filter((s) => WASM_SYSTEMS.includes(s))),
        },
      }));
    }
  }
  const gpu = res('matmul', 'webgpu');
  if (c.results.has('matmul') && gpu) lines.push(gpuMatmulLine(gpu));
  const cpuOnly = { ...c, systems: c.systems.filter((s) => CPU_SYSTEMS.includes(s)) };
  if (c.matmulAll && cpuOnly.systems.length) {
    const all = c.matmulAll;
    for (const l of LAYOUTS) lines.push(caseLine(`matmul-${l}`, 'GFLOP/s', c.cores, cpuOnly, (s) => matmulFigure(all.get(s), l)));
  }
  for (const k of ['mlp', 'cnn'] as const) {
    if (!c.results.has(k)) continue;
    const loss0 = Object.fromEntries(c.systems.map((s) => {
      const r = res(k, s);
      return [JSON_KEY[s], r?.ok ? (r.figures as TrainFigures).loss0 : null];
    }));
    lines.push(caseLine(k, 'samples/s', c.cores, c, (s) => trainFigure(res(k, s)), { loss0 }));
  }
  if (c.scaling) {
    const sc = c.scaling;
    const speedup = Object.fromEntries(c.systems.map((s) => {
      const row = sc.get(s);
      return [JSON_KEY[s], row && row.one.value && row.all.value !== null ? round(row.all.value / row.one.value) : null];
    }));
    lines.push(caseLine('scaling', 'samples/s', 1, c, (s) => sc.get(s)?.one ?? NA('not run')));
    lines.push(caseLine('scaling', 'samples/s', c.cores, c, (s) => sc.get(s)?.all ?? NA('not run'), { speedup }));
  }
  return lines;
}
