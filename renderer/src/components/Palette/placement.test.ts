import { describe, expect, it } from 'vitest';
import { freePosition, NODE_BOX, PLACE_GAP_X } from './placement';

describe('freePosition', () => {
  it('puts the first node at the origin', () => {
    expect(freePosition([])).toEqual({ x: 0, y: 0 });
  });
  it('puts a new node to the right of the right-most one, level with it', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: 400, y: 120 } }, { position: { x: 200, y: -50 } }];
    const p = freePosition(nodes);
    expect(p).toEqual({ x: 400 + PLACE_GAP_X, y: 120 });
    expect(nodes.every((n) => p.x - n.position.x >= PLACE_GAP_X)).toBe(true);
  });
});

describe('freePosition on screen', () => {
  const view = { x: 0, y: 0, width: 1000, height: 600 };
  it('keeps the spot beside the right-most node when the view shows it', () => {
    expect(freePosition([{ position: { x: 100, y: 100 } }], view)).toEqual({ x: 100 + PLACE_GAP_X, y: 100 });
  });
  it('uses the middle of the view, clear of every node, when that spot is off screen', () => {
    const nodes = [{ position: { x: 900, y: 100 } }, { position: { x: 380, y: 255 } }];
    const p = freePosition(nodes, view);
    expect(p.x + NODE_BOX.width).toBeLessThanOrEqual(1000);
    expect(p.y).toBeGreaterThanOrEqual(0);
    expect(p.y + NODE_BOX.height).toBeLessThanOrEqual(600);
    for (const n of nodes) {
      const apart = Math.abs(n.position.x - p.x) >= NODE_BOX.width || Math.abs(n.position.y - p.y) >= NODE_BOX.height;
      expect(apart).toBe(true);
    }
    expect(p).toEqual({ x: 380, y: 255 + NODE_BOX.height });
  });
});
