/**
 * `project.json`: from parsed JSON to a validated, current-version Project (check the
 * envelope, migrate, validate, check the graph hangs together, check node kinds), and back
 * to bytes. Every failure is a ProjectFileError that names the field at fault.
 */
import type { z } from 'zod';
import type { Graph } from '../graph/schema';
import { msg, type Message } from '../i18n/message';
import { ProjectFileError, quoteName } from './errors';
import { issueAt, issueList, issuePath, issueText, zodIssues, type Issue } from './issues';
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
    throw new ProjectFileError('not-deepwire', msg('project.notDeepwire.value', { entry: PROJECT_JSON, what: jsonKind(value) }), {
      entry: PROJECT_JSON,
    });
  }
  const doc = value as JsonObject;
  if (doc.format !== FORMAT_NAME) {
    throw new ProjectFileError(
      'not-deepwire',
      msg('project.notDeepwire.format', { entry: PROJECT_JSON, found: describe(doc.format), expected: FORMAT_NAME }),
      { entry: PROJECT_JSON, path: 'format' },
    );
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < OLDEST_FORMAT_VERSION) {
    throw new ProjectFileError(
      'schema',
      msg('project.badVersion', { entry: PROJECT_JSON, found: describe(version), oldest: OLDEST_FORMAT_VERSION, current: CURRENT_FORMAT_VERSION }),
      { entry: PROJECT_JSON, path: 'version' },
    );
  }
  if (version > CURRENT_FORMAT_VERSION) {
    throw new ProjectFileError('newer-version', newerVersionMessage(version, doc.app), { entry: PROJECT_JSON, path: 'version', version });
  }

  const current = migrate(doc, version);
  const parsed = ProjectSchema.safeParse(current);
  const upgraded = version < CURRENT_FORMAT_VERSION ? version : undefined;
  if (!parsed.success) throw schemaError(zodIssues(parsed.error.issues), upgraded, 'open');
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
  if (!parsed.success) throw schemaError(zodIssues(parsed.error.issues), undefined, 'save');
  const normalized = parsed.data;
  const problems = checkConsistency(normalized);
  checkPlainJson(normalized.graph, ['graph'], problems);
  normalized.runs.forEach((run, i) => checkPlainJson(run.settings, ['runs', i, 'settings'], problems));
  if (problems.length > 0) throw schemaError(problems, undefined, 'save');
  return strToU8(`${JSON.stringify(normalized, null, 2)}\n`);
}

/** A new, empty, current-version project. */
export function createProject(name: string, graph: Graph = { nodes: [], edges: [] }, app?: AppInfo): Project {
  return { format: FORMAT_NAME, version: CURRENT_FORMAT_VERSION, name, graph, runs: [], createdAt: new Date().toISOString(), app };
}

/** zod issues as `path: message` lines, e.g. `graph.nodes[3].position.x: expected number, received string`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return zodIssues(issues).map(issueText);
}

/** `upgraded`: the version the file was upgraded from, if it was. */
function schemaError(issues: readonly Issue[], upgraded: number | undefined, action: 'open' | 'save'): ProjectFileError {
  const list = issueList(issues, ISSUES_IN_MESSAGE);
  const details = { entry: PROJECT_JSON, path: issues[0] && issuePath(issues[0]), issues: issues.map(issueText) };
  if (action === 'save') return new ProjectFileError('schema', msg('project.schema.save', { issues: list }), details);
  const message = upgraded === undefined
    ? msg('project.schema', { entry: PROJECT_JSON, issues: list })
    : msg('project.schema.upgraded', { entry: PROJECT_JSON, version: upgraded, issues: list });
  return new ProjectFileError('schema', message, details);
}

/** What zod cannot see: ids must be unique and edges must connect nodes that exist. */
function checkConsistency(project: Project): Issue[] {
  const problems: Issue[] = [];
  const duplicate = (path: PropertyKey[], id: string, other: PropertyKey[]) =>
    problems.push(issueAt(path, msg('project.issue.duplicateId', { id: quoteName(id), other: formatJsonPath(other) })));
  const nodeAt = new Map<string, number>();
  project.graph.nodes.forEach((node, i) => {
    const earlier = nodeAt.get(node.id);
    if (earlier !== undefined) duplicate(['graph', 'nodes', i, 'id'], node.id, ['graph', 'nodes', earlier]);
    else nodeAt.set(node.id, i);
  });
  const edgeIds = new Map<string, number>();
  project.graph.edges.forEach((edge, i) => {
    const earlier = edgeIds.get(edge.id);
    if (earlier !== undefined) duplicate(['graph', 'edges', i, 'id'], edge.id, ['graph', 'edges', earlier]);
    else edgeIds.set(edge.id, i);
    for (const end of ['source', 'target'] as const) {
      if (!nodeAt.has(edge[end])) problems.push(issueAt(['graph', 'edges', i, end], msg('project.issue.noSuchNode', { id: quoteName(edge[end]) })));
    }
  });
  const runIds = new Map<string, number>();
  project.runs.forEach((run, i) => {
    const earlier = runIds.get(run.id);
    if (earlier !== undefined) duplicate(['runs', i, 'id'], run.id, ['runs', earlier]);
    else runIds.set(run.id, i);
  });
  return problems;
}

function checkKinds(graph: Graph, isKnownKind: ((kind: string) => boolean) | undefined): void {
  if (!isKnownKind) return;
  const unknown = graph.nodes.map((node, i) => ({ node, i })).filter(({ node }) => !isKnownKind(node.kind));
  if (unknown.length === 0) return;
  const [{ node, i }] = unknown;
  const where = { entry: PROJECT_JSON, node: quoteName(node.id), path: `graph.nodes[${i}]`, kind: quoteName(node.kind) };
  throw new ProjectFileError(
    'unknown-node-kind',
    unknown.length > 1 ? msg('project.unknownKinds', { ...where, others: unknown.length - 1 }) : msg('project.unknownKind', where),
    { entry: PROJECT_JSON, path: `graph.nodes[${i}].kind`, nodeId: node.id },
  );
}

/**
 * Saved params and settings must be plain JSON: no NaN, functions, typed arrays or class
 * instances. (Only DeepWire's own code can put them there, so the problems stay English.)
 */
function checkPlainJson(value: unknown, path: PropertyKey[], problems: Issue[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(issueAt(path, `${value} cannot be stored in JSON`));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item === undefined) problems.push(issueAt([...path, i], 'undefined is not JSON data'));
      else checkPlainJson(item, [...path, i], problems);
    });
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      problems.push(issueAt(path, `a ${proto?.constructor?.name ?? 'class instance'} is not plain JSON data`));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) problems.push(issueAt(path, `the key ${quoteName(key)} is reserved`));
      else checkPlainJson(item, [...path, key], problems);
    }
    return;
  }
  if (value === undefined) return; // JSON.stringify leaves undefined properties out.
  problems.push(issueAt(path, `a ${typeof value} is not JSON data`));
}

function newerVersionMessage(version: number, app: unknown): Message {
  const appVersion = appVersionText(app);
  return appVersion
    ? msg('project.newerVersion.app', { app: appVersion, version, current: CURRENT_FORMAT_VERSION })
    : msg('project.newerVersion', { version, current: CURRENT_FORMAT_VERSION });
}

/** "DeepWire 2.1.0" from the file's `app` field, when it is well-formed. */
function appVersionText(app: unknown): string | Message | undefined {
  if (app === null || typeof app !== 'object') return undefined;
  const { name, version } = app as Record<string, unknown>;
  if (typeof version !== 'string' || version.length > 40) return undefined;
  return typeof name === 'string' && name.length <= 40 ? `${name} ${version}` : msg('project.appVersion', { version });
}

/** What a JSON value that is not an object is, for a message: `null`, a list, a string … */
function jsonKind(value: unknown): string | Message {
  if (value === null) return 'null';
  if (Array.isArray(value)) return msg('project.kind.list');
  if (typeof value === 'string') return msg('project.kind.string');
  if (typeof value === 'number') return msg('project.kind.number');
  if (typeof value === 'boolean') return msg('project.kind.boolean');
  return `a ${typeof value}`;
}

function describe(value: unknown): string | Message {
  if (value === undefined) return msg('project.value.missing');
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}
