import { describe, expect, it } from 'vitest';
import { graph as g, i18n } from '../../../../engine';
import {
  describeFields, fieldDefaults, formatNumber, fromLogPosition, logRange, rangeText, toLogPosition, type FieldDesc,
} from './fields';

const defs = g.listNodeDefs();
const def = (kind: string) => {
  const d = g.getNodeDef(kind);
  if (!d) throw new Error(`no kind ${kind}`);
  return d;
};
const field = (kind: string, name: string, locale: i18n.Locale = 'en'): FieldDesc => {
  const f = describeFields(def(kind), locale).find((x) => x.name === name);
  if (!f) throw new Error(`no field ${kind}.${name}`);
  return f;
};
const accepts = (kind: string, params: Record<string, unknown>) => def(kind).params.safeParse(params).success;

describe('describeFields', () => {
  it('gives every parameter of every registered kind one field, in schema order, with its default', () => {
    expect(defs.length).toBeGreaterThan(20);
    for (const d of defs) {
      const defaults = d.params.parse({}) as Record<string, unknown>;
      for (const locale of i18n.LOCALES) {
        const fields = describeFields(d, locale);
        const shown = Object.keys(defaults).filter((name) => !(d.ui as Record<string, g.ParamUi | undefined> | undefined)?.[name]?.hidden);
        expect(fields.map((f) => f.name), d.id).toEqual(shown);
        expect(fieldDefaults(fields), d.id).toEqual(Object.fromEntries(shown.map((name) => [name, defaults[name]])));
        for (const f of fields) {
          expect(f.label, `${d.id}.${f.name}`).toBe(i18n.paramLabel(locale, d.id, f.name));
          expect(f.help.length, `${d.id}.${f.name}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('gives each field the kind the schema accepts (checked by parsing, not by reading the schema)', () => {
    for (const d of defs) {
      for (const f of describeFields(d, 'en')) {
        const at = `${d.id}.${f.name}`;
        const ok = (v: unknown) => accepts(d.id, { [f.name]: v });
        switch (f.kind) {
          case 'boolean':
            expect(ok(true) && ok(false), at).toBe(true);
            expect(ok(1), at).toBe(false);
            break;
          case 'enum':
            expect(f.options!.length, at).toBeGreaterThan(1);
            for (const o of f.options!) expect(ok(o.value), `${at}=${String(o.value)}`).toBe(true);
            expect(ok('no-such-choice'), at).toBe(false);
            break;
          case 'integer':
            expect(f.step, at).toBe(1);
            expect(ok(f.default), at).toBe(true);
            expect(ok((f.default as number) + 0.5), at).toBe(false);
            break;
          case 'number': {
            const x = f.default as number;
            // A number between the default and a bound that is not a whole number.
            const y = f.max !== undefined && f.max > x ? x + (f.max - x) / 3 : x / 3;
            expect(Number.isInteger(y), at).toBe(false);
            expect(ok(y), `${at}=${y}`).toBe(true);
            expect(ok(String(x)), at).toBe(false);
            break;
          }
          case 'string':
            expect(ok('7, 7, 16'), at).toBe(true);
            expect(ok(7), at).toBe(false);
            break;
        }
      }
    }
  });

  it('takes its bounds from the schema: the values at an inclusive bound pass, past it fail', () => {
    for (const d of defs) {
      for (const f of describeFields(d, 'en')) {
        const at = `${d.id}.${f.name}`;
        const ok = (v: number) => accepts(d.id, { [f.name]: v });
        if (f.min !== undefined) {
          expect(ok(f.min), at).toBe(!f.exclusiveMin);
          expect(ok(f.min - 1), at).toBe(false);
        }
        if (f.max !== undefined) {
          expect(ok(f.max), at).toBe(!f.exclusiveMax);
          expect(ok(f.max + 1), at).toBe(false);
        }
      }
    }
  });

  it("offers Dense's seven initialisers and three regularisers, each with its label", () => {
    const init = field('Dense', 'init');
    expect(init.kind).toBe('enum');
    expect(init.default).toBe('heNormal');
    expect(init.options!.map((o) => o.value)).toEqual(['normal1', 'normal001', 'xavierNormal', 'xavierUniform', 'heNormal', 'heUniform', 'zeros']);
    expect(init.options!.find((o) => o.value === 'heNormal')!.label).toBe('He (normal)');
    expect(field('Dense', 'init', 'ko').options!.map((o) => o.label)).toEqual(init.options!.map((o) => i18n.optionLabel('ko', 'init', String(o.value))));
    expect(field('Conv2D', 'regularizer').options!.map((o) => o.value)).toEqual(['none', 'l1', 'l2']);
    expect(field('Dense', 'useBias').kind).toBe('boolean');
    expect(field('Training', 'backend').options!.map((o) => o.label)).toEqual(['Auto', 'CPU', 'WebGPU (GPU)']);
  });

  it('marks rates and strengths logarithmic, with a slider over sensible decades', () => {
    for (const d of defs) {
      if (d.category === 'Optimizer') {
        const lr = field(d.id, 'learningRate');
        expect(lr, d.id).toMatchObject({ kind: 'number', log: true, min: 0, exclusiveMin: true, max: 100 });
        expect(logRange(lr), d.id).toEqual({ lo: 1e-5, hi: 1 });
      }
    }
    const lambda = field('Dense', 'lambda');
    expect(lambda).toMatchObject({ log: true, min: 0, max: 10 });
    expect(logRange(lambda)).toEqual({ lo: 1e-5, hi: 1 });
    expect(logRange(field('Adam', 'epsilon'))).toEqual({ lo: 1e-10, hi: 1 });
    expect(logRange(field('BatchNorm', 'epsilon'))).toEqual({ lo: 1e-12, hi: 1 });
    expect(field('Dense', 'units').log).toBeUndefined();
    expect(field('Dropout', 'rate').log).toBeUndefined();
  });

  it('steps non-integer numbers finely enough for their defaults', () => {
    expect(field('Dropout', 'rate').step).toBe(0.01);
    expect(field('Adam', 'beta2').step).toBe(0.001);
    expect(field('Dataset', 'noise').step).toBe(0.1);
    expect(field('Dataset', 'factor')).toMatchObject({ min: 0, exclusiveMin: true, max: 1, exclusiveMax: true, step: 0.1 });
    expect(field('SGD', 'learningRate').step).toBeUndefined(); // log: typed freely, 'any'
  });

  it('keeps units, marks a % on a fraction, and leaves .int() without a range of its own', () => {
    expect(field('Training', 'validationSplit')).toMatchObject({ unit: '%', fraction: true, max: 0.9 });
    const seed = field('Training', 'seed');
    expect(seed).toMatchObject({ kind: 'integer', step: 1, default: 1 });
    expect(seed.min).toBeUndefined();
    expect(seed.max).toBeUndefined();
    expect(field('Reshape', 'shape')).toMatchObject({ kind: 'string', default: '28, 28, 1', maxLength: 100 });
  });

  it('describes no fields for kinds without parameters', () => {
    for (const kind of ['ReLU', 'Flatten', 'Add', 'MSE', 'CrossEntropy']) expect(describeFields(def(kind), 'en'), kind).toEqual([]);
  });
});

describe('log slider positions', () => {
  const span = { lo: 1e-5, hi: 1 };
  it('round-trip values to two significant digits and clamp to the span', () => {
    expect(fromLogPosition(toLogPosition(0.001, span), span)).toBe(0.001);
    expect(fromLogPosition(-2.37, span)).toBe(0.0043);
    expect(toLogPosition(0, span)).toBe(-5);
    expect(toLogPosition(50, span)).toBe(0);
    expect(fromLogPosition(-7, span)).toBe(1e-5);
  });
});

describe('range text', () => {
  it('writes intervals with open and closed ends', () => {
    expect(rangeText(field('SGD', 'learningRate'), 'en')).toBe('(0, 100]');
    expect(rangeText(field('Dense', 'units'), 'en')).toBe('[1, 65,536]');
    expect(rangeText(field('Training', 'seed'), 'en')).toBeUndefined();
    expect(formatNumber(1e-12, 'en')).toBe('1e−12');
    expect(formatNumber(0.25, 'ko')).toBe('0.25');
  });
});
