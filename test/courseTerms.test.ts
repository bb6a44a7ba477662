/**
 * The Korean texts speak the course's language (engine/i18n/glossary.ts):
 *
 * 1. No Korean text uses a word the course does not use for one of its terms (러닝 레이트 for
 *    학습률, 시험 데이터 for 테스트 데이터, 오버피팅 without 과적합, …).
 * 2. An explanation that uses a glossary term names it in English, so a learner can look it up:
 *    in the same text, or in another text of the same screen that explains the term (uses it and
 *    names it in English). A screen is what a learner sees at once:
 *      - a node kind's inspector: its label and help, and each parameter's label, help and options
 *        (the texts the registry resolves for that kind; a shared `param.*` text must pass in
 *        every kind that shows it);
 *      - one panel or one lab experiment: keys sharing `panel.<name>.` or `lab.<name>.`;
 *      - otherwise everything under the key's first segment (`datafile.`, `export.`, `train.`, …).
 *    An explanation is a key with a segment (after the first) that is, or begins or ends in
 *    camelCase with, help, hint, intro, explain, lead, caption or note: `node.Dense.help`,
 *    `panel.curves.smoothingHint`, `lab.init.caption.normal1.sigmoid`, `lab.runs.lead.batchnorm`,
 *    `panel.confusion.noteTest`. Menu item names (`desktop.menu.*`) are names, not explanations.
 *
 * Every catalogue is scanned, the engine's (ko.ts and its messages/ sections) and the editor's
 * (ui.ts and each panel's messages.ts), so a violation in any file fails here with the file, the
 * key and what to write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogues } from '../engine/i18n';
import '../engine/graph/nodes/index';
import { listNodeDefs } from '../engine/graph/registry';
import { GLOSSARY, glosses, namesInEnglish, nonCourseVariantsIn, termsIn } from '../engine/i18n/glossary';
import { uiKo } from '../renderer/src/i18n/ui';

type Texts = Readonly<Record<string, string>>;

// --- Which keys explain, and what a learner sees with them ----------------------------------------

const EXPLAINING = /^(?:help|hint|intro|explain|lead|caption|note)(?:[A-Z]\w*)?$|[a-z](?:Help|Hint|Intro|Explain|Lead|Caption|Note)$/;

/** Whether `key` is an explanation (see the file's comment for the rule). */
function isExplanation(key: string): boolean {
  if (key.startsWith('desktop.menu.')) return false;
  return key.split('.').slice(1).some((segment) => EXPLAINING.test(segment));
}

/** What a learner sees at once (a node kind's inspector, a panel, an experiment): the keys of its texts. */
interface Screen {
  readonly name: string;
  readonly keys: readonly string[];
}

const has = (texts: Texts, key: string) => Object.prototype.hasOwnProperty.call(texts, key);

/** The inspector of every registered node kind, with the keys the registry resolves (as engine/i18n's paramLabel does). */
function inspectorScreens(texts: Texts): Screen[] {
  return listNodeDefs().map((def) => {
    const schema = z.toJSONSchema(def.params, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    const keys = [`node.${def.id}.label`, `node.${def.id}.help`];
    for (const p of Object.keys(schema.properties ?? {})) {
      for (const part of ['label', 'help']) {
        const own = `node.${def.id}.param.${p}.${part}`;
        keys.push(has(texts, own) ? own : `param.${p}.${part}`);
      }
      keys.push(...Object.keys(texts).filter((k) => k.startsWith(`option.${p}.`)));
    }
    return { name: `inspector of ${def.id}`, keys };
  });
}

/** The screens `key` appears on: its kinds' inspectors, else its panel, experiment or area. */
function screensOf(key: string, texts: Texts, inspectors: readonly Screen[]): Screen[] {
  const onInspector = inspectors.filter((s) => s.keys.includes(key));
  if (onInspector.length > 0) return onInspector;
  const segments = key.split('.');
  const prefix = (segments[0] === 'panel' || segments[0] === 'lab') && segments.length > 2 ? segments.slice(0, 2).join('.') : segments[0];
  return [{ name: `${prefix}.*`, keys: Object.keys(texts).filter((k) => k === prefix || k.startsWith(`${prefix}.`)) }];
}

// --- The checks ---------------------------------------------------------------------------------

/** One text that breaks a rule, and what to do. */
interface Violation {
  readonly key: string;
  readonly text: string;
  readonly problem: string;
}

/** Words the course does not use, in any Korean text. */
function nonCourseWords(texts: Texts): Violation[] {
  return Object.entries(texts).flatMap(([key, text]) =>
    nonCourseVariantsIn(text).map((v) => ({ key, text, problem: `"${v.written}" is not the course's word → ${v.use}` })),
  );
}

/** Glossary terms that an explanation uses without their English, in it or on its screen. */
function termsWithoutEnglish(texts: Texts, inspectors: readonly Screen[]): Violation[] {
  const found: Violation[] = [];
  for (const [key, text] of Object.entries(texts)) {
    if (!isExplanation(key)) continue;
    const seen = new Set<string>();
    for (const use of termsIn(text)) {
      if (seen.has(use.term.ko) || namesInEnglish(use.term, text)) continue;
      seen.add(use.term.ko);
      for (const screen of screensOf(key, texts, inspectors)) {
        if (screen.keys.some((k) => k !== key && has(texts, k) && glosses(use.term, texts[k]))) continue;
        found.push({
          key,
          text,
          problem: `${use.written} → ${use.written}(${use.term.en[0]}) [${screen.name}]`,
        });
        break;
      }
    }
  }
  return found;
}

// --- Where each key is written, for the report ----------------------------------------------------

const ROOT = join(__dirname, '..');
const HANGUL = /[\uAC00-\uD7A3]/;

function catalogueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : catalogueFiles(path);
    return /\.ts$/.test(e.name) && !e.name.includes('.test.') ? [path] : [];
  });
}

const SOURCES = [...catalogueFiles(join(ROOT, 'engine/i18n')), ...catalogueFiles(join(ROOT, 'renderer/src'))]
  .map((path) => ({ file: relative(ROOT, path), source: readFileSync(path, 'utf8') }))
  .filter((f) => HANGUL.test(f.source));

/** The file whose Korean table holds `key`: the one with its Korean text, else the first naming the key. */
function fileOf(key: string): string {
  const text = KOREAN[key] ?? '';
  const quoted = [`'${key}'`, `"${key}"`];
  const named = SOURCES.filter((f) => quoted.some((q) => f.source.includes(q)));
  return (named.find((f) => text !== '' && f.source.includes(text)) ?? named[0])?.file ?? '(unknown file)';
}

function report(violations: readonly Violation[]): string {
  const byFile = new Map<string, Map<string, Violation[]>>();
  for (const v of violations) {
    const file = fileOf(v.key);
    const keys = byFile.get(file) ?? new Map<string, Violation[]>();
    keys.set(v.key, [...(keys.get(v.key) ?? []), v]);
    byFile.set(file, keys);
  }
  return [...byFile]
    .map(([file, keys]) => [`${file} (${keys.size} texts)`, ...[...keys].map(([key, vs]) => `  ${key}: ${vs.map((v) => v.problem).join('; ')}\n      ${vs[0].text}`)].join('\n'))
    .join('\n');
}

// --- The app's catalogues -------------------------------------------------------------------------

/** Every Korean text of the app: the engine's catalogue and the editor's, by key. */
const KOREAN: Texts = { ...catalogues.ko, ...uiKo };
const INSPECTORS = inspectorScreens(KOREAN);

describe('Korean texts follow the course glossary', () => {
  it('use no word the course does not use for its terms', () => {
    const found = nonCourseWords(KOREAN);
    expect(found.length, `\n${report(found)}`).toBe(0);
  });

  it('name each glossary term of an explanation in English, in the text or on its screen', () => {
    const found = termsWithoutEnglish(KOREAN, INSPECTORS);
    expect(found.length, `\n${report(found)}`).toBe(0);
  });

  it('see the explanations it should (the rule still finds the texts it was written for)', () => {
    const explanations = Object.keys(KOREAN).filter(isExplanation);
    for (const key of ['node.Dense.help', 'param.learningRate.help', 'panel.curves.smoothingHint', 'lab.init.intro', 'lab.init.caption.normal1.sigmoid', 'lab.runs.lead.batchnorm', 'lab.gradcheck.explain', 'panel.confusion.noteTest']) {
      expect(explanations, key).toContain(key);
    }
    for (const key of ['desktop.menu.help', 'node.Dense.label', 'lab.gradcheck.notes', 'panel.curves.title']) expect(explanations, key).not.toContain(key);
    // Every registered kind has an inspector with its help among the texts checked.
    expect(INSPECTORS.length).toBeGreaterThan(20);
    expect(INSPECTORS.find((s) => s.name === 'inspector of SGD')?.keys).toContain('param.learningRate.label');
  });
});

describe('the checks on the real catalogue with a seeded fault', () => {
  it('fail when the English is taken out of the texts', () => {
    const stripped = Object.fromEntries(Object.entries(KOREAN).map(([k, v]) => [k, v.replace(/\s*\([^()]*[A-Za-z][^()]*\)/g, '')]));
    const keys = termsWithoutEnglish(stripped, INSPECTORS).map((v) => v.key);
    expect(keys).toContain('node.Dropout.help');
    expect(keys).toContain('param.learningRate.help');
  });

  it('fail when a text takes a word the course does not use', () => {
    const seeded = { ...KOREAN, 'node.Dropout.help': KOREAN['node.Dropout.help'].replace('과적합', '오버피팅') };
    expect(nonCourseWords(seeded).map((v) => v.key)).toContain('node.Dropout.help');
  });
});

describe('the checks on a made-up catalogue', () => {
  const lab = (texts: Record<string, string>) => termsWithoutEnglish(texts, []);

  it('find a term without its English, and accept it with its English in the same text', () => {
    expect(lab({ 'lab.fake.intro': '학습률을 줄이면 천천히 배웁니다.' }).map((v) => v.key)).toEqual(['lab.fake.intro']);
    expect(lab({ 'lab.fake.intro': '학습률(learning rate)을 줄이면 천천히 배웁니다.' })).toEqual([]);
    // Any English name of the term counts, in any case; a plural too.
    expect(lab({ 'lab.fake.hint': '미니 배치(Minibatch) 하나의 샘플 수' })).toEqual([]);
    expect(lab({ 'lab.fake.hint': '에폭(Epochs)마다 섞습니다.' })).toEqual([]);
  });

  it('accept the English in another text of the same screen that explains the term, not elsewhere', () => {
    const sameScreen = { 'lab.fake.intro': '과적합(overfitting)을 봅니다.', 'lab.fake.caption.one': '과적합이 일어납니다.' };
    expect(lab(sameScreen)).toEqual([]);
    const otherScreen = { 'lab.other.intro': '과적합(overfitting)을 봅니다.', 'lab.fake.caption.one': '과적합이 일어납니다.' };
    expect(lab(otherScreen).map((v) => v.key)).toEqual(['lab.fake.caption.one']);
    // A text that has the English but not the term does not explain the term.
    const noTerm = { 'lab.fake.intro': 'overfitting', 'lab.fake.caption.one': '과적합이 일어납니다.' };
    expect(lab(noTerm).map((v) => v.key)).toEqual(['lab.fake.caption.one']);
  });

  it('check explanations only, and any spelling the course uses counts as the term', () => {
    expect(lab({ 'lab.fake.title': '학습률' })).toEqual([]);
    expect(lab({ 'lab.fake.hint': '손실함수를 줄입니다.' })[0].problem).toContain('loss function');
    expect(lab({ 'lab.fake.hint': '경사하강법으로 내려갑니다.' })[0].problem).toContain('gradient descent');
  });

  it('hold a shared parameter text to every inspector that shows it', () => {
    const texts = { 'param.rate.help': '에폭마다 다릅니다.', 'param.epochs.label': '에폭 수 (epochs)', 'node.A.help': 'A', 'node.B.help': 'B' };
    const screens = [
      { name: 'inspector of A', keys: ['node.A.help', 'param.rate.help', 'param.epochs.label'] },
      { name: 'inspector of B', keys: ['node.B.help', 'param.rate.help'] },
    ];
    expect(termsWithoutEnglish(texts, screens).map((v) => v.problem)).toEqual([expect.stringContaining('inspector of B')]);
  });

  it('find the longest term: 확률적 경사 하강법 is not also 경사 하강법', () => {
    expect(termsIn('확률적 경사 하강법과 기울기 소실').map((u) => u.term.ko)).toEqual(['확률적 경사 하강법', '기울기 소실']);
    expect(lab({ 'lab.fake.hint': '확률적 경사 하강법 (SGD)' })).toEqual([]);
  });

  it('find words the course does not use', () => {
    const words = (text: string) => nonCourseWords({ 'x.y': text }).map((v) => v.problem);
    expect(words('러닝 레이트를 줄이세요')).toEqual([expect.stringContaining('학습률')]);
    expect(words('오버피팅을 막습니다')).toEqual([expect.stringContaining('과적합')]);
    expect(words('과적합(오버피팅)을 막습니다')).toEqual([]);
    expect(words('시험 데이터 정확도')).toEqual([expect.stringContaining('테스트 데이터')]);
    expect(words('완전 연결 계층')).toEqual([expect.stringContaining('층')]);
    expect(words('계층적 표현 학습, 활성화 함수, 손실함수, 하이퍼 파라미터')).toEqual([]);
  });

  it('have a well-formed glossary: unique terms, each with an English name that names it', () => {
    const ko = GLOSSARY.map((t) => t.ko);
    expect(new Set(ko).size).toBe(ko.length);
    for (const term of GLOSSARY) {
      expect(termsIn(term.ko).map((u) => u.term), term.ko).toEqual([term]);
      for (const english of term.en) expect(glosses(term, `${term.ko} (${english})`), `${term.ko} / ${english}`).toBe(true);
    }
  });
});
