/**
 * The graph as data: what the editor edits, the project file stores and the engine compiles.
 * Node parameters stay an open record here; each node kind's own schema (in the registry)
 * validates them.
 */
import { z } from 'zod';

/** Ids are short, printable and safe as object keys and file-name parts. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'ids may contain letters, digits, "_", "-" and "." only')
  .refine((s) => !['__proto__', 'constructor', 'prototype'].includes(s), 'reserved id');

export const GraphNodeSchema = z.object({
  id: IdSchema,
  /** A node kind id from the registry ('Dense', 'ReLU', 'Dataset' …). */
  kind: z.string().min(1).max(64),
  /** The user's name for the node; the kind's label when absent. */
  label: z.string().max(200).optional(),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const GraphEdgeSchema = z.object({
  id: IdSchema,
  source: IdSchema,
  sourcePort: z.string().min(1).max(64),
  target: IdSchema,
  targetPort: z.string().min(1).max(64),
});

export const GraphSchema = z.object({
  nodes: z.array(GraphNodeSchema).max(5000),
  edges: z.array(GraphEdgeSchema).max(20000),
});

export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type Graph = z.infer<typeof GraphSchema>;
