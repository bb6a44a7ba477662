/**
 * The node registry: every node kind declared once with `defineNode`. The palette, the
 * inspector's forms, connection checks, shape inference, compilation and export all read these
 * declarations; adding a node kind means adding one declaration (and its catalogue texts).
 *
 * Texts are not written here: a kind's label and help come from the message catalogue under
 * `node.<id>.label` and `node.<id>.help`, each parameter's under the shared `param.<name>.*`
 * (or `node.<id>.param.<name>.*` where a kind needs its own words); see engine/i18n. A test
 * fails when a kind lacks a text in any language.
 */
import type { z } from 'zod';
import type { Backend } from '../backend/backend';
import type { DType } from '../core/dtype';
import { DeepWireError } from '../core/errors';
import type { Message } from '../i18n/message';
import type { Random } from '../core/random';
import type { Layer } from '../nn/Layer';
import type { LossFn } from '../nn/trainStep';
import type { Optimizer } from '../nn/optimizers';
import type { PortType, PortValue } from './types';

export type Category = 'Data' | 'Layer' | 'Activation' | 'Loss' | 'Optimizer' | 'Training';
export const CATEGORIES: readonly Category[] = ['Data', 'Layer', 'Activation', 'Loss', 'Optimizer', 'Training'];

export interface PortDef {
  readonly id: string;
  readonly type: PortType;
  /** Accepts several incoming edges (Add, Concat). */
  readonly multiple?: boolean;
}

/** How the editor shows a numeric parameter. */
export interface ParamUi {
  /** Not a form field: the kind's own editor sets it (a data node's file references). */
  readonly hidden?: boolean;
  /** Log-scale slider (learning rates, λ). */
  readonly log?: boolean;
  /** Unit shown after the value ('px', '%'). */
  readonly unit?: string;
  /**
   * Show only when another parameter's value is (`in`) or is not (`notIn`) one of a list, e.g.
   * λ only when a regulariser is chosen.
   */
  readonly visibleWhen?: { readonly param: string; readonly in?: readonly unknown[]; readonly notIn?: readonly unknown[] };
}

/**
 * Thrown by `infer` (and `build`) with a message for the user; validation ties it to the node.
 * Give a catalogue Message (`problem.*`) so the problem reads in the user's language.
 */
export class NodeInferenceError extends DeepWireError {
  constructor(message: string | Message, readonly code = 'invalid-input', readonly port?: string) {
    super(message);
  }
}

export interface InferContext<P> {
  readonly params: P;
  /** Inferred values arriving at each input port (several for `multiple` ports). */
  readonly inputs: Readonly<Record<string, readonly PortValue[]>>;
}

export interface NodeDef<P extends Record<string, unknown> = Record<string, unknown>> {
  readonly id: string;
  readonly category: Category;
  /** The zod schema of the parameters, with defaults and ranges (`.min/.max`). */
  readonly params: z.ZodType<P>;
  /** Editor hints per parameter. */
  readonly ui?: Partial<Record<keyof P & string, ParamUi>>;
  readonly inputs: readonly PortDef[];
  readonly outputs: readonly PortDef[];
  /** Output values from input values; throws NodeInferenceError on incompatible inputs. */
  readonly infer: (ctx: InferContext<P>) => Readonly<Record<string, PortValue>>;
  /** Trainable scalars the node will hold, from its inputs (Dense, Conv2D, BatchNorm). */
  readonly countParams?: (ctx: InferContext<P>) => number;
  /** A one-line summary of the key setting, e.g. `100 units · He`. */
  readonly summary?: (params: P) => string;
  /** Builds the engine object this node stands for (Data and Training nodes have none). */
  readonly build?: (ctx: BuildContext<P>) => Built;
}

export interface BuildContext<P> {
  readonly params: P;
  readonly nodeId: string;
  /** Inferred input values (shapes known except the batch axis). */
  readonly inputs: Readonly<Record<string, readonly PortValue[]>>;
  readonly rng: Random;
  readonly dtype: DType;
  readonly backend: Backend;
}

/** What a node builds into. A loss may ask to receive its input before a final activation. */
export type Built =
  | { kind: 'layer'; layer: Layer }
  | { kind: 'loss'; loss: LossFn; fuses?: { activation: string; loss: LossFn } }
  | { kind: 'optimizer'; optimizer: Optimizer };

const registry = new Map<string, NodeDef>();

/** Declares a node kind. Throws if the id is taken. */
export function defineNode<P extends Record<string, unknown>>(def: NodeDef<P>): NodeDef<P> {
  if (registry.has(def.id)) throw new DeepWireError(`defineNode: a node kind '${def.id}' is already defined`);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(def.id)) throw new DeepWireError(`defineNode: invalid id '${def.id}'`);
  registry.set(def.id, def as unknown as NodeDef);
  return def;
}

/** The declaration of a kind, or undefined. */
export function getNodeDef(kind: string): NodeDef | undefined {
  return registry.get(kind);
}

export function isKnownKind(kind: string): boolean {
  return registry.has(kind);
}

/** Every declared kind, in declaration order (the palette's order). */
export function listNodeDefs(): NodeDef[] {
  return [...registry.values()];
}

/** Whether the editor shows parameter `name` of `def` given the node's current parameters. */
export function isParamVisible(def: NodeDef, name: string, params: Readonly<Record<string, unknown>>): boolean {
  const ui = (def.ui as Record<string, ParamUi | undefined> | undefined)?.[name];
  if (ui?.hidden) return false;
  const rule = ui?.visibleWhen;
  if (!rule) return true;
  const value = params[rule.param];
  if (rule.in && !rule.in.includes(value)) return false;
  if (rule.notIn && rule.notIn.includes(value)) return false;
  return true;
}

/** Parses a node's parameters with its kind's schema (filling defaults). */
export function parseParams(def: NodeDef, params: unknown): ReturnType<NodeDef['params']['safeParse']> {
  return def.params.safeParse(params ?? {});
}
