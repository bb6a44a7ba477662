/**
 * `npm run bench`: DeepWire's engine against jax-js (wasm, jitted step), TF.js (wasm and cpu
 * backends) and a NumPy reference trainer, on the same work, in one run; and the engine on its
 * WebGPU backend (Dawn in Node) on the same training work, with matmul at 1024², 2048², 4096².
 *
 *   npm run bench                         full run (about 9–11 minutes on 2 cores, 1 of them the WebGPU rows on SwiftShader)
 *   npm run bench -- --quick              2,048-sample epoch, short budgets (1–2 minutes)
 *   npm run bench -- --case mlp,scaling   some cases: matmul, mlp, cnn, scaling
 *   npm run bench -- --only ours,numpy    some systems: ours, webgpu, jax, tfjs-wasm, tfjs-cpu, numpy
 *   npm run bench -- --only webgpu        the WebGPU rows alone (the GPU Dawn finds; SwiftShader where none)
 *   npm run bench -- --webgpu-software    the WebGPU rows on SwiftShader whatever GPU there is
 *   npm run bench -- --json               only the JSON lines (one per case)
 *   npm run bench -- --budget 20          seconds of timed work per system and case
 *   npm run bench -- --relaxed-simd       JS runners with Node's --experimental-wasm-relaxed-simd
 *
 * Every system runs in its own child process, one at a time (bench/cases/children.ts), on data
 * and initial weights that are bit-identical everywhere (bench/cases/synthetic.ts). Matmul runs
 * on one thread for every system (a kernel comparison, against one core's peak); the training
 * cases at all the threads each library can use; 'scaling' reruns the MLP on one thread. The
 * WebGPU runner's work runs on the GPU: thread counts do not apply to it.
 * Progress goes to stderr, so `--json` output can be piped.
 */
import { runJob, type ChildOptions } from './cases/children';
import { describeMachine } from './cases/machine';
import { NA, header, jsonLines, tables, trainFigure, type Collected, type Figure } from './cases/report';
import {
  CASES, EPOCH_SAMPLES, LABEL, SYSTEMS,
  type CaseName, type Job, type LayoutFigures, type RunnerCase, type RunnerResult, type System, type TrainFigures, type MatmulFigures,
  THREADED_SYSTEMS,
} from './cases/spec';

interface Options {
  readonly quick: boolean;
  readonly json: boolean;
  readonly cases: readonly CaseName[];
  readonly systems: readonly System[];
  readonly budgetS: number | null;
  readonly relaxedSimd: boolean;
  readonly webgpuSoftware: boolean;
}

const USAGE = `usage: npm run bench -- [--quick] [--case ${CASES.join(',')}] [--only ${SYSTEMS.join(',')}] [--json] [--budget S] [--relaxed-simd] [--webgpu-software]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] {
  if (!value) fail(`${flag} needs a comma-separated list`);
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = items.filter((v) => !allowed.includes(v as T));
  if (bad.length) fail(`${flag}: unknown ${bad.join(', ')}; choose from ${allowed.join(', ')}`);
  return items as T[];
}

function parseArgs(argv: readonly string[]): Options {
  let quick = false, json = false, relaxedSimd = false, webgpuSoftware = false;
  let cases: CaseName[] = [...CASES];
  let systems: System[] = [...SYSTEMS];
  let budgetS: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') quick = true;
    else if (flag === '--json') json = true;
    else if (flag === '--relaxed-simd') relaxedSimd = true;
    else if (flag === '--webgpu-software') webgpuSoftware = true;
    else if (flag === '--case') cases = list(value(), CASES, '--case');
    else if (flag === '--only') systems = list(value(), SYSTEMS, '--only');
    else if (flag === '--budget') {
      budgetS = Number(value());
      if (!(budgetS > 0)) fail('--budget needs a positive number of seconds');
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`unknown option ${argv[i]}`);
  }
  // Keep the canonical order whatever order the flags gave.
  return {
    quick, json, relaxedSimd, webgpuSoftware, budgetS,
    cases: CASES.filter((c) => cases.includes(c)),
    systems: SYSTEMS.filter((s) => systems.includes(s)),
  };
}

/** Repetitions and per-system budgets: the full run fits about ten minutes on two cores. */
function settings(o: Options) {
  return o.quick
    ? { epoch: EPOCH_SAMPLES.quick, trainReps: 5, trainMinReps: 2, matmulReps: 3, matmulMinReps: 1, trainBudget: o.budgetS ?? 5, matmulBudget: o.budgetS ?? 1.5 }
    : { epoch: EPOCH_SAMPLES.full, trainReps: 3, trainMinReps: 3, matmulReps: 5, matmulMinReps: 2, trainBudget: o.budgetS ?? 40, matmulBudget: o.budgetS ?? 6 };
}

const layouts = (f: LayoutFigures) => `NN ${f.NN.toFixed(1)}, NT ${f.NT.toFixed(1)}, TN ${f.TN.toFixed(1)}`;

function describe(r: RunnerResult, seconds: number): string {
  const adapter = r.info.adapter ? ` on ${r.info.adapter}${r.info.software === 'yes' ? ' (software)' : ''}` : '';
  if (!r.ok) return `${r.kind === 'n/a' ? 'n/a' : 'ERROR'}: ${r.reason}${adapter} (${seconds.toFixed(0)} s)`;
  const f = r.figures as TrainFigures & MatmulFigures;
  const fig = f.samplesPerSec !== undefined
    ? `${Math.round(f.samplesPerSec).toLocaleString('en-US')} samples/s`
    : f.sizes
      ? f.sizes.map((s) => `${s.n}²: ${s.gflops ? layouts(s.gflops) : 'skipped'}`).join('; ') + ' GFLOP/s'
      : `${layouts(f)} GFLOP/s`;
  return `${fig}${adapter} (${seconds.toFixed(0)} s)`;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const s = settings(o);
  const child: ChildOptions = {
    nodeFlags: o.relaxedSimd ? ['--experimental-wasm-relaxed-simd'] : [],
    python: process.env.PYTHON ?? 'python3',
    webgpuSoftware: o.webgpuSoftware,
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const machine = await describeMachine({ ...child, cc: process.env.CC ?? 'cc', measurePeaks: o.cases.includes('matmul') });
  const mode = o.quick ? `--quick: ${s.epoch.toLocaleString('en-US')}-sample epoch, ${s.trainBudget} s budgets` :
    `full: ${s.epoch.toLocaleString('en-US')}-sample epoch, ${s.trainBudget} s budgets`;
  if (!o.json) console.log(`${header(machine, mode)}\n`);
  if (o.systems.includes('numpy') && !machine.numpy.version) log(machine.numpy.why);

  const cores = machine.cores;
  const runnerCases: RunnerCase[] = (['matmul', 'mlp', 'cnn'] as const)
    .filter((k) => o.cases.includes(k) || (k === 'mlp' && o.cases.includes('scaling')));
  const jobs = runnerCases.length * o.systems.length;
  let done = 0;

  const run = async (system: System, k: RunnerCase, threads: number, extra?: string): Promise<RunnerResult> => {
    const step = extra ?? `${++done}/${jobs}`;
    const where = system === 'webgpu' ? 'GPU' : `${threads} thread${threads > 1 ? 's' : ''}`;
    const tag = `[${step}] ${LABEL[system]}, ${k}, ${where}`;
    if (system === 'numpy' && !machine.numpy.version) {
      log(`${tag}: skipped (${machine.numpy.why})`);
      return { ok: false, system, case: k, threads, kind: 'n/a', reason: machine.numpy.why, info: {} };
    }
    const matmul = k === 'matmul';
    const job: Job = {
      system, case: k, threads, epochSamples: s.epoch,
      reps: matmul ? s.matmulReps : s.trainReps, minReps: matmul ? s.matmulMinReps : s.trainMinReps,
      budgetS: matmul ? s.matmulBudget : s.trainBudget,
    };
    const start = performance.now();
    // The GPU runner's matmul adds pipeline compiles and result checks at three sizes.
    const r = await runJob(job, child, 90 + 6 * job.budgetS + (matmul ? (system === 'webgpu' ? 180 : 60) : 0));
    log(`${tag}: ${describe(r, (performance.now() - start) / 1000)}`);
    return r;
  };

  const results = new Map<RunnerCase, Map<System, RunnerResult>>();
  for (const k of runnerCases) {
    const bySystem = new Map<System, RunnerResult>();
    for (const system of o.systems) bySystem.set(system, await run(system, k, k === 'matmul' ? 1 : cores));
    results.set(k, bySystem);
  }

  // The matrix product again at all threads, for the libraries that split it (the others' figure
  // is their one-thread one: they cannot use a second core here, as the notes say).
  let matmulAll: Map<System, RunnerResult> | null = null;
  if (o.cases.includes('matmul') && cores > 1) {
    matmulAll = new Map();
    for (const system of o.systems) {
      const one = results.get('matmul')!.get(system)!;
      matmulAll.set(system, THREADED_SYSTEMS.includes(system) && one.ok ? await run(system, 'matmul', cores, `matmul, ${cores} threads`) : one);
    }
  }

  let scaling: Collected['scaling'] = null;
  if (o.cases.includes('scaling')) {
    const rows = new Map<System, { one: Figure; all: Figure; oneNotes?: readonly string[] }>();
    for (const system of o.systems) {
      const all = results.get('mlp')!.get(system)!;
      const granted = all.ok ? Number(all.info.threads) : NaN;
      if (system === 'webgpu') {
        // Trains on the GPU: the CPU's thread counts say nothing about it (its MLP figure is in the MLP column).
        rows.set(system, { one: NA('n/a: trains on the GPU'), all: NA('n/a: trains on the GPU') });
      } else if (cores === 1) {
        rows.set(system, { one: trainFigure(all), all: trainFigure(all) });
      } else if (all.ok && granted === 1) {
        // The library could only use one thread: that run is its one-thread figure.
        rows.set(system, { one: trainFigure(all), all: NA(`n/a: ${all.info.threadsWhy || 'runs on one thread only'}`) });
      } else if (!all.ok && all.kind === 'n/a') {
        rows.set(system, { one: trainFigure(all), all: trainFigure(all) });
      } else {
        const one = await run(system, 'mlp', 1, 'scaling');
        rows.set(system, { one: trainFigure(one), all: trainFigure(all), oneNotes: one.ok ? one.notes : [] });
      }
    }
    scaling = rows;
  }
  if (!o.cases.includes('mlp')) results.delete('mlp');

  const collected: Collected = { systems: o.systems, cores, results, matmulAll, scaling };
  if (!o.json) console.log(`${tables(collected, machine)}\n`);
  for (const line of jsonLines(collected, machine)) console.log(line);
}

await main();
