/**
 * The `.dwire` file: a ZIP archive holding `project.json` and, once trained,
 * `weights.safetensors` (which PyTorch's safetensors loader opens as it is).
 *
 * `loadProject` never throws: any input, however broken or hostile, comes back as
 * `{ ok: false, error }` with a ProjectFileError, and nothing is changed by a failed load.
 */
import { ProjectFileError, formatBytes, quoteName } from './errors';
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
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new ProjectFileError('schema', `Cannot embed data under '${hash}': the key must be the data's SHA-256 (64 hex digits). This is a bug in DeepWire; please report it.`);
      files.push({ name: dataEntryName(hash), data: bytes, compress: true });
    }
  }
  if (weights) {
    const nodeIds = new Set(project.graph.nodes.map((node) => node.id));
    for (const name of weights.keys()) {
      if (ownerNode(name, nodeIds) === undefined) {
        throw new ProjectFileError(
          'bad-weights',
          `Cannot save the weights: the tensor ${quoteName(name)} belongs to no node in the graph (names are "<nodeId>.<param>"). This is a bug in DeepWire; please report it.`,
          { entry: WEIGHTS_SAFETENSORS, tensor: name },
        );
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
      error: new ProjectFileError(
        'internal',
        `DeepWire could not read this file because of an internal error (${detail}). The file itself may be fine; please report this.`,
        { cause: error },
      ),
    };
  }
}

function load(bytes: Uint8Array, options: LoadOptions) {
  const limits = { ...DEFAULT_LOAD_LIMITS, ...options.limits };
  // By tag, not instanceof: bytes may come from another realm (a worker, an iframe).
  if (Object.prototype.toString.call(bytes) !== '[object Uint8Array]') throw new TypeError('loadProject expects the file as a Uint8Array');
  if (bytes.length > limits.maxFileBytes) {
    throw new ProjectFileError(
      'too-large',
      `The file is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.maxFileBytes)} DeepWire opens; a project file is far smaller, so this is probably not one.`,
    );
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
        throw new ProjectFileError(
          'damaged',
          `The project file holds two copies of ${entry.name}, so which one is meant is unclear; it was altered. Open an earlier copy.`,
          { entry: entry.name },
        );
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
        throw new ProjectFileError(
          'bad-weights',
          `${WEIGHTS_SAFETENSORS} holds the tensor ${quoteName(name)}, but no node in the graph owns it (tensor names are "<nodeId>.<param>"), so the weights do not belong to this graph. Retrain the model, or remove ${WEIGHTS_SAFETENSORS} from the archive to open the graph without weights.`,
          { entry: WEIGHTS_SAFETENSORS, tensor: name },
        );
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
      throw new ProjectFileError(
        'too-large',
        `The data embedded in the project file unpack to more than the ${formatBytes(limits.maxDataBytes)} DeepWire opens. The file was crafted or damaged and was not opened.`,
        { entry: entry.name },
      );
    }
    const content = readZipEntry(bytes, entry);
    if (sha256Hex(content) !== hash) {
      throw new ProjectFileError(
        'damaged',
        `The embedded data ${quoteName(entry.name)} do not match their SHA-256, so they were altered after saving. Open an earlier copy, or remove the entry and import the data again.`,
        { entry: entry.name },
      );
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
    throw new ProjectFileError(
      'too-large',
      `${entry.name} inside the project file unpacks to ${formatBytes(entry.size)}, more than the ${formatBytes(max)} DeepWire opens. The file was crafted or damaged and was not opened.`,
      { entry: entry.name },
    );
  }
}

function notZip(bytes: Uint8Array): ProjectFileError {
  const hint = 'A .dwire file is a ZIP archive written by DeepWire; choose a file saved by DeepWire.';
  if (bytes.length === 0) {
    return new ProjectFileError('not-zip', `This is not a DeepWire project (.dwire) file: it is empty (0 bytes). It may have been cut off while being copied; open an earlier copy.`);
  }
  let i = 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09 || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  const looksLikeJson = bytes[i] === 0x7b || bytes[i] === 0x5b;
  const what = looksLikeJson ? 'it is a JSON text file, not a ZIP archive' : 'it does not start like a ZIP archive';
  return new ProjectFileError('not-zip', `This is not a DeepWire project (.dwire) file: ${what}. ${hint}`);
}

function missingProjectJson(entries: readonly ZipEntry[]): ProjectFileError {
  const nested = entries.find((entry) => entry.name.endsWith(`/${PROJECT_JSON}`));
  const names = entries.map((entry) => quoteName(entry.name));
  const holds = names.length === 0 ? 'it is an empty archive' : `it holds ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}`;
  const fix = nested
    ? `${PROJECT_JSON} must be at the top of the archive, not in a folder (found ${quoteName(nested.name)}); zip the files, not the folder.`
    : 'Choose a .dwire file saved by DeepWire.';
  return new ProjectFileError('missing-project-json', `This ZIP archive is not a DeepWire project: it has no ${PROJECT_JSON} (${holds}). ${fix}`);
}
