import { describe, expect, it } from 'vitest';
import { DeepWireError } from '../core/errors';
import { errorInfo } from '../protocol/codec';
import { MessageSchema } from '../protocol/messages';
import { englishText, isMessage, messageOfError, msg, translateMessage } from './index';

describe('Message', () => {
  const inner = msg('desktop.error.reason.diskFull');
  const outer = msg('desktop.error.save', { path: '/tmp/a.dwproj', reason: inner });

  it('resolves nested messages in the same language', () => {
    expect(englishText(outer)).toBe('Could not save /tmp/a.dwproj: the disk is full. The file on disk is unchanged.');
    const ko = translateMessage('ko', outer);
    expect(ko).toContain('/tmp/a.dwproj');
    expect(ko).not.toContain('disk is full');
    expect(ko).toContain(translateMessage('ko', inner));
  });

  it('an error built from a message keeps it and reads English', () => {
    const e = new DeepWireError(outer);
    expect(e.message).toBe(englishText(outer));
    expect(messageOfError(e)).toEqual(outer);
    expect(new DeepWireError('plain').msg).toBeUndefined();
  });

  it('travels in ErrorInfo and passes the protocol schema', () => {
    const info = errorInfo(new DeepWireError(outer));
    expect(info.msg).toEqual(outer);
    expect(MessageSchema.parse(info.msg)).toEqual(outer);
    expect(isMessage({ key: 'x', vars: 3 })).toBe(false);
    expect(MessageSchema.safeParse({ key: 'x', vars: { a: { nope: 1 } } }).success).toBe(false);
  });

  it('an out-of-memory error gets a translatable message', () => {
    const info = errorInfo(new RangeError('Array buffer allocation failed'));
    expect(info.kind).toBe('memory');
    expect(info.msg?.key).toBe('error.memory');
    expect(info.message).toContain('Array buffer allocation failed');
  });
});
