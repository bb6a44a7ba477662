/**
 * Finds text the editor cuts off, as a reader would see it: the in-page half of
 * layout.e2e.test.ts. `findClipped` runs inside the page (`page.evaluate(findClipped, options)`),
 * so it is self-contained: no imports, no helpers outside its body.
 *
 * Text is clipped when
 * - **cut by a box**: a text node's glyphs reach past an ancestor whose `overflow` on that axis is
 *   `hidden` or `clip` (an ellipsis is this case too); the search along an axis stops at a
 *   scrolling ancestor (`auto` / `scroll`), since what lies past that one can be scrolled to;
 * - **overflowing its box**: an element that hides its overflow holds text of its own and its
 *   content is wider or taller than its box (`scrollWidth > clientWidth + 1`, same for height);
 * - **spilling out**: a text node's glyphs reach past the border box of the button, table cell or
 *   bordered box it sits in (overflow visible: the text runs over its neighbours);
 * - **past the window**: outside every scrolling ancestor, text reaches past the viewport;
 * - **cut in a field**: a `<select>` narrower than its chosen option, or an empty text field
 *   narrower than its placeholder (measured with `field-sizing: content`).
 *
 * Allowed: an intentional ellipsis, where the clipping element or an element between it and the
 * text carries a `title` that holds the whole text (the reader can hover to read it).
 * Not looked at: text drawn on a <canvas>; what lies under `ignore` selectors (e.g. the canvas's
 * pan-and-zoom viewport, where a node scrolled out of sight is not a layout fault — its own
 * content still is, up to the viewport).
 */

import type { Page } from 'playwright-core';

export interface ClipOptions {
  /** Clipping by elements matching these selectors is not a fault (the walk up stops there). */
  stopAt: string[];
}

export interface Clipped {
  /** What is cut off (the whole text of the element, shortened). */
  text: string;
  /** A selector-ish path to the element that cuts it (or the field). */
  path: string;
  /** Which of the rules above, with sizes in CSS px. */
  how: string;
}

/** Runs in the page; see the file's comment for the rules. */
export function findClipped(options: ClipOptions): Clipped[] {
  const found: Clipped[] = [];
  const seen = new Set<string>();
  const TOL = 1;
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const short = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

  const pathOf = (el: Element): string => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 5; e = e.parentElement) {
      const tid = e.getAttribute('data-testid');
      const cls = typeof e.className === 'string' ? e.className.trim().split(/\s+/).filter(Boolean).slice(0, 2) : [];
      parts.unshift(`${e.tagName.toLowerCase()}${tid ? `[data-testid="${tid}"]` : ''}${cls.map((c) => `.${c}`).join('')}`);
      if (tid && e !== el) break;
    }
    return parts.join(' > ');
  };
  const report = (el: Element, text: string, how: string) => {
    const key = `${pathOf(el)}|${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ text: short(text), path: pathOf(el), how });
  };
  /** Whether `el` or an element from `from` up to `el` has a title holding `text`. */
  const titled = (from: Element, el: Element, text: string) => {
    const want = norm(text);
    for (let e: Element | null = from; e; e = e.parentElement) {
      if (norm(e.getAttribute('title')).includes(want)) return true;
      if (e === el) break;
    }
    return false;
  };
  const stopped = (el: Element) => options.stopAt.some((s) => el.matches(s));
  const hides = (v: string) => v === 'hidden' || v === 'clip';
  const scrolls = (v: string) => v === 'auto' || v === 'scroll';
  const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });

  /** The element's padding box on screen (transforms such as the canvas's zoom included). */
  const paddingBox = (el: HTMLElement | SVGElement) => {
    const r = el.getBoundingClientRect();
    if (!(el instanceof HTMLElement) || el.offsetWidth === 0 || el.offsetHeight === 0) return r;
    const sx = r.width / el.offsetWidth;
    const sy = r.height / el.offsetHeight;
    const left = r.left + el.clientLeft * sx;
    const top = r.top + el.clientTop * sy;
    return { left, top, right: left + el.clientWidth * sx, bottom: top + el.clientHeight * sy, width: el.clientWidth * sx, height: el.clientHeight * sy };
  };
  const past = (t: { left: number; right: number; top: number; bottom: number }, b: { left: number; right: number; top: number; bottom: number }) => ({
    x: Math.max(b.left - t.left, t.right - b.right),
    y: Math.max(b.top - t.top, t.bottom - b.bottom),
  });

  // 1. Text nodes cut by a box, spilling out of theirs, or past the window.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !norm(node.nodeValue)) continue;
    if (parent.closest('script, style, option, textarea, noscript')) continue;
    if (!shown(parent)) continue;
    let rect: DOMRect;
    if (parent instanceof SVGElement) rect = parent.getBoundingClientRect();
    else {
      range.selectNodeContents(node);
      rect = range.getBoundingClientRect();
    }
    if (rect.width < 0.5 || rect.height < 0.5) continue;
    let checkX = true;
    let checkY = true;
    let boxed = false;
    let stop = false;
    for (let a: Element | null = parent; a && a !== document.documentElement && (checkX || checkY); a = a.parentElement) {
      const box = a instanceof SVGSVGElement ? a.getBoundingClientRect() : paddingBox(a as HTMLElement);
      // The end of the walk: the canvas's viewport, or a visually hidden label (for screen readers).
      if (stopped(a) || box.width * box.height < 4) {
        stop = true;
        break;
      }
      const cs = getComputedStyle(a);
      const over = past(rect, box);
      const clipX = checkX && (hides(cs.overflowX) || (a instanceof SVGSVGElement && cs.overflowX !== 'visible'));
      const clipY = checkY && (hides(cs.overflowY) || (a instanceof SVGSVGElement && cs.overflowY !== 'visible'));
      const text = norm(a.textContent);
      if ((clipX && over.x > TOL) || (clipY && over.y > TOL)) {
        if (!titled(parent, a, text)) {
          report(a, text, `cut by its box: ${over.x > TOL ? `${Math.round(over.x)} px wide` : `${Math.round(over.y)} px tall`} past ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
        checkX = checkY = false;
        break;
      }
      const visibleOverflow = cs.overflowX === 'visible' && cs.overflowY === 'visible';
      if (!boxed && visibleOverflow && a instanceof HTMLElement && cs.display !== 'inline' && cs.display !== 'contents') {
        const bordered = parseFloat(cs.borderLeftWidth) > 0 || parseFloat(cs.borderRightWidth) > 0;
        if (a.matches('button, td, th, [role="tab"], [role="menuitem"]') || (bordered && cs.backgroundColor !== 'rgba(0, 0, 0, 0)')) {
          boxed = true;
          const border = a.getBoundingClientRect();
          const spill = past(rect, border);
          if (spill.x > TOL || spill.y > TOL) {
            if (!titled(parent, a, text)) report(a, text, `spills out of its box: ${spill.x > TOL ? `${Math.round(spill.x)} px wide` : `${Math.round(spill.y)} px tall`} past ${Math.round(border.width)}×${Math.round(border.height)}`);
          }
        }
      }
      if (scrolls(cs.overflowX)) checkX = false;
      if (scrolls(cs.overflowY)) checkY = false;
    }
    if (!stop && (checkX || checkY)) {
      const over = past(rect, { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
      if ((checkX && over.x > TOL) || (checkY && over.y > TOL)) report(parent, norm(parent.textContent), `past the window: ${Math.round(Math.max(over.x, over.y))} px`);
    }
  }

  // 2. Elements that hide their overflow and overflow with text of their own.
  for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
    if (!(el instanceof HTMLElement)) continue;
    const cs = getComputedStyle(el);
    const wide = hides(cs.overflowX) && el.scrollWidth > el.clientWidth + TOL;
    const tall = hides(cs.overflowY) && el.scrollHeight > el.clientHeight + TOL;
    if (!wide && !tall) continue;
    const own = Array.from(el.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && norm(c.nodeValue));
    if (!own && cs.textOverflow !== 'ellipsis') continue;
    if (!shown(el) || el.clientWidth * el.clientHeight < 4) continue;
    const text = norm(el.textContent);
    if (!text || titled(el, el, text)) continue;
    report(el, text, `overflows its box: content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
  }

  // 3. Fields: a select's chosen option, an empty field's placeholder, at their natural width.
  for (const el of Array.from(document.body.querySelectorAll<HTMLSelectElement | HTMLInputElement>('select, input'))) {
    if (!shown(el)) continue;
    let text: string;
    if (el instanceof HTMLSelectElement) text = norm(el.selectedOptions[0]?.textContent);
    else if (['text', 'search', 'number', 'email', 'url', ''].includes(el.type) && !el.value) text = norm(el.placeholder);
    else continue;
    if (!text) continue;
    const width = el.getBoundingClientRect().width;
    const style = el.getAttribute('style');
    el.style.cssText += ';position:absolute;width:auto;min-width:0;max-width:none;flex:none;field-sizing:content';
    const natural = el.getBoundingClientRect().width;
    if (style === null) el.removeAttribute('style');
    else el.setAttribute('style', style);
    if (natural > width + TOL && !titled(el, el, text)) report(el, text, `cut in its field: needs ${Math.round(natural)} px, has ${Math.round(width)}`);
  }
  return found;
}

/**
 * Runs `findClipped` in the page. Sent as source text with a stand-in for `__name`, the helper
 * some TypeScript transforms (keepNames) insert around named inner functions: the page has none.
 */
export function clippedIn(page: Page, options: ClipOptions): Promise<Clipped[]> {
  return page.evaluate(`(() => { const __name = (f) => f; return (${findClipped.toString()})(${JSON.stringify(options)}); })()`) as Promise<Clipped[]>;
}
