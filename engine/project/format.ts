/**
 * `project.json`: from parsed JSON to a validated, current-version Project (check the
 * envelope, migrate, validate, check the graph hangs together, check node kinds), and back
 * to bytes. Every failure is a ProjectFileError that names the field at fault.
 */
import type { z } from 'zod';
import type { Graph } from '../graph/schema';
import { ProjectFileError, quoteName } from './errors';
import { FORBIDDEN_KEYS, assertSafeJson, formatJsonPath, parseJsonSafely } from './json';
import { OLDEST_FORMAT_VERSION, migrate, type JsonObject } from './migrations';
import { CURRENT_FORMAT_VERSION, FORMAT_NAME, ProjectSchema, type AppInfo, type Project, type ProjectInput } from './schema';
import { strToU8 } from 'fflate';

/** The archive entry this module reads and writes. */
export const PROJECT_JSON = 'project.json';

export interface ProjectParseOptions {
  /**
   * Which node kinds this app can build; a node of any other kind is refused with reason
   * `unknown-node-kind`. Pass the node registry's check. Default: every kind is accepted.
   */
  isKnownKind?: (kind: string) => boolean;
}

/** How many schema problems a message spells out; `error.issues` has all of them. */
const ISSUES_IN_MESSAGE = 5;

/** Parses `project.json` bytes into a current-version Project. Throws ProjectFileError. */
export function readProjectJson(bytes: Uint8Array, options: ProjectParseOptions = {}): Project {
  return parseProject(parseJsonSafely(bytes, PROJECT_JSON), options);
}

/**
 * Turns parsed `project.json` of any supported version into a current-version Project, with
 * defaults filled in. Throws ProjectFileError (`not-deepwire`, `newer-version`, `schema`,
 * `unknown-node-kind`).
 */
export function parseProject(value: unknown, options: ProjectParseOptions = {}): Project {
  assertSafeJson(value, PROJECT_JSON);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new ProjectFileError('not-deepwire', `${PROJECT_JSON} holds ${what}, not a DeepWire project; the file was not made by DeepWire.`, {
      entry: PROJECT_JSON,
    });
  }
  const doc = value as JsonObject;
  if (doc.format !== FORMAT_NAME) {
    throw new ProjectFileError(
      'not-deepwire',
      `${PROJECT_JSON} does not say it is a DeepWire project (its "format" is ${describe(doc.format)}, expected "${FORMAT_NAME}"); the file was made by another program.`,
      { entry: PROJECT_JSON, path: 'format' },
    );
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < OLDEST_FORMAT_VERSION) {
    throw new ProjectFileError(
      'schema',
      `${PROJECT_JSON}: "version" is ${describe(version)}, but DeepWire format versions are whole numbers from ${OLDEST_FORMAT_VERSION} to ${CURRENT_FORMAT_VERSION}. The file is damaged; open an earlier copy.`,
      { entry: PROJECT_JSON, path: 'version' },
    );
  }
  if (version > CURRENT_FORMAT_VERSION) {
    throw new ProjectFileError('newer-version', newerVersionMessage(version, doc.app), { entry: PROJECT_JSON, path: 'version', version });
  }

  const current = migrate(doc, version);
  const parsed = ProjectSchema.safeParse(current);
  const upgraded = version < CURRENT_FORMAT_VERSION ? ` (after upgrading it from format ${version})` : '';
  if (!parsed.success) throw schemaError(formatIssues(parsed.error.issues), upgraded, 'open');
  const project = parsed.data;
  const problems = checkConsistency(project);
  if (problems.length > 0) throw schemaError(problems, upgraded, 'open');
  checkKinds(project.graph, options.isKnownKind);
  return project;
}

/**
 * Validates a project and writes it as `project.json` bytes: pretty-printed (two spaces) so
 * it diffs well in git, fields in schema order, so the same project gives the same bytes.
 * Throws ProjectFileError (`schema`) for a project that would not load again.
 */
export function writeProjectJson(project: Project | ProjectInput): Uint8Array {
  const parsed = ProjectSchema.safeParse(project);
  if (!parsed.success) throw schemaError(formatIssues(parsed.error.issues), '', 'save');
  const normalized = parsed.data;
  const problems = checkConsistency(normalized);
  checkPlainJson(normalized.graph, ['graph'], problems);
  normalized.runs.forEach((run, i) => checkPlainJson(run.settings, ['runs', i, 'settings'], problems));
  if (problems.length > 0) throw schemaError(problems, '', 'save');
  return strToU8(`${JSON.stringify(normalized, null, 2)}\n`);
}

/** A new, empty, current-version project. */
export function createProject(name: string, graph: Graph = { nodes: [], edges: [] }, app?: AppInfo): Project {
  return { format: FORMAT_NAME, version: CURRENT_FORMAT_VERSION, name, graph, runs: [], createdAt: new Date().toISOString(), app };
}

/** zod issues as `path: message` lines, e.g. `graph.nodes[3].position.x: expected number, received string`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const message = issue.message.replace(/^Invalid (input|option): /, '');
    return `${formatJsonPath(issue.path)}: ${message}`;
  });
}

function schemaError(issues: string[], upgraded: string, action: 'open' | 'save'): ProjectFileError {
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).join('; ');
  const more = issues.length > ISSUES_IN_MESSAGE ? ` (and ${issues.length - ISSUES_IN_MESSAGE} more)` : '';
  const first = issues[0]?.split(': ')[0];
  if (action === 'save') {
    return new ProjectFileError('schema', `Cannot save the project: ${shown}${more}. This is a bug in DeepWire; please report it.`, {
      entry: PROJECT_JSON,
      path: first,
      issues,
    });
  }
  return new ProjectFileError(
    'schema',
    `${PROJECT_JSON} is not a valid DeepWire project${upgraded}: ${shown}${more}. If the file was edited by hand, fix these fields; otherwise it is damaged, so open an earlier copy.`,
    { entry: PROJECT_JSON, path: first, issues },
  );
}

/** What zod cannot see: ids must be unique and edges must connect nodes that exist. */
function checkConsistency(project: Project): string[] {
  const problems: string[] = [];
  const nodeAt = new Map<string, number>();
  project.graph.nodes.forEach((node, i) => {
    const earlier = nodeAt.get(node.id);
    if (earlier !== undefined) problems.push(`graph.nodes[${i}].id: the id ${quoteName(node.id)} is already used by graph.nodes[${earlier}]`);
    else nodeAt.set(node.id, i);
  });
  const edgeIds = new Map<string, number>();
  project.graph.edges.forEach((edge, i) => {
    const earlier = edgeIds.get(edge.id);
    if (earlier !== undefined) problems.push(`graph.edges[${i}].id: the id ${quoteName(edge.id)} is already used by graph.edges[${earlier}]`);
    else edgeIds.set(edge.id, i);
    for (const end of ['source', 'target'] as const) {
      if (!nodeAt.has(edge[end])) problems.push(`graph.edges[${i}].${end}: no node has the id ${quoteName(edge[end])}`);
    }
  });
  const runIds = new Map<string, number>();
  project.runs.forEach((run, i) => {
    const earlier = runIds.get(run.id);
    if (earlier !== undefined) problems.push(`runs[${i}].id: the id ${quoteName(run.id)} is already used by runs[${earlier}]`);
    else runIds.set(run.id, i);
  });
  return problems;
}

function checkKinds(graph: Graph, isKnownKind: ((kind: string) => boolean) | undefined): void {
  if (!isKnownKind) return;
  const unknown = graph.nodes.map((node, i) => ({ node, i })).filter(({ node }) => !isKnownKind(node.kind));
  if (unknown.length === 0) return;
  const [{ node, i }] = unknown;
  const others = unknown.length > 1 ? ` ${unknown.length - 1} other node(s) have unknown kinds too.` : '';
  throw new ProjectFileError(
    'unknown-node-kind',
    `${PROJECT_JSON}: node ${quoteName(node.id)} (graph.nodes[${i}]) is of kind ${quoteName(node.kind)}, which this version of DeepWire does not have.${others} The project may come from a newer DeepWire; update DeepWire to open it.`,
    { entry: PROJECT_JSON, path: `graph.nodes[${i}].kind`, nodeId: node.id },
  );
}

/** Saved params and settings must be plain JSON: no NaN, functions, typed arrays or class instances. */
function checkPlainJson(value: unknown, path: PropertyKey[], problems: string[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(`${formatJsonPath(path)}: ${value} cannot be stored in JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item === undefined) problems.push(`${formatJsonPath([...path, i])}: undefined is not JSON data`);
      else checkPlainJson(item, [...path, i], problems);
    });
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      problems.push(`${formatJsonPath(path)}: a ${proto?.constructor?.name ?? 'class instance'} is not plain JSON data`);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) problems.push(`${formatJsonPath(path)}: the key ${quoteName(key)} is reserved`);
      else checkPlainJson(item, [...path, key], problems);
    }
    return;
  }
  if (value === undefined) return; // JSON.stringify leaves undefined properties out.
  problems.push(`${formatJsonPath(path)}: a ${typeof value} is not JSON data`);
}

function newerVersionMessage(version: number, app: unknown): string {
  const appVersion = appVersionText(app);
  const by = appVersion ? `a newer DeepWire (${appVersion}, format ${version})` : `a newer DeepWire (format ${version})`;
  return `This project was made by ${by}; this app reads up to format ${CURRENT_FORMAT_VERSION}. Update DeepWire to open it.`;
}

/** "DeepWire 2.1.0" from the file's `app` field, when it is well-formed. */
function appVersionText(app: unknown): string | undefined {
  if (app === null || typeof app !== 'object') return undefined;
  const { name, version } = app as Record<string, unknown>;
  if (typeof version !== 'string' || version.length > 40) return undefined;
  return typeof name === 'string' && name.length <= 40 ? `${name} ${version}` : `version ${version}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}
