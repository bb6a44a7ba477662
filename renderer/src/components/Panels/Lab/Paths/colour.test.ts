import { describe, expect, it } from 'vitest';
import { mixColour, parseColour } from './colour';

describe('parseColour', () => {
  it('reads hex and rgb() colours', () => {
    expect(parseColour('#abc')).toEqual([0xaa, 0xbb, 0xcc, 1]);
    expect(parseColour(' #2F80ED ')).toEqual([0x2f, 0x80, 0xed, 1]);
    expect(parseColour('#00000080')![3]).toBeCloseTo(128 / 255);
    expect(parseColour('rgb(1, 2, 3)')).toEqual([1, 2, 3, 1]);
    expect(parseColour('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 0.5]);
    expect(parseColour('rgb(1 2 3 / 50%)')).toEqual([1, 2, 3, 0.5]);
  });
  it('refuses what it does not know', () => {
    expect(parseColour('tomato')).toBeNull();
    expect(parseColour('#12')).toBeNull();
  });
});

describe('mixColour', () => {
  it('mixes channel by channel', () => {
    expect(mixColour('#000000', '#ffffff', 0)).toBe('rgb(0, 0, 0)');
    expect(mixColour('#000000', '#ffffff', 1)).toBe('rgb(255, 255, 255)');
    expect(mixColour('#000000', '#ffffff', 0.5)).toBe('rgb(128, 128, 128)');
    expect(mixColour('#ff0000', '#0000ff', 0.25)).toBe('rgb(191, 0, 64)');
    expect(mixColour('rgba(0, 0, 0, 0)', '#000', 0.5)).toBe('rgba(0, 0, 0, 0.5)');
  });
  it('clamps t and falls back to the nearer colour when one cannot be read', () => {
    expect(mixColour('#000', '#fff', 2)).toBe('rgb(255, 255, 255)');
    expect(mixColour('tomato', '#fff', 0.2)).toBe('tomato');
    expect(mixColour('tomato', '#fff', 0.8)).toBe('#fff');
  });
});
