/**
 * A toast keeps the message it was given, not a translation of it: shown before a language
 * switch, it reads in the new language after it (values, nested messages included).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { graph as g, i18n } from '../../../../engine';
import { errorText, setLocale, tmsg, type Text } from '../../i18n';
import { TextError } from '../../i18n/TextError';
import { onToast, showToast, Toast, type ToastMessage } from './Toast';

const shown = (text: Text, kind: 'info' | 'error' = 'error') =>
  renderToStaticMarkup(createElement(Toast, { text, kind })).replace(/<[^>]+>/g, '').replace(/&#x27;/g, '\'');

afterEach(() => setLocale('en'));

describe('toasts', () => {
  it('pass the message itself to the toast area, and render it in the language of the moment', () => {
    const got: ToastMessage[] = [];
    const stop = onToast((m) => got.push(m));
    const text = tmsg('export.failed', { message: errorText(new TextError(tmsg('app.engine.exportReply', { type: 'ack' }))) });
    showToast(text, 'error');
    stop();
    showToast('after unsubscribing');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'error', text });

    setLocale('en');
    expect(shown(got[0].text)).toBe('Could not export: the engine answered \'ack\' to an export');
    setLocale('ko');
    expect(shown(got[0].text)).toBe('내보내지 못했습니다: 엔진이 내보내기 요청에 \'ack\'(으)로 답했습니다');
    setLocale('en');
    expect(shown(got[0].text)).toBe('Could not export: the engine answered \'ack\' to an export');
  });

  it('show a refused connection in Korean, with the check\'s reason', () => {
    const graph: g.Graph = {
      nodes: [{ id: 'a', kind: 'Dense', position: { x: 0, y: 0 }, params: {} }],
      edges: [],
    };
    const check = g.checkConnection(graph, { source: 'a', sourcePort: 'y', target: 'a', targetPort: 'x' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    // As Canvas builds it: the check's catalogue message (engine/graph/connect.ts gives one).
    const text = tmsg('connect.refused', { reason: i18n.messageOfError(check) ?? check.reason });
    setLocale('ko');
    const ko = shown(text);
    expect(ko).toMatch(/^연결할 수 없음: \S/);
    expect(ko.slice('연결할 수 없음: '.length)).toMatch(/[\uac00-\ud7a3]/);
    expect(ko).not.toContain(check.reason);
  });

  it('show the user\'s own words as they are', () => {
    setLocale('ko');
    expect(shown('my-net.dwire', 'info')).toBe('my-net.dwire');
  });
});
