/**
 * Reading JSON out of a file without trusting it: strict UTF-8, a depth limit, and no keys that
 * could reach an object's prototype (`__proto__`, `constructor`, `prototype`). `JSON.parse`
 * itself only creates own properties, but code further on copies objects key by key, and a
 * file has no business naming those keys anyway, so they are refused outright.
 */
import { strFromU8, strToU8 } from 'fflate';
import { englishText, msg, type Message } from '../i18n/message';
import { ProjectFileError, quoteName, type ProjectFileReason } from './errors';

/** Keys that can reach a prototype when an object is copied by assignment. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep arrays and objects may nest in a file DeepWire reads. Ours nest about 6 deep. */
export const MAX_JSON_DEPTH = 64;

/**
 * Decodes UTF-8, refusing malformed bytes rather than replacing them with U+FFFD, so that
 * what was read is exactly what was written. (Works without TextDecoder typings: fflate
 * decodes, and a lossless round trip proves the bytes were valid.)
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  const text = strFromU8(bytes);
  const again = strToU8(text);
  if (again.length !== bytes.length) return undefined;
  for (let i = 0; i < again.length; i++) if (again[i] !== bytes[i]) return undefined;
  return text;
}

/** Formats a JSON path the way people read it: `graph.nodes[3].position.x`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${quoteName(String(key))}]`;
  }
  return out || '(top level)';
}

/** formatJsonPath as a message value: the top level is translated, a path reads the same everywhere. */
export function jsonPathValue(path: readonly PropertyKey[]): string | Message {
  return path.length === 0 ? msg('project.json.topLevel') : formatJsonPath(path);
}

/**
 * Parses `bytes` as UTF-8 JSON for the entry `what` (a name, or a message naming it). Throws a
 * ProjectFileError with `reason` (default `bad-json`) when the bytes are not UTF-8, not JSON,
 * nested deeper than MAX_JSON_DEPTH, or use a forbidden key.
 */
export function parseJsonSafely(bytes: Uint8Array, what: string | Message, reason: ProjectFileReason = 'bad-json'): unknown {
  const entry = entryName(what);
  // A byte-order mark is what a text editor on Windows may add; it is not part of the JSON.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const text = decodeUtf8Strict(body);
  if (text === undefined) {
    throw new ProjectFileError(reason, msg('project.json.notUtf8', { entry: what }), { entry });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProjectFileError(reason, msg('project.json.syntax', { entry: what, detail: describeSyntaxError(error, text) }), {
      entry,
      cause: error,
    });
  }
  assertSafeJson(value, what, reason);
  return value;
}

/**
 * Throws a ProjectFileError when `root` nests deeper than MAX_JSON_DEPTH or uses a forbidden
 * key anywhere. Walks iteratively, so a deep value cannot overflow the stack.
 */
export function assertSafeJson(root: unknown, what: string | Message, reason: ProjectFileReason = 'bad-json'): void {
  const entry = entryName(what);
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length > MAX_JSON_DEPTH) {
      const at = formatJsonPath(path.slice(0, 8));
      throw new ProjectFileError(reason, msg('project.json.tooDeep', { entry: what, max: MAX_JSON_DEPTH, path: at }), { entry });
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const problem = msg('project.json.reservedKey', { entry: what, key: quoteName(key), path: jsonPathValue(path) });
        throw new ProjectFileError(reason, problem, { entry, path: formatJsonPath(path) });
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
}

/** The entry a problem is in, in English words (`ProjectFileError.entry`). */
function entryName(what: string | Message): string {
  return typeof what === 'string' ? what : englishText(what);
}

/**
 * Turns V8's "... at position 123" into a line and column a person can find in an editor (the
 * parser's own words stay English: they come from the JavaScript engine).
 */
function describeSyntaxError(error: unknown, text: string): string | Message {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  if (!match) return message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return msg('project.json.at', { reason: message.replace(/\s*in JSON at position \d+.*$/, ''), line, column });
}
