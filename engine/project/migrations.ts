/**
 * Format migrations: an ordered list of pure `up` functions, one per version step. Each takes
 * the parsed JSON of version `from` and returns new JSON of version `from + 1`; it never
 * mutates its input and never validates (the schema of the version it produces does that,
 * once, at the end). Every old version keeps a fixture file in test/fixtures/project/ that
 * must keep loading.
 *
 * To change the format: bump CURRENT_FORMAT_VERSION in schema.ts, change the schema, append
 * a migration here from the old version, and commit a fixture written by the old code.
 */
import { msg } from '../i18n/message';
import { ProjectFileError } from './errors';
import { CURRENT_FORMAT_VERSION, FORMAT_NAME } from './schema';

/** Parsed JSON whose top level is an object. */
export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The version this step reads; it writes `from + 1`. */
  readonly from: number;
  /** What changed, for people reading the list. */
  readonly summary: string;
  readonly up: (doc: Readonly<JsonObject>) => JsonObject;
}

/**
 * Version 0 was the pre-release layout: `{format, version: 0, title, nodes, edges}` at the
 * top level and no run history.
 */
function v0ToV1(doc: Readonly<JsonObject>): JsonObject {
  return {
    format: FORMAT_NAME,
    version: 1,
    name: doc.title,
    graph: { nodes: doc.nodes ?? [], edges: doc.edges ?? [] },
    runs: [],
  };
}

/** Every step, in order: `MIGRATIONS[i].from === i`. */
export const MIGRATIONS: readonly Migration[] = [
  { from: 0, summary: 'title becomes name; nodes and edges move into graph; runs start empty', up: v0ToV1 },
];

/** The oldest version this build can still read. */
export const OLDEST_FORMAT_VERSION = MIGRATIONS.length > 0 ? MIGRATIONS[0].from : CURRENT_FORMAT_VERSION;

/**
 * Brings a document of `version` (OLDEST_FORMAT_VERSION..CURRENT_FORMAT_VERSION) up to the
 * current version by applying each step in turn. The caller has checked the range.
 */
export function migrate(doc: Readonly<JsonObject>, version: number): JsonObject {
  let current: JsonObject = { ...doc };
  for (let v = version; v < CURRENT_FORMAT_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) {
      throw new ProjectFileError('internal', msg('project.noMigration', { from: v, to: v + 1 }), { entry: 'project.json', version });
    }
    current = step.up(current);
  }
  return current;
}
