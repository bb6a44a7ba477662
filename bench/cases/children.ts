/**
 * Runs each benchmark runner in its own process, one at a time: a library's threads, JIT state
 * and memory never disturb another's, and a crash or hang of a peer becomes an error cell in the
 * table instead of the end of the run.
 *
 * A runner prints exactly one line starting with RESULT_MARK; everything else it writes (TF.js's
 * Node banner, warnings) is ignored, except that the end of stderr is kept to explain a failure.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RESULT_MARK, type Job, type RunnerResult, type System } from './spec';

/** Where the runners live, relative to the repository root (the working directory of `npm run bench`). */
const RUNNER: Record<System, string> = {
  ours: 'bench/peers/ours.ts',
  jax: 'bench/peers/jax.ts',
  'tfjs-wasm': 'bench/peers/tfjs.ts',
  'tfjs-cpu': 'bench/peers/tfjs.ts',
  numpy: 'bench/numpy/trainer.py',
};

/** What a child printed and how it ended. */
export interface ChildOutput {
  /** The parsed result line, or null when there was none. */
  readonly result: unknown;
  readonly code: number | null;
  readonly timedOut: boolean;
  /** The last lines of stderr, for error messages. */
  readonly stderrTail: string;
}

/**
 * Starts `command args`, waits up to `timeoutS` seconds, and returns the result line parsed.
 * A child past its time is killed (its process only; it started no others we could reach).
 */
export function runChild(command: string, args: readonly string[], timeoutS: number, env: NodeJS.ProcessEnv = process.env): Promise<ChildOutput> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutS * 1000);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
      let result: unknown = null;
      if (line) {
        try {
          result = JSON.parse(line.slice(RESULT_MARK.length));
        } catch (_e) {
          result = null; // reported below as "no result line"
        }
      }
      resolve({ result, code, timedOut, stderrTail: stderr.trim().split('\n').slice(-6).join('\n') });
    };
    child.on('error', (e) => { stderr += `\n${e.message}`; finish(null); });
    child.on('close', finish);
  });
}

/** Options that apply to every runner process. */
export interface ChildOptions {
  /** Extra Node flags for the JavaScript runners (e.g. --experimental-wasm-relaxed-simd). */
  readonly nodeFlags: readonly string[];
  /** The Python to run the NumPy runner with. */
  readonly python: string;
}

/** Node's arguments to run a TypeScript file through tsx (what `npm run bench` itself uses). */
export function tsxArgs(file: string, options: ChildOptions): string[] {
  return [...options.nodeFlags, '--import', 'tsx', path.resolve(file)];
}

/**
 * Runs one runner on `job` and returns its result; a crash, a hang or a missing result line comes
 * back as an error result saying which.
 */
export async function runJob(job: Job, options: ChildOptions, timeoutS: number): Promise<RunnerResult> {
  const isPython = job.system === 'numpy';
  const threads = String(job.threads);
  // BLAS reads these when it loads; the JS runners ignore them.
  const env = isPython
    ? { ...process.env, OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads }
    : process.env;
  const [command, args] = isPython
    ? [options.python, [path.resolve(RUNNER.numpy), JSON.stringify(job)]]
    : [process.execPath, [...tsxArgs(RUNNER[job.system], options), JSON.stringify(job)]];
  const out = await runChild(command, args, timeoutS, env);
  if (out.result && typeof out.result === 'object' && 'ok' in out.result) return out.result as RunnerResult;
  const why = out.timedOut
    ? `timed out after ${timeoutS} s`
    : `exited with code ${out.code} and no result line${out.stderrTail ? `: ${out.stderrTail.split('\n').pop()}` : ''}`;
  return { ok: false, system: job.system, case: job.case, threads: job.threads, kind: 'error', reason: why, info: {} };
}
