/**
 * The runner side of the benchmark, shared by the JavaScript peers: read the job, time the
 * work the same way for every system, print one result line. The NumPy runner does the same in
 * Python (bench/numpy/trainer.py, `time_training` and `time_matmul`); keep the two in step.
 *
 * Timing: warm-up first (one step to compile or allocate, then steps for half a second, the last
 * of which estimates the step time),
 * then repetitions of whole epochs where the budget allows and of an equal part of the epoch
 * where it does not (slow systems; for the slowest, one step, and the estimating step counts as
 * the first repetition), median reported. Every step reads its loss back to the host,
 * as a training loop that draws a loss curve must, which also ends any asynchronous work.
 */
import {
  LAYOUTS, MATMUL_N, RESULT_MARK, epochSteps, median,
  type Job, type Layout, type MatmulFigures, type RunnerResult, type System, type TrainFigures,
} from './spec';

/** Thrown by a peer for something its library cannot do (as opposed to a failure). */
export class NotApplicable extends Error {
  override readonly name = 'NotApplicable';
}

/** What a peer's case function returns. */
export interface CaseOutput {
  readonly figures: TrainFigures | MatmulFigures;
  readonly notes: readonly string[];
}

/** A peer: library facts for the header, and one function per case. */
export interface Peer {
  /** Sets the library up for `job` (threads, backend) and returns its version and flags. */
  setup(job: Job): Promise<Record<string, string>>;
  matmul(job: Job): Promise<CaseOutput>;
  mlp(job: Job): Promise<CaseOutput>;
  cnn(job: Job): Promise<CaseOutput>;
}

/** The job the parent passed in argv[2]. */
export function readJob(): Job {
  const raw = process.argv[2];
  if (!raw) throw new Error('bench runner: expected the job as JSON in the first argument (run it through bench/run.ts)');
  return JSON.parse(raw) as Job;
}

function emit(result: RunnerResult): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

/**
 * Runs `peer` on the job in argv and prints its result line. A thrown error becomes an error
 * result (NotApplicable an 'n/a' one) rather than a crash, so the parent can say what happened.
 */
export async function runPeer(system: System, peer: Peer): Promise<void> {
  const job = readJob();
  let info: Record<string, string> = {};
  const base = { system, case: job.case, threads: job.threads } as const;
  try {
    info = await peer.setup(job);
    const out = await peer[job.case](job);
    emit({ ok: true, ...base, figures: out.figures, info, notes: out.notes });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    emit({ ok: false, ...base, kind: err instanceof NotApplicable ? 'n/a' : 'error', reason: err.message, info });
    if (!(err instanceof NotApplicable)) process.stderr.write(`${err.stack ?? err.message}\n`);
  }
  // Libraries may keep worker threads or timers alive; the result is out, so leave.
  process.exit(0);
}

const now = () => performance.now() / 1000;

/** One training step on batch `b`; returns that batch's loss (read back to the host). */
export type StepFn = (b: number) => number | Promise<number>;

/**
 * Times `step` over the job's epoch: warm-up steps (the last one estimating the step time), then
 * `reps` repetitions of the whole epoch or of the part that fits `budgetS / reps` seconds.
 */
export async function timeTraining(job: Job, batch: number, step: StepFn): Promise<CaseOutput> {
  const total = epochSteps(job.epochSamples, batch);
  let b = 0;
  const loss0 = await step(b++);
  // Warm up for half a second (V8 and the libraries' own JITs tier up over the first steps);
  // the last warm-up step's time is the estimate.
  let lossLast = loss0;
  let estimate = 0;
  const warmStart = now();
  do {
    const t = now();
    lossLast = await step(b++);
    estimate = Math.max(now() - t, 1e-6);
  } while (now() - warmStart < 0.5 && b < 32);

  let reps = job.reps;
  const stepsPerRep = Math.max(1, Math.min(total, Math.floor(job.budgetS / reps / estimate)));
  if (stepsPerRep === 1 && estimate * reps > job.budgetS) {
    reps = Math.max(job.minReps, Math.floor(job.budgetS / estimate));
  }
  // As in timeMatmul: a slow system's estimating step already is a one-step repetition.
  const rates: number[] = stepsPerRep === 1 ? [batch / estimate] : [];
  for (let r = rates.length; r < reps; r++) {
    const start = now();
    for (let s = 0; s < stepsPerRep; s++) lossLast = await step(b++);
    rates.push((stepsPerRep * batch) / (now() - start));
  }
  if (!Number.isFinite(loss0) || !Number.isFinite(lossLast)) {
    throw new Error(`training diverged or produced no loss (first ${loss0}, last ${lossLast})`);
  }
  const notes = stepsPerRep < total
    ? [`timed ${stepsPerRep} of the epoch's ${total} steps per repetition (time budget ${job.budgetS} s); samples/s extrapolated`]
    : [];
  return {
    figures: {
      samplesPerSec: median(rates), minSamplesPerSec: Math.min(...rates), maxSamplesPerSec: Math.max(...rates),
      stepsPerRep, epochSteps: total, reps, loss0, lossLast,
    },
    notes,
  };
}

/** Runs one product of the given layout to completion (result discarded). */
export type MatmulFn = (layout: Layout) => void | Promise<void>;

/**
 * GFLOP/s of MATMUL_N³ products in each layout: one warm-up call, one to estimate, then
 * repetitions of enough calls to last about 0.25 s, median reported. The budget is shared by
 * the three layouts.
 */
export async function timeMatmul(job: Job, run: MatmulFn): Promise<CaseOutput> {
  const flops = 2 * MATMUL_N ** 3;
  const perLayout = job.budgetS / LAYOUTS.length;
  const figures = {} as Record<Layout, number>;
  for (const layout of LAYOUTS) {
    await run(layout);
    const t = now();
    await run(layout);
    const estimate = Math.max(now() - t, 1e-6);
    const calls = Math.max(1, Math.round(0.25 / estimate));
    const reps = Math.min(job.reps, Math.max(job.minReps, Math.floor(perLayout / (calls * estimate))));
    // A slow system's estimating call is a repetition of one call already: keep it, run one fewer.
    const rates: number[] = calls === 1 ? [flops / estimate / 1e9] : [];
    for (let r = rates.length; r < reps; r++) {
      const start = now();
      for (let c = 0; c < calls; c++) await run(layout);
      rates.push((calls * flops) / (now() - start) / 1e9);
    }
    figures[layout] = median(rates);
  }
  return { figures, notes: [] };
}
