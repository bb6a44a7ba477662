/**
 * Schema problems as messages: each zod issue (or consistency problem) becomes `path: problem`,
 * where the path stays as written in the file (`graph.nodes[3].position.x`) and the problem is a
 * catalogue message (`project.issue.*`) when zod's English is one DeepWire knows, so a reader in
 * Korean sees the field and a Korean sentence. zod's wording that no entry matches stays English;
 * an entry is used only when its English is exactly zod's, so the English text never changes.
 */
import type { z } from 'zod';
import { englishText, msg, type Message, type MessageVar } from '../i18n/message';
import type { MessageKey } from '../i18n/en';
import { formatJsonPath, jsonPathValue } from './json';

/** One problem with a field: where, and what is wrong. */
export interface Issue {
  /** The path as a message value (the top level is translated). */
  readonly path: string | Message;
  readonly problem: string | Message;
}

/** The issue as a message, `graph.nodes[3].position.x: expected number, received string`. */
export function issueMessage(issue: Issue): Message {
  return msg('project.issue', { path: issue.path, problem: issue.problem });
}

/** The issue's English line, as `ProjectFileError.issues` lists it. */
export function issueText(issue: Issue): string {
  return englishText(issueMessage(issue));
}

/** Type names in zod's words that have a translation. */
const TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  number: 'project.type.number',
  string: 'project.type.string',
  boolean: 'project.type.boolean',
  object: 'project.type.object',
  array: 'project.type.array',
  record: 'project.type.record',
};

const typeName = (name: string): MessageVar => (Object.hasOwn(TYPE_KEYS, name) ? msg(TYPE_KEYS[name]) : name);

/** zod's English (after `Invalid input: ` is dropped) and the message that says the same. */
const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Message][] = [
  [/^expected (\w+), received undefined$/, (m) => msg('project.issue.missing', { expected: typeName(m[1]) })],
  [/^expected (\w+), received (\w+)$/, (m) => msg('project.issue.type', { expected: typeName(m[1]), received: typeName(m[2]) })],
  [/^expected one of (.+)$/, (m) => msg('project.issue.oneOf', { values: m[1] })],
  [/^expected an ISO date-time such as "2025-01-31T12:00:00\.000Z"$/, () => msg('project.issue.isoDate')],
  [/^expected a number \(or null for a value that was not finite\)$/, () => msg('project.issue.metric')],
  [/^expected ("[^"]*"|-?[\d.e+]+|true|false|null)$/, (m) => msg('project.issue.value', { value: m[1] })],
  [/^Too big: expected string to have (\S+) characters$/, (m) => msg('project.issue.tooBig.string', { bound: m[1] })],
  [/^Too big: expected array to have (\S+) items$/, (m) => msg('project.issue.tooBig.array', { bound: m[1] })],
  [/^Too big: expected number to be (\S+)$/, (m) => msg('project.issue.tooBig.number', { bound: m[1] })],
  [/^Too small: expected string to have (\S+) characters$/, (m) => msg('project.issue.tooSmall.string', { bound: m[1] })],
  [/^Too small: expected array to have (\S+) items$/, (m) => msg('project.issue.tooSmall.array', { bound: m[1] })],
  [/^Too small: expected number to be (\S+)$/, (m) => msg('project.issue.tooSmall.number', { bound: m[1] })],
  [/^Unrecognized key: (.+)$/, (m) => msg('project.issue.unknownKey', { keys: m[1] })],
  [/^Unrecognized keys: (.+)$/, (m) => msg('project.issue.unknownKeys', { keys: m[1] })],
  [/^Invalid input$/, () => msg('project.issue.invalid')],
];

/**
 * The problem a zod message describes: a catalogue message when one says exactly the same in
 * English, else the text itself. zod's `Invalid input: ` prefix is kept as a message around it.
 */
export function zodProblem(text: string): string | Message {
  const prefixed = /^Invalid (input|option): (.+)$/.exec(text);
  if (prefixed) {
    const problem = zodProblem(prefixed[2]);
    return typeof problem === 'string' ? text : msg(prefixed[1] === 'input' ? 'project.issue.invalidInput' : 'project.issue.invalidOption', { problem });
  }
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const m = build(match);
    if (englishText(m) === text) return m;
  }
  return text;
}

/** zod issues as Issues at JSON paths, with `Invalid input: ` / `Invalid option: ` dropped from zod's words. */
export function zodIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((issue) => ({
    path: jsonPathValue(issue.path),
    problem: zodProblem(issue.message.replace(/^Invalid (input|option): /, '')),
  }));
}

/** An Issue at a JSON path. */
export function issueAt(path: readonly PropertyKey[], problem: string | Message): Issue {
  return { path: jsonPathValue(path), problem };
}

/** The English path of an Issue (`(top level)` for the root), as `ProjectFileError.path` holds it. */
export function issuePath(issue: Issue): string {
  return typeof issue.path === 'string' ? issue.path : formatJsonPath([]);
}

/**
 * The first `shown` issues as one message, joined with `; `, and `(and N more)` after them.
 * `issues` must not be empty.
 */
export function issueList(issues: readonly Issue[], shown: number): Message {
  const first = issues.slice(0, shown).map(issueMessage);
  let list = first[first.length - 1];
  for (let i = first.length - 2; i >= 0; i--) list = msg('project.issues.join', { first: first[i], rest: list });
  return issues.length > shown ? msg('project.issues.more', { issues: list, more: issues.length - shown }) : list;
}
