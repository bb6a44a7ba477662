/**
 * The names and sentences graph problems are made of, as catalogue Messages: a node kind, a
 * port, a parameter, a zod issue about a parameter, a list of messages. A name is a nested
 * Message, so a Korean sentence names the kind in Korean; what the catalogue lacks (a kind or
 * port the registry does not know) stays the text the user wrote.
 */
import type { z } from 'zod';
import { hasMessage, msg, type Message, type MessageKey, type MessageVar } from '../i18n/index';
import type { PortType } from './types';

/** `key` as a Message when the catalogue has it, else `fallback` as it is. */
function known(key: string, fallback: string): MessageVar {
  return hasMessage(key) ? msg(key) : fallback;
}

/** A node kind's title (`node.<kind>.label`), or the kind itself when it is unknown. */
export function kindName(kind: string): MessageVar {
  return known(`node.${kind}.label`, kind);
}

/** A port as problems name it (`problem.port.<id>`): 'x' in English, '예측값' for pred in Korean. */
export function portName(port: string): MessageVar {
  return known(`problem.port.${port}`, port);
}

/** What a port carries, as a word: tensor, target, objective. */
export function typeName(type: PortType): Message {
  return msg(`problem.type.${type}` as MessageKey);
}

/** A parameter's label: the kind's own text if it has one, else the shared one, else the name. */
export function paramName(kind: string, param: string): MessageVar {
  const own = `node.${kind}.param.${param}.label`;
  return known(hasMessage(own) ? own : `param.${param}.label`, param);
}

/** Where in a node's parameters an issue is: the parameter's label, with a deeper path after it. */
function issueParam(kind: string, path: readonly PropertyKey[]): MessageVar {
  if (path.length === 0) return msg('problem.param.all');
  const param = paramName(kind, String(path[0]));
  return path.length === 1 ? param : msg('problem.param.path', { param, path: path.slice(1).map(String).join('.') });
}

const LENGTH_KEYS = {
  string: ['problem.param.minLength', 'problem.param.maxLength'],
  array: ['problem.param.minItems', 'problem.param.maxItems'],
} as const;

const TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  int: 'problem.param.integer',
  number: 'problem.param.number',
  boolean: 'problem.param.boolean',
  string: 'problem.param.text',
};

/** A zod issue about a parameter of a node of `kind`, as a sentence that names the parameter. */
export function paramIssue(kind: string, issue: z.core.$ZodIssue): Message {
  const param = issueParam(kind, issue.path);
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      const lengths = LENGTH_KEYS[issue.origin as keyof typeof LENGTH_KEYS];
      if (lengths) return msg(lengths[small ? 0 : 1], { param, limit });
      const key = small ? (issue.inclusive === false ? 'problem.param.above' : 'problem.param.min')
        : (issue.inclusive === false ? 'problem.param.below' : 'problem.param.max');
      return msg(key, { param, limit });
    }
    case 'invalid_type': {
      const key = TYPE_KEYS[issue.expected];
      if (key) return msg(key, { param });
      break;
    }
    case 'invalid_value':
      return msg('problem.param.oneOf', { param, options: issue.values.map(String).join(', ') });
    default:
      break;
  }
  return msg('problem.param.invalid', { param, detail: issue.message });
}

/**
 * Messages joined into one by a `{first}…{rest}` key (`problem.join.lines`,
 * `problem.join.list`); an empty list is the empty text.
 */
export function joinMessages(items: readonly MessageVar[], key: 'problem.join.lines' | 'problem.join.list'): MessageVar {
  if (items.length === 0) return '';
  return items.slice(0, -1).reduceRight<MessageVar>((rest, first) => msg(key, { first, rest }), items[items.length - 1]);
}
