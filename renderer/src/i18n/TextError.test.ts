import { afterEach, describe, expect, it } from 'vitest';
import { errorText, setLocale, textNow, tmsg } from './index';
import { inEnglish, TextError } from './TextError';

afterEach(() => setLocale('en'));

describe('TextError', () => {
  it('keeps its message for the reader and English for logs, whatever the language shown', () => {
    setLocale('ko');
    const e = new TextError(tmsg('app.engine.couldNotStart', { message: tmsg('app.engine.crashed', { reason: 'Uncaught Error: x' }) }));
    expect(e.message).toBe('The engine could not start: The engine crashed: Uncaught Error: x');
    expect(textNow(errorText(e))).toBe('엔진을 시작하지 못했습니다: 엔진이 비정상적으로 멈췄습니다: Uncaught Error: x');
    expect(e).toBeInstanceOf(Error);
  });

  it('takes the user\'s own words as a plain string, without a message', () => {
    const e = new TextError('my words');
    expect(e.message).toBe('my words');
    expect(e.msg).toBeUndefined();
    expect(errorText(e)).toBe('my words');
  });

  it('writes engine keys and the editor\'s keys in English, nested values too, and never throws', () => {
    expect(inEnglish(tmsg('export.failed', { message: tmsg('app.png.noSize') }))).toBe('Could not export: the drawing has no size');
    expect(inEnglish(tmsg('desktop.error.reason.diskFull'))).toBe('the disk is full');
    expect(inEnglish(tmsg('app.gpu.lost'))).toBe('the GPU ({adapter}) was lost during the run');
    expect(inEnglish(tmsg('no.such.key'))).toBe('no.such.key');
  });
});
