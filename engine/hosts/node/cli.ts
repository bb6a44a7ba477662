/**
 * The `deepwire` command line: validate, train and gradient-check a project file headless.
 * User mistakes end with one readable line and a non-zero exit, never a stack trace. Every line
 * a person reads comes from the catalogue in the language of `--lang` or the environment
 * (cliArgs.ts); `--json` output is the same in every language.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import type { DatasetSources } from '../../data/builtins';
import { DEFAULT_FILE, EXPORT_TARGETS, exportProject, type ExportTarget } from '../../export';
import type { TensorData } from '../../project/safetensors';
import { formatBytes } from '../../project/errors';
import { nodeFileResolver } from './dataFiles';
import { DeepWireError } from '../../core/errors';
import { compileGraph, formatProblem, GraphError } from '../../graph/compile';
import { describePortValue, type PortValue } from '../../graph/types';
import { validateGraph } from '../../graph/validate';
import { readWeights } from '../../graph/weights';
import { isKnownKind } from '../../graph/registry';
import { englishText, messageOfError, msg, nodeLabel, textOf, translate, translateMessage, type Locale, type Message, type MessageKey } from '../../i18n';
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
import { renderProgress } from './progress';
import { writeFileAtomic } from './files';
import { chooseLocale, localeFromEnv, parseCli, UsageError, type CliArgs, type Environment } from './cliArgs';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Rewrites the current terminal line (progress); absent when stderr is not a terminal. */
  status?: (line: string) => void;
  /** Where the language comes from without --lang (LC_ALL, LC_MESSAGES, LANG); default process.env. */
  env?: Environment;
}

/** One invocation: where it prints and in which language. */
class Session {
  constructor(readonly io: CliIO, readonly locale: Locale) {}

  /** The text of `key` in this run's language; a Message value is translated too. */
  t(key: MessageKey, vars?: Message['vars']): string {
    return translateMessage(this.locale, msg(key, vars));
  }
}

/** An error's text in `locale`: its catalogue Message when it has one, else its (English) message. */
function errorText(e: unknown, locale: Locale): string {
  const m = messageOfError(e);
  return m ? translateMessage(locale, m) : e instanceof Error ? e.message : String(e);
}

interface Loaded {
  project: Project;
  weights?: Map<string, TensorData>;
  /** Data embedded in the project, by SHA-256. */
  data?: Map<string, Uint8Array>;
  /** Where the graph's data come from: MNIST, and the user's files (embedded or beside the project). */
  sources: DatasetSources;
}

async function loadFull(file: string): Promise<Loaded> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DeepWireError(code === 'ENOENT' ? msg('cli.file.missing', { file }) : msg('cli.file.unreadable', { file, reason: code ?? (e as Error).message }));
  }
  const result = loadProject(bytes, { isKnownKind });
  if (!result.ok) throw new DeepWireError(msg('cli.file.cannotOpen', { file, reason: messageOfError(result.error) ?? result.error.message }));
  const sources: DatasetSources = { ...nodeDatasetSources, files: nodeFileResolver({ projectFile: file, embedded: result.data }) };
  return { project: result.project, weights: result.weights, data: result.data, sources };
}

function intOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError('cli.args.integer', { name, min, value });
  return n;
}

/** What flows out of a port: a shape, a class count, or the loss. */
function portValueText(v: PortValue, s: Session): string {
  if (v.type === 'target' && v.target.task === 'classification') return s.t('cli.validate.classes', { count: v.target.classes });
  if (v.type === 'objective') return s.t('cli.validate.loss');
  return describePortValue(v);
}

/** A node kind as the reader knows it: its id in English (as in the file), its palette title otherwise. */
const kindText = (kind: string, locale: Locale) => (locale === 'en' ? kind : nodeLabel(locale, kind));

async function validateCommand(file: string, s: Session): Promise<number> {
  const { project } = await loadFull(file);
  const v = validateGraph(project.graph);
  for (const id of v.order) {
    const node = project.graph.nodes.find((n) => n.id === id)!;
    const outs = Object.entries(v.outputs.get(id) ?? {}).map(([port, value]) =>
      (port === describePortValue(value) ? portValueText(value, s) : `${port} ${portValueText(value, s)}`));
    const kind = kindText(node.kind, s.locale);
    s.io.out(outs.length ? s.t('cli.validate.nodeOutputs', { id, kind, outputs: outs.join(', ') }) : s.t('cli.validate.node', { id, kind }));
  }
  for (const p of v.problems) {
    const text = formatProblem(p, project.graph, s.locale);
    if (p.severity === 'error') s.io.err(text);
    else s.io.out(s.t('cli.warning', { text }));
  }
  if (!v.ok) return 1;
  s.io.out(s.t('cli.validate.ok', { file: basename(file) }));
  return 0;
}

async function trainCommand(file: string, opts: CliArgs['values'], s: Session): Promise<number> {
  const { io } = s;
  const epochs = intOption(opts.epochs, 'epochs', 1);
  const seed = intOption(opts.seed, 'seed', 0);
  const { project, data: embedded, sources } = await loadFull(file);
  const planned = compileGraph(project.graph, { seed });
  const backend = opts.backend ?? planned.training.backend;
  if (!['cpu', 'auto', 'webgpu'].includes(backend)) throw new UsageError('cli.args.backend', { backend });
  // The same rule as the editor's engine (chooseDevice): auto takes a hardware adapter only.
  const gpu = backend === 'cpu' ? null : await nodeWebGpuBackend();
  const choice = await chooseDevice({
    webgpu: async () => (gpu!.ok ? { ok: true, backend: gpu!.backend, adapterName: gpu!.adapterName, software: gpu!.software } : { ok: false, reason: msg(gpu!.key, gpu!.vars) }),
  }, backend as 'auto' | 'cpu' | 'webgpu').catch((e: unknown) => {
    throw e instanceof WebGpuUnavailableError && gpu && !gpu.ok ? new UsageError('cli.train.useCpu', { reason: msg(gpu.key, gpu.vars) }) : e;
  });
  const onGpu = choice.kind === 'webgpu' && gpu?.ok ? gpu : null;
  if (gpu?.ok && !onGpu) gpu.release();
  // chooseDevice's reason, in the reader's language: a software-only adapter, or why there is none.
  const fallback = !choice.fallback ? undefined
    : gpu?.ok ? msg('cli.train.softwareGpu', { adapter: gpu.adapterName }) : gpu ? msg(gpu.key, gpu.vars) : choice.fallback;
  const compiled = onGpu ? compileGraph(project.graph, { seed, backend: onGpu.backend }) : planned;
  for (const w of compiled.warnings) io.err(s.t('cli.warning', { text: formatProblem(w, project.graph, s.locale) }));
  const requested = intOption(opts.threads, 'threads', 0) ?? compiled.training.threads;
  const threads = onGpu ? 1 : await startNodeCpuThreads(requested === 0 ? availableParallelism() : requested);
  const device = (locale: Locale) => (onGpu ? translate(locale, 'cli.train.deviceGpu', { adapter: onGpu.adapterName })
    : translate(locale, threads === 1 ? 'cli.train.deviceCpuOne' : 'cli.train.deviceCpu', { threads, kernel: cpuKernelName() }));
  const data = await prepareData(compiled, sources);
  const totalEpochs = epochs ?? compiled.training.epochs;
  const startedAt = new Date().toISOString();
  let lastStatus = 0;
  const onEvent = (e: TrainEvent) => {
    if (e.type === 'epoch') {
      if (opts.json) io.out(JSON.stringify({ event: 'epoch', epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, valLoss: e.valLoss, valAccuracy: e.valAccuracy, samplesPerSec: e.samplesPerSec }));
      else {
        io.status?.('');
        const parts = [s.t('cli.train.loss', { value: e.loss.toFixed(4) })];
        if (e.accuracy !== undefined) parts.push(s.t('cli.train.accuracy', { value: e.accuracy.toFixed(4) }));
        if (e.valLoss !== undefined) parts.push(s.t('cli.train.valLoss', { value: e.valLoss.toFixed(4) }));
        if (e.valAccuracy !== undefined) parts.push(s.t('cli.train.valAccuracy', { value: e.valAccuracy.toFixed(4) }));
        parts.push(s.t('cli.train.seconds', { seconds: e.seconds.toFixed(1) }));
        io.out(`${s.t('cli.train.epoch', { epoch: e.epoch, epochs: totalEpochs })}: ${parts.join(' · ')}`);
      }
    } else if (e.type === 'batch' && !opts.json && io.status) {
      const now = Date.now();
      if (now - lastStatus > 100 || e.batch === e.batches) {
        lastStatus = now;
        io.status(renderProgress({ ...e, epochs: totalEpochs }, s.locale));
      }
    } else if (e.type === 'done') {
      io.status?.('');
      if (opts.json) {
        io.out(JSON.stringify({ event: 'done', status: e.status, testLoss: e.testLoss, testAccuracy: e.testAccuracy, seconds: e.seconds, threads, device: device('en'), ...(choice.fallback ? { fallback: choice.fallback } : {}) }));
        return;
      }
      const seconds = e.seconds.toFixed(1);
      const head = fallback ? s.t('cli.train.doneFallback', { seconds, device: device(s.locale), reason: fallback }) : s.t('cli.train.done', { seconds, device: device(s.locale) });
      const test = [
        ...(e.testLoss !== undefined ? [s.t('cli.train.testLoss', { value: e.testLoss.toFixed(4) })] : []),
        ...(e.testAccuracy !== undefined ? [s.t('cli.train.testAccuracy', { value: e.testAccuracy.toFixed(4) })] : []),
      ];
      io.out(`${head}${test.length ? `: ${test.join(' · ')}` : ''}${data.testIsTrain ? ` ${s.t('cli.train.testIsTrain')}` : ''}`);
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
    // The project file keeps English: it is read in whichever language opens it.
    Object.assign(run, { status: 'failed', error: e.message });
  }
  run.finishedAt = new Date().toISOString();
  try {
    if (opts.out) {
      const saved = saveProject({ ...project, runs: [...project.runs, run] }, failure ? undefined : await readWeights(compiled.model), { data: embedded });
      await writeFileAtomic(opts.out, saved);
      if (!opts.json) io.out(s.t('cli.train.saved', { file: opts.out }));
    }
  } finally {
    // Dawn keeps Node alive while it holds a device.
    onGpu?.release();
  }
  if (failure) throw failure;
  return 0;
}

async function gradcheckCommand(file: string, opts: CliArgs['values'], s: Session): Promise<number> {
  const { io } = s;
  const { project, sources } = await loadFull(file);
  const report = await checkGradients(project.graph, sources);
  for (const r of report.tensors) {
    if (opts.json) io.out(JSON.stringify({ event: 'tensor', name: r.name, shape: r.shape, checked: r.checked, maxRelativeError: r.relativeError, pass: r.pass }));
    else io.out(s.t(r.pass ? 'cli.gradcheck.pass' : 'cli.gradcheck.fail', { name: r.name, shape: r.shape.join('×'), checked: r.checked, error: r.relativeError.toExponential(2) }));
  }
  const failed = report.tensors.filter((r) => !r.pass).length;
  const summary = { event: 'done', tensors: report.tensors.length, failed, threshold: report.threshold, backpropSeconds: report.backpropSeconds, numericalSeconds: report.numericalSeconds, notes: report.notes.map(englishText) };
  if (opts.json) io.out(JSON.stringify(summary));
  else {
    for (const n of report.notes) io.out(s.t('cli.note', { text: textOf(s.locale, n) }));
    io.out(s.t(failed ? 'cli.gradcheck.someFail' : 'cli.gradcheck.allPass', {
      failed, total: report.tensors.length, threshold: report.threshold,
      backpropMs: (report.backpropSeconds * 1000).toFixed(1), numericalSeconds: report.numericalSeconds.toFixed(2),
    }));
  }
  return failed ? 1 : 0;
}

/** A file size: formatBytes's kB/MB/GB are the same in every language; only "bytes" is a word. */
const sizeText = (n: number, s: Session) => (n < 1000 ? s.t('cli.export.bytes', { count: n }) : formatBytes(n));

async function exportCommand(file: string, opts: CliArgs['values'], s: Session): Promise<number> {
  const { io } = s;
  if (!opts.to) throw new UsageError('cli.args.exportTo', { targets: EXPORT_TARGETS.join('|') });
  if (!(EXPORT_TARGETS as readonly string[]).includes(opts.to)) throw new UsageError('cli.args.exportTarget', { target: opts.to, targets: EXPORT_TARGETS.join(', ') });
  if (!opts.output) throw new UsageError('cli.args.exportOutput');
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
    io.out(s.t('cli.export.wrote', { path, size: sizeText(f.bytes.length, s) }));
  }
  if (target === 'pytorch' || target === 'keras') {
    const script = join(dir, files[0].name);
    io.out(s.t(target === 'pytorch' ? 'cli.export.runPytorch' : 'cli.export.runKeras', { script }));
    if (!weights) io.out(s.t('cli.note', { text: msg('cli.export.noWeights') }));
  }
  return 0;
}

/** Prints why the run failed, in `locale`; returns the exit code. */
function report(e: unknown, io: CliIO, locale: Locale): number {
  if (e instanceof GraphError) {
    // Its message lists every error, one `node <id> (<kind>): …` line each.
    io.err(errorText(e, locale));
    return 1;
  }
  if (e instanceof UsageError) {
    io.err(`deepwire: ${errorText(e, locale)}${e.showUsage ? `\n${translate(locale, 'cli.usage')}` : ''}`);
    return 2;
  }
  if (e instanceof DeepWireError) {
    io.err(`deepwire: ${errorText(e, locale)}`);
    return 1;
  }
  io.err(`deepwire: ${translate(locale, 'cli.internalError', { message: (e as Error)?.message ?? String(e) })}`);
  if (process.env.DEEPWIRE_DEBUG) io.err((e as Error)?.stack ?? '');
  return 70;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const env = io.env ?? process.env;
  // The environment's language until --lang is read, so a bad --lang is reported in it.
  let locale = localeFromEnv(env);
  try {
    locale = chooseLocale(argv, env);
    const s = new Session(io, locale);
    const { command, file, extra, values } = parseCli(argv);
    if (values.help || !command) {
      io.out(s.t('cli.usage'));
      return values.help ? 0 : 2;
    }
    if (!['validate', 'train', 'gradcheck', 'export'].includes(command)) throw new UsageError('cli.args.unknownCommand', { command }, true);
    if (!file) throw new UsageError('cli.args.noFile', { command });
    if (extra.length) throw new UsageError('cli.args.extra', { argument: extra[0] });
    if (command === 'validate') return await validateCommand(file, s);
    if (command === 'train') return await trainCommand(file, values, s);
    if (command === 'export') return await exportCommand(file, values, s);
    return await gradcheckCommand(file, values, s);
  } catch (e) {
    return report(e, io, locale);
  }
}
