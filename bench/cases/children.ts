/**
 * Runs each benchmark runner in its own process, one at a time: a library's threads, JIT state
 * and memory never disturb another's, and a crash or hang of a peer becomes an error cell in the
 * table instead of the end of the run.
 *
 * A runner prints exactly one line starting with RESULT_MARK; everything else it writes (TF.js's
 * Node banner, warnings) is ignored, except that the end of stderr is kept to explain a failure.
 *
 * The WebGPU runner gets its GPU driver from the environment it starts with (the dynamic linker
 * reads LD_LIBRARY_PATH only then). It first runs in this process's environment, so a machine's
 * own Vulkan driver is used as set up. Where that finds no adapter, neither VK_ICD_FILENAMES nor
 * VK_DRIVER_FILES is set, and Chromium's SwiftShader (a Vulkan driver running on the CPU) is
 * installed, it runs again on SwiftShader, and so do the later WebGPU jobs. `--webgpu-software`
 * goes to SwiftShader at once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULT_MARK, type Job, type RunnerResult, type System } from './spec';

/** Where the runners live, relative to the repository root (the working directory of `npm run bench`). */
const RUNNER: Record<System, string> = {
  ours: 'bench/peers/ours.ts',
  webgpu: 'bench/peers/webgpu.ts',
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
  /** Run the WebGPU runner on SwiftShader (a CPU emulating a GPU) whatever drivers this machine has. */
  readonly webgpuSoftware?: boolean;
}

/** Node's arguments to run a TypeScript file through tsx (what `npm run bench` itself uses). */
export function tsxArgs(file: string, options: ChildOptions): string[] {
  return [...options.nodeFlags, '--import', 'tsx', path.resolve(file)];
}

/** Chromium's SwiftShader Vulkan driver (Debian's and Ubuntu's chromium package). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let xdgDir: string | null = null;

/** This process's environment plus what Dawn needs to run on SwiftShader (see DEVELOPERS.md). */
function swiftShaderEnv(): NodeJS.ProcessEnv {
  if (!process.env.XDG_RUNTIME_DIR && !xdgDir) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deepwire-bench-xdg-'));
    xdgDir = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return {
    ...process.env,
    LD_LIBRARY_PATH: [path.dirname(SWIFTSHADER_ICD), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    VK_ICD_FILENAMES: SWIFTSHADER_ICD,
    XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR || xdgDir!,
  };
}

/** The WebGPU runner's environment once the first WebGPU job has decided it, and why. */
let webgpuEnv: { readonly env: NodeJS.ProcessEnv; readonly why: string } | null = null;

async function runNodeRunner(job: Job, options: ChildOptions, timeoutS: number, env: NodeJS.ProcessEnv): Promise<RunnerResult> {
  const out = await runChild(process.execPath, [...tsxArgs(RUNNER[job.system], options), JSON.stringify(job)], timeoutS, env);
  return resultOf(job, out, timeoutS);
}

async function runWebGpu(job: Job, options: ChildOptions, timeoutS: number): Promise<RunnerResult> {
  const software = existsSync(SWIFTSHADER_ICD);
  if (!webgpuEnv && options.webgpuSoftware) {
    if (!software) {
      return { ok: false, system: job.system, case: job.case, threads: job.threads, kind: 'n/a', info: {},
        reason: `--webgpu-software needs Chromium's SwiftShader, and ${SWIFTSHADER_ICD} is missing (install the chromium package)` };
    }
    webgpuEnv = { env: swiftShaderEnv(), why: '--webgpu-software' };
  }
  if (webgpuEnv) {
    const r = await runNodeRunner(job, options, timeoutS, webgpuEnv.env);
    return webgpuEnv.why ? { ...r, info: { ...r.info, driverChoice: webgpuEnv.why } } : r;
  }
  const first = await runNodeRunner(job, options, timeoutS, process.env);
  if (first.info.adapter) {
    webgpuEnv = { env: process.env, why: '' };
    return first;
  }
  // The package missing, or a crash before any adapter was asked for: decided by a later job.
  if (first.ok || first.kind !== 'n/a' || first.info.unavailable !== 'webgpu.unavailable.adapter') return first;
  const ownDriver = process.env.VK_DRIVER_FILES || process.env.VK_ICD_FILENAMES;
  if (ownDriver || !software) {
    webgpuEnv = { env: process.env, why: '' };
    const hint = ownDriver
      ? `(Vulkan driver from ${process.env.VK_DRIVER_FILES ? 'VK_DRIVER_FILES' : 'VK_ICD_FILENAMES'}=${ownDriver})`
      : `(no SwiftShader to fall back on: ${SWIFTSHADER_ICD} is missing)`;
    return { ...first, reason: `${first.reason} ${hint}` };
  }
  webgpuEnv = {
    env: swiftShaderEnv(),
    why: "SwiftShader (Chromium's software Vulkan: a CPU emulating a GPU), since this machine's own drivers gave no adapter",
  };
  process.stderr.write(`WebGPU: no adapter with this machine's drivers; running the WebGPU jobs on SwiftShader, a CPU emulation (not GPU speed)\n`);
  return runWebGpu(job, options, timeoutS);
}

function resultOf(job: Job, out: ChildOutput, timeoutS: number): RunnerResult {
  if (out.result && typeof out.result === 'object' && 'ok' in out.result) return out.result as RunnerResult;
  const why = out.timedOut
    ? `timed out after ${timeoutS} s`
    : `exited with code ${out.code} and no result line${out.stderrTail ? `: ${out.stderrTail.split('\n').pop()}` : ''}`;
  return { ok: false, system: job.system, case: job.case, threads: job.threads, kind: 'error', reason: why, info: {} };
}

/**
 * Runs one runner on `job` and returns its result; a crash, a hang or a missing result line comes
 * back as an error result saying which.
 */
export async function runJob(job: Job, options: ChildOptions, timeoutS: number): Promise<RunnerResult> {
  if (job.system === 'webgpu') return runWebGpu(job, options, timeoutS);
  if (job.system !== 'numpy') return runNodeRunner(job, options, timeoutS, process.env);
  const threads = String(job.threads);
  // BLAS reads these when it loads.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: threads, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads };
  const out = await runChild(options.python, [path.resolve(RUNNER.numpy), JSON.stringify(job)], timeoutS, env);
  return resultOf(job, out, timeoutS);
}
