import { describe, expect, it } from 'vitest';
import { cssVar } from './canvas';

describe('cssVar', () => {
  it('reads a set variable (trimmed) and falls back for an unset one', () => {
    const style = { getPropertyValue: (n: string) => (n === '--dw-fg' ? '  #123456 ' : '') } as unknown as CSSStyleDeclaration;
    const v = cssVar(style);
    expect(v('--dw-fg', '#000')).toBe('#123456');
    expect(v('--dw-missing', '#abc')).toBe('#abc');
  });
});
