/**
 * The lab's errors as the editor keeps and shows them: held as Texts (a catalogue message, not a
 * translated string), so the same stored error reads in Korean after a switch to Korean and in
 * English after a switch back. Real bad input each time: a typed function, a search's ranges, a
 * user graph an experiment cannot use, a run no engine holds, an engine that cannot start.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type graph } from '../../../engine';
import { readFunction } from '../components/Panels/Lab/Paths/readFunction';
import { planSearch } from '../components/Panels/Lab/Search/searchSpecs';
import { errorText, i18next, infoText, textNow, tmsg, type Text } from '../i18n';
import { engineFactory } from '../store/trainingStore';
import type { EngineTransport } from '../training/EngineClient';
import { experimentSpecs, EXPERIMENTS } from './experiments';
import { requestFeatures, resetLabEnginesForTests, startBatch } from './runner';

const HANGUL = /[\uac00-\ud7a3]/;

/** `text` in Korean and in English, read from the same stored Text. */
async function both(text: Text): Promise<{ ko: string; en: string }> {
  await i18next.changeLanguage('ko');
  const ko = textNow(text);
  await i18next.changeLanguage('en');
  return { ko, en: textNow(text) };
}

/** The error `fn` throws or rejects with. */
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

const saved = { ...engineFactory };
afterEach(() => {
  resetLabEnginesForTests();
  Object.assign(engineFactory, saved);
});
afterAll(() => i18next.changeLanguage('en'));

describe('lab errors follow the language', () => {
  it('a function that does not parse: the message under the field, with its column, in either language', async () => {
    const read = readFunction('x^2 + z');
    if (!('error' in read)) throw new Error('parsed');
    expect(read.error.position).toBe(6);
    expect(typeof read.error.text).toBe('object');
    const shown = await both(tmsg('lab.paths.errorNoPosition', { message: read.error.text }));
    expect(shown.ko).toMatch(HANGUL);
    expect(shown.ko).toContain("7번째 글자의 'z'");
    expect(shown.ko).toContain('함수를 읽을 수 없습니다');
    expect(shown.ko).not.toMatch(/unknown|character/);
    expect(shown.en).toBe("Cannot read the function: unknown name 'z' at character 7: use x, y, pi, e or sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid");
  });

  it('a search whose range is empty: the stored error names the parameter and the range typed', async () => {
    const g: graph.Graph = { nodes: [], edges: [] };
    const e = await caught(() => planSearch(g, [{ id: 'adam.learningRate', min: 0.5, max: 0.01, scale: 'log' }], { trials: 3, epochs: 1, seed: 1 }, 'b', { label: String }));
    const stored = errorText(e);
    const shown = await both(tmsg('lab.search.error.start', { message: stored }));
    expect(shown.ko).toBe("탐색을 실행하지 못했습니다: 탐색: 'adam.learningRate'의 범위가 비어 있습니다(0.5 … 0.01). 시작 값이 끝 값보다 작아야 합니다");
    expect(shown.en).toBe("The search could not run: search: the range of 'adam.learningRate' is empty (0.5 … 0.01): the lower end must be below the upper");
  });

  it('an experiment on a user graph without Dense layers: the toast reads in the language shown', async () => {
    const e = await caught(() => experimentSpecs('batchnorm', { ...EXPERIMENTS.batchnorm.defaults, base: 'graph' }, {
      graph: { nodes: [], edges: [] }, batch: 'b', t: (k) => k, format: String,
    }));
    const shown = await both(tmsg('lab.runs.startFailed', { message: errorText(e) }));
    expect(shown.ko).toBe('실행을 시작하지 못했습니다: 내 그래프에는 이 실험이 바꿀 완전연결(Dense) 층이 없습니다. 층을 추가하거나 강의의 신경망을 사용하세요.');
    expect(shown.en).toContain('Could not start the runs: Your graph has no Dense layer');
  });

  it('hidden features of a run no engine holds: names the run', async () => {
    const e = await caught(() => requestFeatures('lab-run-nope', 'tanh', 6));
    expect((e as Error).message).toMatch(/No lab engine holds run 'lab-run-nope'/);
    const shown = await both(errorText(e));
    expect(shown.ko).toContain("실행 'lab-run-nope'");
    expect(shown.ko).toMatch(HANGUL);
  });

  it('an engine that cannot start: each queued run fails with why, in the language shown', async () => {
    engineFactory.transport = (): EngineTransport => {
      let fail: (reason: Text) => void = () => {};
      return {
        post: () => setTimeout(() => fail('worker script not found'), 0),
        onMessage: () => {},
        onFailure: (h) => (fail = h),
        terminate: () => {},
      };
    };
    engineFactory.options = () => ({ heartbeatTimeoutMs: 60_000 });
    const spec = { graph: { nodes: [], edges: [] }, label: 'run 1', lab: { experiment: 'batchnorm', batch: 'b' } };
    const runs = await startBatch([spec, { ...spec, label: 'run 2' }], { onChange: () => {} }).finished;
    expect(runs.map((r) => r.run.status)).toEqual(['failed', 'failed']);
    const error = runs[1].run.error!;
    expect(error.message).toMatch(/^The engine could not start: .*worker script not found/);
    const shown = await both(infoText(error));
    expect(shown.ko).toMatch(/^엔진을 시작하지 못했습니다: /);
    expect(shown.ko).toContain('worker script not found');
    expect(shown.en).toBe(error.message);
  });
});
