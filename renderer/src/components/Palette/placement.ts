/**
 * Where a node added from the palette by click or Enter goes: beside the others, never on top of
 * one, and where the person can see it.
 */
import type { Position } from '../../store/changes';

/** Room a node takes on the canvas (nodes are at most ~220 px wide), with a gap. */
export const NODE_BOX = { width: 240, height: 90 };
/** Horizontal distance from the right-most node. */
export const PLACE_GAP_X = 260;

/** The part of the canvas on screen, in flow coordinates. */
export interface ViewRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

type Placed = { readonly position: Position };

function fits(p: Position, view: ViewRect): boolean {
  return p.x >= view.x && p.y >= view.y && p.x + NODE_BOX.width <= view.x + view.width && p.y + NODE_BOX.height <= view.y + view.height;
}

function overlaps(p: Position, nodes: readonly Placed[]): boolean {
  return nodes.some((n) => Math.abs(n.position.x - p.x) < NODE_BOX.width && Math.abs(n.position.y - p.y) < NODE_BOX.height);
}

/**
 * To the right of the right-most node, level with it (the origin on an empty canvas): where the
 * next layer of a chain goes. When `view` is given and that spot is off screen, the first free
 * spot down from the middle of the view instead, so the new node is seen at once.
 */
export function freePosition(nodes: readonly Placed[], view?: ViewRect): Position {
  let beside: Position = { x: 0, y: 0 };
  if (nodes.length > 0) {
    const right = nodes.reduce((a, n) => (n.position.x > a.position.x ? n : a));
    beside = { x: right.position.x + PLACE_GAP_X, y: right.position.y };
  }
  if (!view || fits(beside, view)) return beside;
  const start = {
    x: Math.round(view.x + (view.width - NODE_BOX.width) / 2),
    y: Math.round(view.y + (view.height - NODE_BOX.height) / 2),
  };
  // Alternately below and above the middle, then a column further right: the first free place.
  const rows = Math.max(1, Math.floor(view.height / NODE_BOX.height));
  for (let col = 0; col < 8; col++) {
    for (let i = 0; i < 2 * rows; i++) {
      const dy = (i % 2 === 1 ? 1 : -1) * Math.ceil(i / 2) * NODE_BOX.height;
      const p = { x: start.x + col * NODE_BOX.width, y: start.y + dy };
      if (!overlaps(p, nodes)) return p;
    }
  }
  return start;
}
