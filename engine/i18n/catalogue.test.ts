/**
 * The catalogue covers the registry: every node kind, parameter, enum option, port and category
 * has its texts in every language, the languages have the same keys and placeholders, and no
 * text is empty. The lists come from the registry, so a new node kind (or a new parameter or
 * option) without texts fails here.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import '../graph/nodes/index';
import { CATEGORIES, listNodeDefs, type NodeDef } from '../graph/registry';
import {
  LOCALES,
  MissingMessageError,
  catalogues,
  categoryLabel,
  en,
  ko,
  nodeHelp,
  nodeLabel,
  optionLabel,
  paramHelp,
  paramLabel,
  placeholders,
  portLabel,
  setMissingMessagePolicy,
  translate,
  type Locale,
} from './index';

// --- Reading the registry ------------------------------------------------------------------------

interface ZodInternals {
  _zod: { def: { type: string; [k: string]: unknown } };
}

/** The zod object schema under wrappers (a pipe's input side). */
function objectShape(kind: string, schema: unknown): Record<string, unknown> {
  let s = schema as ZodInternals;
  for (let i = 0; i < 10 && s._zod.def.type === 'pipe'; i++) s = s._zod.def.in as ZodInternals;
  if (s._zod.def.type !== 'object') throw new Error(`${kind}: params is a zod '${s._zod.def.type}', expected an object schema`);
  return (s as unknown as { shape: Record<string, unknown> }).shape;
}

/** The string values a parameter may take if it is an enum (or a union of literals), else []. */
function enumValues(schema: unknown): string[] {
  const def = (schema as ZodInternals)._zod.def;
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return enumValues(def.innerType);
    case 'pipe':
      return enumValues(def.in);
    case 'enum':
      return Object.values(def.entries as Record<string, string | number>).map(String);
    case 'literal':
      return (def.values as unknown[]).filter((v) => typeof v === 'string') as string[];
    case 'union':
      return (def.options as unknown[]).flatMap(enumValues);
    default:
      return [];
  }
}

interface KindTexts {
  kind: string;
  category: string;
  params: { name: string; options: string[] }[];
  ports: string[];
}

function describeKind(def: NodeDef): KindTexts {
  const shape = objectShape(def.id, def.params);
  return {
    kind: def.id,
    category: def.category,
    params: Object.entries(shape).map(([name, schema]) => ({ name, options: enumValues(schema) })),
    ports: [...def.inputs, ...def.outputs].map((p) => p.id),
  };
}

// --- Checking the catalogue ----------------------------------------------------------------------

type Texts = Readonly<Record<string, string>>;
const has = (texts: Texts, key: string) => Object.prototype.hasOwnProperty.call(texts, key);

/** Every problem with the texts `kinds` need, as readable lines (none: all present). */
function missingTexts(kinds: readonly KindTexts[], locales: Readonly<Record<string, Texts>>): string[] {
  const problems: string[] = [];
  for (const [locale, texts] of Object.entries(locales)) {
    const need = (key: string, what: string) => {
      if (!has(texts, key)) problems.push(`${locale}: ${what} has no text '${key}'`);
    };
    const needOneOf = (keys: string[], what: string) => {
      if (!keys.some((k) => has(texts, k))) problems.push(`${locale}: ${what} has no text (${keys.map((k) => `'${k}'`).join(' or ')})`);
    };
    for (const category of CATEGORIES) need(`category.${category}`, `category ${category}`);
    for (const k of kinds) {
      need(`category.${k.category}`, `category ${k.category} of ${k.kind}`);
      need(`node.${k.kind}.label`, `node kind ${k.kind}`);
      need(`node.${k.kind}.help`, `node kind ${k.kind}`);
      for (const p of k.params) {
        for (const part of ['label', 'help']) {
          needOneOf([`node.${k.kind}.param.${p.name}.${part}`, `param.${p.name}.${part}`], `${part} of parameter ${k.kind}.${p.name}`);
        }
        for (const value of p.options) need(`option.${p.name}.${value}`, `option '${value}' of ${k.kind}.${p.name}`);
      }
      for (const port of k.ports) needOneOf([`node.${k.kind}.port.${port}`, `port.${port}`], `port ${k.kind}.${port}`);
    }
  }
  return problems;
}

/** Keys that refer to no kind, parameter, option or port of the registry (typos, leftovers). */
function orphanKeys(kinds: readonly KindTexts[], keys: readonly string[]): string[] {
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const params = new Set(kinds.flatMap((k) => k.params.map((p) => p.name)));
  const options = new Set(kinds.flatMap((k) => k.params.flatMap((p) => p.options.map((v) => `${p.name}.${v}`))));
  const ports = new Set(kinds.flatMap((k) => k.ports));
  const categories = new Set<string>(CATEGORIES);
  return keys.filter((key) => {
    const parts = key.split('.');
    switch (parts[0]) {
      case 'category':
        return !(parts.length === 2 && categories.has(parts[1]));
      case 'port':
        return !(parts.length === 2 && ports.has(parts[1]));
      case 'param':
        return !(parts.length === 3 && params.has(parts[1]) && ['label', 'help'].includes(parts[2]));
      case 'option':
        return !(parts.length === 3 && options.has(`${parts[1]}.${parts[2]}`));
      case 'node': {
        const k = byKind.get(parts[1]);
        if (!k) return true;
        if (parts.length === 3) return !['label', 'help'].includes(parts[2]);
        if (parts[2] === 'param') return !(parts.length === 5 && k.params.some((p) => p.name === parts[3]) && ['label', 'help'].includes(parts[4]));
        if (parts[2] === 'port') return !(parts.length === 4 && k.ports.includes(parts[3]));
        return true;
      }
      default:
        return false; // other groups (menus, panels, messages) need no registry entry
    }
  });
}

/** Width on screen in Latin-letter units: Hangul and other wide glyphs count twice. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60);
    w += wide ? 2 : 1;
  }
  return w;
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const HANGUL = /[\uac00-\ud7a3]/;
const kinds = listNodeDefs().map(describeKind);

// --- Tests -----------------------------------------------------------------------------------------

describe('message catalogue ↔ node registry', () => {
  it('reads the registry', () => {
    expect(kinds.length).toBeGreaterThan(20);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['Dataset', 'Dense', 'Step', 'CrossEntropy', 'Adam', 'Training']));
    const dense = kinds.find((k) => k.kind === 'Dense')!;
    expect(dense.params.map((p) => p.name)).toEqual(expect.arrayContaining(['units', 'init', 'regularizer']));
    expect(dense.params.find((p) => p.name === 'init')!.options).toEqual(expect.arrayContaining(['normal1', 'normal001', 'heNormal']));
    expect(kinds.find((k) => k.kind === 'Dataset')!.params.find((p) => p.name === 'source')!.options).toContain('mnist');
  });

  it('has a label and help for every node kind, parameter, option, port and category, in every language', () => {
    expect(missingTexts(kinds, catalogues)).toEqual([]);
  });

  it('fails for a node kind, parameter or option that has no texts', () => {
    const fake = describeKind({
      id: 'Frobnicate',
      category: 'Layer',
      params: z.object({ units: z.number().default(1), wobble: z.number().default(0), init: z.enum(['heNormal', 'golden']).default('heNormal') }),
      inputs: [{ id: 'x', type: 'tensor' }],
      outputs: [{ id: 'sparkle', type: 'tensor' }],
      infer: () => ({}),
    } as unknown as NodeDef);
    const problems = missingTexts([fake], catalogues);
    for (const locale of LOCALES) {
      expect(problems).toContain(`${locale}: node kind Frobnicate has no text 'node.Frobnicate.label'`);
      expect(problems).toContain(`${locale}: node kind Frobnicate has no text 'node.Frobnicate.help'`);
      expect(problems.some((p) => p.startsWith(`${locale}: label of parameter Frobnicate.wobble`))).toBe(true);
      expect(problems).toContain(`${locale}: option 'golden' of Frobnicate.init has no text 'option.init.golden'`);
      expect(problems.some((p) => p.startsWith(`${locale}: port Frobnicate.sparkle`))).toBe(true);
    }
    // Shared texts count: units, heNormal and x are covered.
    expect(problems.some((p) => p.includes('Frobnicate.units') || p.includes("'heNormal'") || p.includes('Frobnicate.x'))).toBe(false);
  });

  it('has no keys that refer to nothing in the registry', () => {
    expect(orphanKeys(kinds, Object.keys(en))).toEqual([]);
  });
});

describe('message catalogue: languages agree', () => {
  it('has the same keys in every language', () => {
    for (const locale of LOCALES) expect(sorted(Object.keys(catalogues[locale]))).toEqual(sorted(Object.keys(en)));
  });

  it('has no empty or padded text', () => {
    for (const locale of LOCALES) {
      const bad = Object.entries(catalogues[locale]).filter(([, text]) => typeof text !== 'string' || text.trim() === '' || text.trim() !== text);
      expect(bad.map(([key]) => `${locale}: ${key}`)).toEqual([]);
    }
  });

  it('has the same {placeholders} for every key in every language, and no stray braces', () => {
    const problems: string[] = [];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const want = sorted(placeholders(en[key]));
      for (const locale of LOCALES) {
        const text = catalogues[locale][key];
        if (sorted(placeholders(text)).join() !== want.join()) problems.push(`${locale}: ${key} has {${placeholders(text)}}, en has {${want}}`);
        if (/[{}]/.test(text.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, ''))) problems.push(`${locale}: ${key} has a brace that is not a placeholder`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps node titles short enough for a node header', () => {
    const long: string[] = [];
    for (const k of kinds) {
      const enLabel = nodeLabel('en', k.kind);
      const koLabel = nodeLabel('ko', k.kind);
      if (enLabel.length > 16) long.push(`en: ${k.kind} '${enLabel}' (${enLabel.length} > 16)`);
      if (displayWidth(koLabel) > 18) long.push(`ko: ${k.kind} '${koLabel}' (width ${displayWidth(koLabel)} > 18)`);
    }
    expect(long).toEqual([]);
  });

  it('writes node helps on one line', () => {
    for (const locale of LOCALES) {
      for (const k of kinds) expect(nodeHelp(locale, k.kind)).not.toMatch(/\n/);
    }
  });
});

describe('translate and helpers', () => {
  it('gives Korean in Korean', () => {
    const dense = translate('ko', 'node.Dense.label');
    expect(dense).toMatch(HANGUL);
    expect(dense).not.toBe(translate('en', 'node.Dense.label'));
    expect(nodeLabel('ko', 'Step')).toBe('계단 함수');
    expect(categoryLabel('ko', 'Activation')).toBe('활성화 함수');
    expect(categoryLabel('ko', 'Loss')).toBe('손실 함수');
    expect(paramLabel('ko', 'SGD', 'learningRate')).toBe('학습률 (learning rate)');
    expect(nodeLabel('ko', 'BatchNorm')).toBe('배치 정규화');
    expect(nodeHelp('ko', 'Dropout')).toContain('과적합');
  });

  it('says what the course says', () => {
    expect(nodeHelp('en', 'Dense')).toContain('y = x·W + b');
    expect(nodeHelp('en', 'Step')).toMatch(/gradient is zero/);
    expect(nodeHelp('en', 'Step')).toContain('Perceptron');
    expect(nodeHelp('en', 'CrossEntropy')).toMatch(/raw scores/);
    expect(nodeHelp('en', 'CrossEntropy')).toContain('Softmax');
    expect(nodeHelp('en', 'BinaryCrossEntropy')).toContain('Sigmoid');
    expect(nodeHelp('en', 'MSE')).toContain('½Σ(y−t)² per sample, averaged over the batch');
    expect(nodeHelp('en', 'Perceptron')).toContain('w ← w + η(t − y)x');
    expect(nodeHelp('ko', 'Perceptron')).toContain('w ← w + η(t − y)x');
    expect(optionLabel('en', 'init', 'normal1')).toBe('Normal σ=1');
    expect(optionLabel('en', 'init', 'normal001')).toBe('Normal σ=0.01');
    expect(paramHelp('en', 'Dense', 'init')).toMatch(/Xavier.*sigmoid\/tanh.*He.*ReLU/);
  });

  it('prefers a kind-specific parameter text, else the shared one', () => {
    expect(paramLabel('en', 'BatchNorm', 'momentum')).toBe(en['node.BatchNorm.param.momentum.label']);
    expect(paramLabel('en', 'Momentum', 'momentum')).toBe(en['param.momentum.label']);
    expect(paramLabel('ko', 'BatchNorm', 'momentum')).not.toBe(paramLabel('ko', 'Momentum', 'momentum'));
    expect(paramHelp('en', 'BatchNorm', 'epsilon')).toBe(en['node.BatchNorm.param.epsilon.help']);
    expect(paramLabel('en', 'BatchNorm', 'epsilon')).toBe(en['param.epsilon.label']);
    expect(paramHelp('en', 'Dataset', 'seed')).not.toBe(paramHelp('en', 'Training', 'seed'));
    expect(portLabel('en', 'Dense', 'y')).toBe(en['port.y']);
    expect(portLabel('ko', 'CrossEntropy', 'y')).toBe(ko['node.CrossEntropy.port.y']);
  });

  it('fills {placeholders}', () => {
    const withVars = { ...en, 'test.units': '{units} units · {init}' } as Record<string, string>;
    const saved = catalogues.en;
    (catalogues as Record<Locale, unknown>).en = withVars;
    try {
      expect(translate('en', 'test.units', { units: 100, init: 'He' })).toBe('100 units · He');
      expect(() => translate('en', 'test.units', { units: 100 })).toThrow(MissingMessageError);
      const previous = setMissingMessagePolicy('fallback');
      try {
        expect(translate('en', 'test.units', { units: 100 })).toBe('100 units · {init}');
      } finally {
        setMissingMessagePolicy(previous);
      }
    } finally {
      (catalogues as Record<Locale, unknown>).en = saved;
    }
  });

  it('throws for a missing key under test, and falls back to English, then to the key, otherwise', () => {
    expect(() => translate('ko', 'node.Nope.label')).toThrow(MissingMessageError);
    expect(() => nodeLabel('en', 'Nope')).toThrow(/node\.Nope\.label/);
    const previous = setMissingMessagePolicy('fallback');
    try {
      expect(translate('ko', 'node.Nope.label')).toBe('node.Nope.label');
      expect(translate('fr' as Locale, 'node.Dense.label')).toBe('Dense');
      expect(paramLabel('ko', 'Dense', 'nope')).toBe('param.nope.label');
    } finally {
      setMissingMessagePolicy(previous);
    }
  });
});
