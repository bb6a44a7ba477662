/**
 * The engine's error types. Each says what happened, where, and what to do; callers can
 * switch on `name` (stable) without parsing messages.
 */

import { englishText, type Message } from '../i18n/message';

/**
 * Base class of every error the engine throws on purpose. Built from a catalogue Message, it
 * keeps it as `msg` (so the renderer and the CLI show it in the reader's language) and its
 * English text as `message`; built from a string, the text is English only.
 */
export class DeepWireError extends Error {
  readonly msg?: Message;
  constructor(message: string | Message) {
    super(typeof message === 'string' ? message : englishText(message));
    this.name = new.target.name;
    if (typeof message !== 'string') this.msg = message;
  }
}

/** Formats a shape the way the course writes it: `(2, 3)`, `(3,)`, `()`. */
export function formatShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** Two shapes that cannot be combined by an op; the message prints both. */
export class ShapeError extends DeepWireError {
  constructor(
    readonly op: string,
    readonly shapes: readonly (readonly number[])[],
    detail: string,
  ) {
    super(`${op}: ${detail} (got ${shapes.map(formatShape).join(' and ')})`);
  }
}

/** Tensors of different dtypes met in one op, or a dtype the backend cannot hold. */
export class DTypeError extends DeepWireError {}

/** A backend lacks a kernel an op needs. Never silently emulated. */
export class UnsupportedOpError extends DeepWireError {
  constructor(
    readonly backend: string,
    readonly kernel: string,
  ) {
    super(`The '${backend}' backend has no '${kernel}' kernel; train this graph on another backend (e.g. 'cpu').`);
  }
}

/** Misuse of autograd: backward on a non-scalar without a seed gradient, and the like. */
export class GradientError extends DeepWireError {}

/** A bad argument (out-of-range axis, negative size, …). */
export class ArgumentError extends DeepWireError {}
