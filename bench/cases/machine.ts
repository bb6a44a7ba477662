/**
 * What the benchmark ran on, for the header: CPU, cores, runtimes, library versions, whether
 * NumPy is there, and the FP32 peaks the matmul figures are fractions of — both measured here,
 * not looked up: the native peak from an FMA loop in C (fmaPeak.c, compiled with the system C
 * compiler when there is one), the WebAssembly SIMD peak from a generated wasm loop (wasmPeak.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild, tsxArgs, type ChildOptions } from './children';

export interface Peak {
  /** GFLOP/s of one core, or null when it could not be measured. */
  readonly gflops: number | null;
  /** How it was obtained (or why not), for the header. */
  readonly how: string;
}

export interface Machine {
  readonly cpu: string;
  readonly mhz: string;
  readonly cores: number;
  /** One-minute load average before the run: other work on the machine skews every figure. */
  readonly load: number;
  readonly node: string;
  readonly v8: string;
  readonly versions: Readonly<Record<string, string>>;
  /** NumPy's version, or null with the reason it will be skipped. */
  readonly numpy: { readonly version: string | null; readonly why: string };
  readonly nativePeak: Peak;
  readonly wasmPeak: Peak;
}

const PACKAGES = ['@jax-js/jax', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu'];

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')) as { version: string };
    return json.version;
  } catch (_e) {
    return 'not installed';
  }
}

function cpuInfo(): { cpu: string; mhz: string } {
  let text = '';
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch (_e) {
    // Not Linux: os.cpus() below still names the CPU.
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  return { cpu: field('model name') ?? os.cpus()[0]?.model ?? 'unknown', mhz: field('cpu MHz') ?? String(os.cpus()[0]?.speed ?? '?') };
}

/** NumPy's version through `python`, or why the NumPy runner will be skipped. */
export function probeNumpy(python: string): { version: string | null; why: string } {
  const r = spawnSync(python, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) return { version: null, why: `${python} not found (${r.error.message}); NumPy reference skipped` };
  if (r.status !== 0) return { version: null, why: `numpy not importable by ${python}; NumPy reference skipped` };
  return { version: r.stdout.trim(), why: '' };
}

/** One core's FMA peak from fmaPeak.c, the better of AVX2 and AVX-512 where the CPU has it. */
function nativePeak(cc: string): Peak {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deepwire-bench-peak-'));
  try {
    const exe = path.join(dir, 'fmapeak');
    const built = spawnSync(cc, ['-O2', '-o', exe, path.resolve('bench/cases/fmaPeak.c')], { encoding: 'utf8', timeout: 60_000 });
    if (built.error || built.status !== 0) {
      return { gflops: null, how: `not measured: '${cc}' could not build bench/cases/fmaPeak.c (${built.error?.message ?? built.stderr.trim().split('\n')[0]})` };
    }
    const run = spawnSync(exe, { encoding: 'utf8', timeout: 60_000 });
    const r = JSON.parse(run.stdout) as { avx2: number | null; avx512: number | null };
    const best = Math.max(r.avx2 ?? 0, r.avx512 ?? 0) || null;
    const parts = [r.avx2 !== null ? `AVX2 ${r.avx2.toFixed(1)}` : null, r.avx512 !== null ? `AVX-512 ${r.avx512.toFixed(1)}` : null]
      .filter(Boolean).join(', ');
    // The model behind it: 2 FMA units × lanes × 2 FLOP × clock; the implied clock is a sanity check.
    const lanes = r.avx512 !== null && r.avx512 === best ? 16 : 8;
    const ghz = best ? (best / (2 * lanes * 2)).toFixed(2) : '?';
    return { gflops: best, how: `measured FMA loop (bench/cases/fmaPeak.c: ${parts} GFLOP/s; ≈ ${ghz} GHz if 2 FMA units)` };
  } catch (e) {
    return { gflops: null, how: `not measured: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One core's WebAssembly SIMD peak from wasmPeak.ts, run with the runners' Node flags. */
async function wasmPeak(options: ChildOptions): Promise<Peak> {
  const out = await runChild(process.execPath, tsxArgs('bench/cases/wasmPeak.ts', options), 60);
  const r = out.result as { mulAdd: number | null; relaxedFma: number | null } | null;
  if (!r || r.mulAdd === null) return { gflops: null, how: `not measured (${out.stderrTail || 'no result'})` };
  const relaxed = r.relaxedFma !== null
    ? `relaxed-SIMD FMA ${r.relaxedFma.toFixed(1)} GFLOP/s`
    : 'relaxed SIMD not available in this Node (--relaxed-simd turns it on)';
  return {
    gflops: Number(Math.max(r.mulAdd, r.relaxedFma ?? 0).toFixed(2)),
    how: `measured f32x4 loop (bench/cases/wasmPeak.ts: mul+add ${r.mulAdd.toFixed(1)} GFLOP/s; ${relaxed})`,
  };
}

/** Everything for the header; measures both peaks (about two seconds). */
export async function describeMachine(options: ChildOptions & { cc: string; measurePeaks: boolean }): Promise<Machine> {
  const versions = Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)]));
  const skipped: Peak = { gflops: null, how: 'not measured (matmul case not selected)' };
  return {
    ...cpuInfo(),
    cores: os.availableParallelism(),
    load: Number(os.loadavg()[0].toFixed(2)),
    node: process.version,
    v8: process.versions.v8,
    versions,
    numpy: probeNumpy(options.python),
    nativePeak: options.measurePeaks ? nativePeak(options.cc) : skipped,
    wasmPeak: options.measurePeaks ? await wasmPeak(options) : skipped,
  };
}
