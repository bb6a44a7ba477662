/**
 * The `deepwire` command line: validate, train and gradient-check a project file headless.
 * User mistakes end with one readable line and a non-zero exit, never a stack trace.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { DatasetSources } from '../../data/builtins';
import { DEFAULT_FILE, EXPORT_TARGETS, exportProject, type ExportTarget } from '../../export';
import type { TensorData } from '../../project/safetensors';
import { formatBytes } from '../../project/errors';
import { nodeFileResolver } from './dataFiles';
import { parseArgs } from 'node:util';
import { DeepWireError } from '../../core/errors';
import { compileGraph, formatProblem, GraphError } from '../../graph/compile';
import { describePortValue } from '../../graph/types';
import { validateGraph } from '../../graph/validate';
import { readWeights } from '../../graph/weights';
import { isKnownKind } from '../../graph/registry';
import { loadProject, saveProject } from '../../project';
import type { Project, RunRecord } from '../../project/schema';
import { prepareData } from '../../train/prepareData';
import { Trainer, TrainingDivergedError, type TrainEvent } from '../../train/Trainer';
import { checkGradients } from '../../train/gradcheck';
import { nodeDatasetSources } from './mnist';
import { startNodeCpuThreads } from './cpuThreads';
import { nodeWebGpuBackend } from './webgpu';
import { chooseDevice, WebGpuUnavailableError } from '../../protocol/EngineSession';
import { cpuKernelName } from '../../backend/cpu/wasm/kernels';
import { availableParallelism } from 'node:os';
import { renderProgress } from './progress';
import { writeFileAtomic } from './files';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Rewrites the current terminal line (progress); absent when stderr is not a terminal. */
  status?: (line: string) => void;
}

const USAGE = `usage: deepwire <command> <file.dwire> [options]

commands:
  validate <file>                 check the graph; print each node with its output shape
  train <file> [--epochs N] [--seed S] [--backend auto|cpu|webgpu] [--threads N] [--json] [--out <file>]
                                  train (--threads 0: one per core, the default); --json prints one JSON object per line; --out saves
                                  the project with the trained weights and the run in its history
  gradcheck <file> [--json]       compare backprop with numerical gradients per parameter tensor
  export <file> --to pytorch|keras|onnx|safetensors|history -o <path>
                                  pytorch/keras: a runnable training script (-o model.py, or a folder) with data.safetensors
                                  and, once trained, weights.safetensors beside it; onnx: the model for inference (opset 17);
                                  safetensors: the trained weights; history: every run's epochs as CSV`;

/** A mistake in how the command was called. */
class UsageError extends DeepWireError {}

interface Loaded {
  project: Project;
  weights?: Map<string, TensorData>;
  /** Data embedded in the project, by SHA-256. */
  data?: Map<string, Uint8Array>;
  /** Where the graph's data come from: MNIST, and the user's files (embedded or beside the project). */
  sources: DatasetSources;
}

async function load(file: string): Promise<Project> {
  return (await loadFull(file)).project;
}

async function loadFull(file: string): Promise<Loaded> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DeepWireError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? (e as Error).message})`);
  }
  const result = loadProject(bytes, { isKnownKind });
  if (!result.ok) throw new DeepWireError(`${file}: ${result.error.message}`);
  const sources: DatasetSources = { ...nodeDatasetSources, files: nodeFileResolver({ projectFile: file, embedded: result.data }) };
  return { project: result.project, weights: result.weights, data: result.data, sources };
}

function intOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

async function validateCommand(file: string, io: CliIO): Promise<number> {
  const project = await load(file);
  const v = validateGraph(project.graph);
  for (const id of v.order) {
    const node = project.graph.nodes.find((n) => n.id === id)!;
    const outs = Object.entries(v.outputs.get(id) ?? {}).map(([port, value]) => (port === describePortValue(value) ? port : `${port} ${describePortValue(value)}`));
    io.out(`${id} (${node.kind})${outs.length ? `: ${outs.join(', ')}` : ''}`);
  }
  for (const p of v.problems) (p.severity === 'error' ? io.err : io.out)(`${p.severity === 'warning' ? 'warning: ' : ''}${formatProblem(p, project.graph)}`);
  if (!v.ok) return 1;
  io.out(`${basename(file)}: the graph is valid`);
  return 0;
}

async function trainCommand(file: string, opts: { epochs?: string; seed?: string; backend?: string; threads?: string; json?: boolean; out?: string }, io: CliIO): Promise<number> {
  const epochs = intOption(opts.epochs, 'epochs', 1);
  const seed = intOption(opts.seed, 'seed', 0);
  const { project, data: embedded, sources } = await loadFull(file);
  const planned = compileGraph(project.graph, { seed });
  const backend = opts.backend ?? planned.training.backend;
  if (!['cpu', 'auto', 'webgpu'].includes(backend)) throw new UsageError(`unknown backend '${backend}'; use auto, cpu or webgpu`);
  // The same rule as the editor's engine (chooseDevice): auto takes a hardware adapter only.
  const gpu = backend === 'cpu' ? null : await nodeWebGpuBackend();
  const choice = await chooseDevice({
    webgpu: async () => (gpu!.ok ? { ok: true, backend: gpu!.backend, adapterName: gpu!.adapterName, software: gpu!.software } : { ok: false, reason: gpu!.message }),
  }, backend as 'auto' | 'cpu' | 'webgpu').catch((e: unknown) => {
    throw e instanceof WebGpuUnavailableError && gpu && !gpu.ok ? new UsageError(`${gpu.message} Use --backend cpu.`) : e;
  });
  const onGpu = choice.kind === 'webgpu' && gpu?.ok ? gpu : null;
  if (gpu?.ok && !onGpu) gpu.release();
  const fallback = choice.fallback;
  const compiled = onGpu ? compileGraph(project.graph, { seed, backend: onGpu.backend }) : planned;
  for (const w of compiled.warnings) io.err(`warning: ${formatProblem(w, project.graph)}`);
  const requested = intOption(opts.threads, 'threads', 0) ?? compiled.training.threads;
  const threads = onGpu ? 1 : await startNodeCpuThreads(requested === 0 ? availableParallelism() : requested);
  const device = onGpu ? `WebGPU, ${onGpu.adapterName}` : `${threads} CPU thread${threads === 1 ? '' : 's'}, ${cpuKernelName()}`;
  const data = await prepareData(compiled, sources);
  const totalEpochs = epochs ?? compiled.training.epochs;
  const startedAt = new Date().toISOString();
  let lastStatus = 0;
  const onEvent = (e: TrainEvent) => {
    if (e.type === 'epoch') {
      if (opts.json) io.out(JSON.stringify({ event: 'epoch', epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, valLoss: e.valLoss, valAccuracy: e.valAccuracy, samplesPerSec: e.samplesPerSec }));
      else {
        io.status?.('');
        io.out(`epoch ${e.epoch}/${totalEpochs}: loss ${e.loss.toFixed(4)}${e.accuracy !== undefined ? ` · accuracy ${e.accuracy.toFixed(4)}` : ''}` +
          `${e.valLoss !== undefined ? ` · val loss ${e.valLoss.toFixed(4)}` : ''}${e.valAccuracy !== undefined ? ` · val accuracy ${e.valAccuracy.toFixed(4)}` : ''}` +
          ` · ${e.seconds.toFixed(1)} s`);
      }
    } else if (e.type === 'batch' && !opts.json && io.status) {
      const now = Date.now();
      if (now - lastStatus > 100 || e.batch === e.batches) {
        lastStatus = now;
        io.status(renderProgress({ ...e, epochs: totalEpochs }));
      }
    } else if (e.type === 'done') {
      io.status?.('');
      if (opts.json) io.out(JSON.stringify({ event: 'done', status: e.status, testLoss: e.testLoss, testAccuracy: e.testAccuracy, seconds: e.seconds, threads, device, ...(fallback ? { fallback } : {}) }));
      else io.out(`done in ${e.seconds.toFixed(1)} s (${device}${fallback ? `; WebGPU not used: ${fallback}` : ''})${e.testLoss !== undefined ? `: test loss ${e.testLoss.toFixed(4)}` : ''}` +
        `${e.testAccuracy !== undefined ? ` · test accuracy ${e.testAccuracy.toFixed(4)}` : ''}${data.testIsTrain ? ' (on the training set: too few samples to hold any out)' : ''}`);
    }
  };
  const trainer = new Trainer(compiled, data, { epochs, onEvent });
  const run: RunRecord = { id: `run-${Date.now().toString(36)}`, startedAt, status: 'completed', settings: { ...compiled.training, epochs: totalEpochs }, epochs: [] };
  let failure: unknown;
  try {
    const summary = await trainer.run();
    Object.assign(run, { status: summary.status, epochs: summary.epochs.map(({ samplesPerSec: _s, ...rest }) => rest), ...(summary.test ? { test: summary.test } : {}) });
  } catch (e) {
    if (!(e instanceof TrainingDivergedError)) {
      onGpu?.release();
      throw e;
    }
    failure = e;
    Object.assign(run, { status: 'failed', error: e.message });
  }
  run.finishedAt = new Date().toISOString();
  try {
    if (opts.out) {
      const saved = saveProject({ ...project, runs: [...project.runs, run] }, failure ? undefined : await readWeights(compiled.model), { data: embedded });
      await writeFileAtomic(opts.out, saved);
      if (!opts.json) io.out(`saved ${opts.out}`);
    }
  } finally {
    // Dawn keeps Node alive while it holds a device.
    onGpu?.release();
  }
  if (failure) throw failure;
  return 0;
}

async function gradcheckCommand(file: string, opts: { json?: boolean }, io: CliIO): Promise<number> {
  const { project, sources } = await loadFull(file);
  const report = await checkGradients(project.graph, sources);
  for (const r of report.tensors) {
    if (opts.json) io.out(JSON.stringify({ event: 'tensor', name: r.name, shape: r.shape, checked: r.checked, maxRelativeError: r.relativeError, pass: r.pass }));
    else io.out(`${r.pass ? 'pass' : 'FAIL'}  ${r.name} (${r.shape.join('×')}, ${r.checked} checked): relative error ${r.relativeError.toExponential(2)}`);
  }
  const failed = report.tensors.filter((r) => !r.pass).length;
  const summary = { event: 'done', tensors: report.tensors.length, failed, threshold: report.threshold, backpropSeconds: report.backpropSeconds, numericalSeconds: report.numericalSeconds, notes: report.notes };
  if (opts.json) io.out(JSON.stringify(summary));
  else {
    for (const n of report.notes) io.out(`note: ${n}`);
    io.out(`${failed ? `${failed} of ${report.tensors.length} tensors FAILED` : `all ${report.tensors.length} tensors pass`} (threshold ${report.threshold}); ` +
      `backprop took ${(report.backpropSeconds * 1000).toFixed(1)} ms, the numerical check ${report.numericalSeconds.toFixed(2)} s`);
  }
  return failed ? 1 : 0;
}

async function exportCommand(file: string, opts: { to?: string; output?: string }, io: CliIO): Promise<number> {
  if (!opts.to) throw new UsageError(`export: say what to export with --to ${EXPORT_TARGETS.join('|')}`);
  if (!(EXPORT_TARGETS as readonly string[]).includes(opts.to)) throw new UsageError(`export: unknown target '${opts.to}'; use ${EXPORT_TARGETS.join(', ')}`);
  if (!opts.output) throw new UsageError('export: where to? give -o <path>');
  const target = opts.to as ExportTarget;
  const { project, weights, sources } = await loadFull(file);
  // -o names the main file, or a folder (existing, or ending in a separator) to write it into.
  const out = resolve(opts.output);
  const isDir = /[\\/]$/.test(opts.output) || (await stat(out).catch(() => null))?.isDirectory() === true;
  const dir = isDir ? out : dirname(out);
  const mainName = isDir ? DEFAULT_FILE[target] : basename(out);
  const files = await exportProject(target, { project, weights, sources, mainName });
  await mkdir(dir, { recursive: true });
  for (const f of files) {
    const path = join(dir, f.name);
    await writeFileAtomic(path, f.bytes);
    io.out(`wrote ${path} (${formatBytes(f.bytes.length)})`);
  }
  if (target === 'pytorch' || target === 'keras') {
    const script = join(dir, files[0].name);
    io.out(target === 'pytorch'
      ? `run it: python ${script}   or on several GPUs: torchrun --nproc_per_node=<gpus> ${script}`
      : `run it: python ${script}   (needs TensorFlow 2 / Keras 3)`);
    if (!weights) io.out('note: the project has no trained weights; the script starts from fresh initial weights drawn with the same initialisers');
  }
  return 0;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        epochs: { type: 'string' }, seed: { type: 'string' }, backend: { type: 'string' }, threads: { type: 'string' },
        json: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        to: { type: 'string' }, output: { type: 'string', short: 'o' },
      },
    });
    const [command, file, ...extra] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    if (!['validate', 'train', 'gradcheck', 'export'].includes(command)) throw new UsageError(`unknown command '${command}'\n${USAGE}`);
    if (!file) throw new UsageError(`${command}: which project file? e.g. deepwire ${command} assets/examples/xor-mlp.dwire`);
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
    if (command === 'validate') return await validateCommand(file, io);
    if (command === 'train') return await trainCommand(file, values, io);
    if (command === 'export') return await exportCommand(file, values, io);
    return await gradcheckCommand(file, values, io);
  } catch (e) {
    if (e instanceof GraphError) {
      io.err(e.message);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`deepwire: ${e.message}`);
      return 2;
    }
    if (e instanceof DeepWireError) {
      io.err(`deepwire: ${e.message}`);
      return 1;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`deepwire: ${e.message}\n${USAGE}`);
      return 2;
    }
    io.err(`deepwire: internal error: ${(e as Error).message ?? String(e)} (set DEEPWIRE_DEBUG=1 for details)`);
    if (process.env.DEEPWIRE_DEBUG) io.err((e as Error).stack ?? '');
    return 70;
  }
}
