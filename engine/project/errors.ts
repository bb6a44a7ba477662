/**
 * The one error type of the project-file layer. Loading never throws: every problem with a
 * file comes back as a `ProjectFileError` whose `reason` a caller can switch on and whose
 * message says what is wrong, where in the file, and what the person can do about it.
 */
import { DeepWireError } from '../core/errors';
import { msg, type Message } from '../i18n/message';

/**
 * Why a project file could not be read (or written).
 *
 * - `not-zip`: the bytes are not a ZIP archive at all (a JSON file, an image, an empty file).
 * - `damaged`: a ZIP archive, but cut short or corrupted (bad checksum, sizes that disagree).
 * - `too-large`: a size or count over DeepWire's limits (this is how zip bombs are refused).
 * - `missing-project-json`: a ZIP archive without `project.json`.
 * - `bad-json`: `project.json` (or the weights header) is not valid UTF-8 JSON, or uses a
 *   reserved key such as `__proto__`.
 * - `not-deepwire`: valid JSON, but it does not say it is a DeepWire project.
 * - `schema`: a DeepWire project whose fields have the wrong type or are inconsistent.
 * - `newer-version`: written by a newer DeepWire in a format this app does not know yet.
 * - `unknown-node-kind`: the graph uses a node kind this app does not have.
 * - `bad-weights`: `weights.safetensors` is malformed or does not match the graph.
 * - `unreadable`: the file system refused to read (no such file, no permission).
 * - `unwritable`: the file system refused to save (disk full, no permission); the old file is intact.
 * - `internal`: a bug in DeepWire, not a problem with the file.
 */
export type ProjectFileReason =
  | 'not-zip'
  | 'damaged'
  | 'too-large'
  | 'missing-project-json'
  | 'bad-json'
  | 'not-deepwire'
  | 'schema'
  | 'newer-version'
  | 'unknown-node-kind'
  | 'bad-weights'
  | 'unreadable'
  | 'unwritable'
  | 'internal';

/** Where in the file a problem sits, for UIs that want to point at it. All optional. */
export interface ProjectFileErrorDetails {
  /** The archive entry: `project.json` or `weights.safetensors`. */
  readonly entry?: string;
  /** A JSON path inside `project.json`, e.g. `graph.nodes[3].position.x`. */
  readonly path?: string;
  /** Every schema problem as `path: message` (the message shows the first few). */
  readonly issues?: readonly string[];
  /** The tensor in `weights.safetensors` the problem is about. */
  readonly tensor?: string;
  /** The graph node the problem is about. */
  readonly nodeId?: string;
  /** The format version the file says it has. */
  readonly version?: number;
  /** What went wrong underneath (a parser error, a file-system error), kept for logs. */
  readonly cause?: unknown;
}

/**
 * A project file that cannot be read, with a reason code and a message a person can act on.
 * Built from a catalogue Message (`project.*`), it keeps it as `msg` for the reader's language.
 */
export class ProjectFileError extends DeepWireError {
  readonly entry?: string;
  readonly path?: string;
  readonly issues?: readonly string[];
  readonly tensor?: string;
  readonly nodeId?: string;
  readonly version?: number;

  constructor(
    readonly reason: ProjectFileReason,
    message: string | Message,
    details: ProjectFileErrorDetails = {},
  ) {
    super(message);
    const { cause, ...where } = details;
    Object.assign(this, where);
    if (cause !== undefined) this.cause = cause;
  }
}

/** Formats a byte count for messages: `812 bytes`, `3.4 MB`, `1.2 GB` (powers of 1000). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(2))} ${units[unit]}`;
}

/**
 * A byte count as a message value: `812 bytes` (translated, as `project.bytes`) under 1000,
 * else formatBytes's `3.4 MB` (units read the same in every language).
 */
export function bytesValue(n: number): string | Message {
  return n < 1000 ? msg('project.bytes', { count: n }) : formatBytes(n);
}

/** Quotes a name from a file for a message: printable, at most 80 characters. */
export function quoteName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const short = printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
  return JSON.stringify(short);
}
