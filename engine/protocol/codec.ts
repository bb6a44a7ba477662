/**
 * Both ends of the protocol check what they receive here: a message that is not one of the
 * schemas in messages.ts is rejected with a `ProtocolError` that says what is wrong and where,
 * never ignored (netron's worker habit). `transferables` lists the buffers a message can hand
 * over without a copy.
 */
import type { z } from 'zod';
import { DeepWireError } from '../core/errors';
import { englishText, messageOfError, msg as i18nMsg, type Message } from '../i18n/message';
import { issueList, zodProblem } from '../project/issues';
import { TrainingDivergedError } from '../train/Trainer';
import { DatasetError } from '../data/Dataset';
import { GraphError } from '../graph/compile';
import {
  ClientMessageSchema,
  EngineMessageSchema,
  type ClientMessage,
  type EngineMessage,
  type ErrorInfo,
  type ErrorKind,
} from './messages';

/** A message that does not follow the protocol (unknown type, missing or wrong field, wrong version). */
export class ProtocolError extends DeepWireError {}

const CLIENT_TYPES = new Set(ClientMessageSchema.options.map((o) => o.shape.type.value as string));
const ENGINE_TYPES = new Set(EngineMessageSchema.options.map((o) => o.shape.type.value as string));

function describe(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'an array';
  return typeof data === 'object' ? 'an object' : `a ${typeof data}`;
}

/** `side`: which way the message went (`run.protocol.toEngine` or `run.protocol.fromEngine`). */
function parseWith<T>(schema: z.ZodType<T>, types: ReadonlySet<string>, side: Message, data: unknown): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProtocolError(i18nMsg('run.protocol.notObject', { side, what: describe(data) }));
  }
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string') throw new ProtocolError(i18nMsg('run.protocol.noType', { side }));
  if (!types.has(type)) throw new ProtocolError(i18nMsg('run.protocol.unknownType', { side, type: type.slice(0, 60), known: [...types].join(', ') }));
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // Every issue names its field; a value the schema refuses (a negative epoch count) reads in the reader's language.
  const issues = result.error.issues.slice(0, 5).map((i) => ({ path: i.path.length ? i.path.join('.') : '(message)', problem: zodProblem(i.message) }));
  throw new ProtocolError(i18nMsg('run.protocol.malformed', { side, type, issues: issueList(issues, issues.length) }));
}

/** Checks a message the engine received from the editor. */
export function parseClientMessage(data: unknown): ClientMessage {
  return parseWith(ClientMessageSchema as z.ZodType<ClientMessage>, CLIENT_TYPES, i18nMsg('run.protocol.toEngine'), data);
}

/** Checks a message the editor received from the engine. */
export function parseEngineMessage(data: unknown): EngineMessage {
  return parseWith(EngineMessageSchema as z.ZodType<EngineMessage>, ENGINE_TYPES, i18nMsg('run.protocol.fromEngine'), data);
}

/** The distinct ArrayBuffers under a message's typed arrays (postMessage's transfer list). */
export function transferables(message: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      // A view onto part of a bigger buffer (or a shared one) is not handed over whole.
      if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) found.add(v.buffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
  };
  visit(message, 0);
  return [...found];
}

function kindOf(e: unknown): ErrorKind {
  if (e instanceof ProtocolError) return 'protocol';
  if (e instanceof GraphError) return 'graph';
  if (e instanceof TrainingDivergedError) return 'diverged';
  if (e instanceof DatasetError) return 'data';
  // V8 throws RangeError('Array buffer allocation failed' / 'Invalid typed array length') when memory runs out.
  if (e instanceof RangeError && /allocat|memory|array length|buffer/i.test(e.message)) return 'memory';
  return 'internal';
}

/** An error as it travels: name, message, what kind, the node it belongs to. */
export function errorInfo(e: unknown): ErrorInfo {
  const err = e instanceof Error ? e : new Error(String(e));
  const kind = kindOf(err);
  const firstNode = err instanceof GraphError ? err.problems.find((p) => p.severity === 'error' && p.nodeId)?.nodeId : undefined;
  const msg = kind === 'memory' ? i18nMsg('error.memory', { detail: err.message }) : messageOfError(err);
  const message = kind === 'memory' && msg ? englishText(msg) : err.message;
  return {
    name: err.name || 'Error',
    message: message.slice(0, 20_000),
    ...(msg ? { msg } : {}),
    kind,
    ...(firstNode ? { nodeId: firstNode } : {}),
    ...(kind === 'internal' && err.stack ? { stack: err.stack.slice(0, 20_000) } : {}),
  };
}
