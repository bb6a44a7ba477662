/**
 * The `.dwire` file: a ZIP archive holding `project.json` and, once trained,
 * `weights.safetensors` (which PyTorch's safetensors loader opens as it is).
 *
 * `loadProject` never throws: any input, however broken or hostile, comes back as
 * `{ ok: false, error }` with a ProjectFileError, and nothing is changed by a failed load.
 */
import { msg } from '../i18n/message';
import { ProjectFileError, bytesValue, quoteName } from './errors';
import { PROJECT_JSON, readProjectJson, writeProjectJson, type ProjectParseOptions } from './format';
import type { Project, ProjectInput } from './schema';
import { decodeSafetensors, encodeSafetensors, type TensorData } from './safetensors';
import { listZipEntries, readZipEntry, startsLikeZip, writeZip, type ZipEntry } from './zip';
import { sha256Hex } from '../data/fileRef';

/** The archive entry holding the trained weights. */
export const WEIGHTS_SAFETENSORS = 'weights.safetensors';

/**
 * Where the user's data embedded in the project live: `data/<sha256>`, one entry per file
 * (an image folder is one packed archive). "From file" nodes refer to them by hash.
 */
export const DATA_PREFIX = 'data/';

/** The archive entry of embedded data with this SHA-256. */
export function dataEntryName(sha256: string): string {
  return `${DATA_PREFIX}${sha256}`;
}

/** Sizes beyond which a file is refused before it is unpacked. */
export interface LoadLimits {
  /** The whole `.dwire` file. */
  maxFileBytes: number;
  /** Entries in the archive (DeepWire writes 2; re-zipping on a Mac adds a few). */
  maxEntries: number;
  /** `project.json`, unpacked. */
  maxProjectJsonBytes: number;
  /** `weights.safetensors`, unpacked. */
  maxWeightsBytes: number;
  /** All embedded data files together, unpacked. */
  maxDataBytes: number;
}

export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = {
  maxFileBytes: 1100 * 1024 ** 2,
  maxEntries: 64,
  maxProjectJsonBytes: 64 * 1024 ** 2,
  maxWeightsBytes: 1024 ** 3,
  maxDataBytes: 1024 ** 3,
};

export interface LoadOptions extends ProjectParseOptions {
  /** Overrides of DEFAULT_LOAD_LIMITS. */
  limits?: Partial<LoadLimits>;
}

export type LoadResult =
  | {
      ok: true;
      project: Project;
      /** The trained weights by tensor name (`<nodeId>.<param>`), when the file has them. */
      weights?: Map<string, TensorData>;
      /** Data embedded by "From file" nodes, by SHA-256 (only those the graph refers to). */
      data?: Map<string, Uint8Array>;
      /** Things a person may want to know that did not stop the load (ignored entries). */
      warnings: string[];
    }
  | { ok: false; error: ProjectFileError };

/**
 * Writes a project (and, optionally, its weights) as `.dwire` bytes. Deterministic: the same
 * project and weights give the same bytes. Weight names must be `<nodeId>.<param>` for nodes
 * in the graph. Throws ProjectFileError (`schema`, `bad-weights`) for a project that would
 * not load again, and ArgumentError for a tensor whose shape does not match its data.
 */
export function saveProject(
  project: Project | ProjectInput,
  weights?: ReadonlyMap<string, TensorData>,
  options: { data?: ReadonlyMap<string, Uint8Array> } = {},
): Uint8Array {
  const json = writeProjectJson(project);
  const files = [{ name: PROJECT_JSON, data: json, compress: true }];
  if (options.data) {
    for (const [hash, bytes] of [...options.data].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new ProjectFileError('schema', msg('project.embedKey', { hash }));
      files.push({ name: dataEntryName(hash), data: bytes, compress: true });
    }
  }
  if (weights) {
    const nodeIds = new Set(project.graph.nodes.map((node) => node.id));
    for (const name of weights.keys()) {
      if (ownerNode(name, nodeIds) === undefined) {
        throw new ProjectFileError('bad-weights', msg('project.weights.saveOrphan', { tensor: quoteName(name) }), {
          entry: WEIGHTS_SAFETENSORS,
          tensor: name,
        });
      }
    }
    // `format: pt` is what PyTorch-side tools (transformers, safe_open) expect to find.
    files.push({ name: WEIGHTS_SAFETENSORS, data: encodeSafetensors(weights, { format: 'pt' }), compress: false });
  }
  return writeZip(files);
}

/**
 * Reads `.dwire` bytes: checks the archive, migrates `project.json` to the current format,
 * validates it, and decodes the weights. Never throws.
 */
export function loadProject(bytes: Uint8Array, options: LoadOptions = {}): LoadResult {
  try {
    return { ok: true, ...load(bytes, options) };
  } catch (error) {
    if (error instanceof ProjectFileError) return { ok: false, error };
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ok: false,
      error: new ProjectFileError('internal', msg('project.internal', { detail }), { cause: error }),
    };
  }
}

function load(bytes: Uint8Array, options: LoadOptions) {
  const limits = { ...DEFAULT_LOAD_LIMITS, ...options.limits };
  // By tag, not instanceof: bytes may come from another realm (a worker, an iframe).
  if (Object.prototype.toString.call(bytes) !== '[object Uint8Array]') throw new TypeError('loadProject expects the file as a Uint8Array');
  if (bytes.length > limits.maxFileBytes) {
    throw new ProjectFileError('too-large', msg('project.fileTooLarge', { size: bytesValue(bytes.length), max: bytesValue(limits.maxFileBytes) }));
  }
  if (!startsLikeZip(bytes)) throw notZip(bytes);

  const entries = listZipEntries(bytes, limits.maxEntries);
  const known = new Map<string, ZipEntry>();
  const ignored: string[] = [];
  const dataEntries: ZipEntry[] = [];
  for (const entry of entries) {
    if (/^data\/[0-9a-f]{64}$/.test(entry.name)) {
      dataEntries.push(entry);
    } else if (entry.name === PROJECT_JSON || entry.name === WEIGHTS_SAFETENSORS) {
      if (known.has(entry.name)) {
        throw new ProjectFileError('damaged', msg('project.duplicateEntry', { entry: entry.name }), { entry: entry.name });
      }
      known.set(entry.name, entry);
    } else if (!entry.name.endsWith('/')) {
      ignored.push(entry.name);
    }
  }

  const projectEntry = known.get(PROJECT_JSON);
  if (!projectEntry) throw missingProjectJson(entries);
  checkSize(projectEntry, limits.maxProjectJsonBytes);
  const weightsEntry = known.get(WEIGHTS_SAFETENSORS);
  if (weightsEntry) checkSize(weightsEntry, limits.maxWeightsBytes);

  const project = readProjectJson(readZipEntry(bytes, projectEntry), options);
  let weights: Map<string, TensorData> | undefined;
  if (weightsEntry) {
    weights = decodeSafetensors(readZipEntry(bytes, weightsEntry), { maxDataBytes: limits.maxWeightsBytes }).tensors;
    const nodeIds = new Set(project.graph.nodes.map((node) => node.id));
    for (const name of weights.keys()) {
      if (ownerNode(name, nodeIds) === undefined) {
        throw new ProjectFileError('bad-weights', msg('project.weights.orphan', { entry: WEIGHTS_SAFETENSORS, tensor: quoteName(name) }), {
          entry: WEIGHTS_SAFETENSORS,
          tensor: name,
        });
      }
    }
  }
  const data = readEmbeddedData(bytes, project, dataEntries, limits, ignored);
  const warnings = ignored.slice(0, 5).map(
    (name) => `Ignored ${quoteName(name)} inside the project file: DeepWire does not use it, and will not keep it when the project is saved.`,
  );
  if (ignored.length > 5) warnings.push(`Ignored ${ignored.length - 5} more entries inside the project file.`);
  return { project, ...(weights ? { weights } : {}), ...(data.size ? { data } : {}), warnings };
}

/** SHA-256s the graph's "From file" nodes refer to. */
function referencedData(project: Project): Set<string> {
  const hashes = new Set<string>();
  for (const node of project.graph.nodes) {
    const files = (node.params as { files?: unknown }).files;
    if (!Array.isArray(files)) continue;
    for (const f of files) {
      const hash = (f as { sha256?: unknown } | null)?.sha256;
      if (typeof hash === 'string') hashes.add(hash);
    }
  }
  return hashes;
}

/**
 * The embedded data entries the graph refers to, each checked against its name's SHA-256 (the
 * ZIP's CRC already caught damage in transit; the hash catches an entry swapped by hand).
 * Unreferenced entries are ignored with a warning.
 */
function readEmbeddedData(bytes: Uint8Array, project: Project, entries: readonly ZipEntry[], limits: LoadLimits, ignored: string[]): Map<string, Uint8Array> {
  const wanted = referencedData(project);
  const data = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    const hash = entry.name.slice(DATA_PREFIX.length);
    if (!wanted.has(hash) || data.has(hash)) {
      ignored.push(entry.name);
      continue;
    }
    total += entry.size;
    if (total > limits.maxDataBytes) {
      throw new ProjectFileError('too-large', msg('project.dataTooLarge', { max: bytesValue(limits.maxDataBytes) }), { entry: entry.name });
    }
    const content = readZipEntry(bytes, entry);
    if (sha256Hex(content) !== hash) {
      throw new ProjectFileError('damaged', msg('project.dataHashMismatch', { entry: quoteName(entry.name) }), { entry: entry.name });
    }
    data.set(hash, content);
  }
  return data;
}

/**
 * The node a tensor belongs to: the longest node id `id` such that the name is `id.<param>`.
 * (Ids may contain dots, so every dot is a candidate split.)
 */
export function ownerNode(tensorName: string, nodeIds: ReadonlySet<string>): string | undefined {
  for (let dot = tensorName.lastIndexOf('.'); dot > 0; dot = tensorName.lastIndexOf('.', dot - 1)) {
    const id = tensorName.slice(0, dot);
    if (dot < tensorName.length - 1 && nodeIds.has(id)) return id;
  }
  return undefined;
}

function checkSize(entry: ZipEntry, max: number): void {
  if (entry.size > max) {
    throw new ProjectFileError('too-large', msg('project.entryTooLarge', { entry: entry.name, size: bytesValue(entry.size), max: bytesValue(max) }), {
      entry: entry.name,
    });
  }
}

function notZip(bytes: Uint8Array): ProjectFileError {
  if (bytes.length === 0) return new ProjectFileError('not-zip', msg('project.notZip.empty'));
  let i = 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09 || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  const looksLikeJson = bytes[i] === 0x7b || bytes[i] === 0x5b;
  return new ProjectFileError('not-zip', msg(looksLikeJson ? 'project.notZip.json' : 'project.notZip.other'));
}

function missingProjectJson(entries: readonly ZipEntry[]): ProjectFileError {
  const nested = entries.find((entry) => entry.name.endsWith(`/${PROJECT_JSON}`));
  const names = entries.map((entry) => quoteName(entry.name));
  const holds = names.length === 0
    ? msg('project.noProjectJson.empty')
    : msg('project.noProjectJson.holds', { names: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}` });
  const fix = nested
    ? msg('project.noProjectJson.nested', { entry: PROJECT_JSON, found: quoteName(nested.name) })
    : msg('project.noProjectJson.choose');
  return new ProjectFileError('missing-project-json', msg('project.noProjectJson', { entry: PROJECT_JSON, holds, fix }));
}
