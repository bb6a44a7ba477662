/**
 * For tests of the SVG writer (Node has no DOMParser): a strict well-formedness check of an XML
 * document — one root, tags that nest and close, quoted attributes named once, no raw `<` or
 * bare `&` in text — and a reader for the elements a test asserts on. Not shipped.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** The decoded text content (for elements holding only text, such as `<text>` and `<title>`). */
  readonly text: string;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(s: string, where: string): void {
  const stripped = s.replace(ENTITY, '');
  if (stripped.includes('&')) throw new Error(`a bare & in ${where}: ${JSON.stringify(s.slice(0, 60))}`);
  if (stripped.includes('<')) throw new Error(`a raw < in ${where}`);
}

function decode(s: string): string {
  return s.replace(ENTITY, (e) => {
    if (e.startsWith('&#x')) return String.fromCodePoint(parseInt(e.slice(3, -1), 16));
    if (e.startsWith('&#')) return String.fromCodePoint(Number(e.slice(2, -1)));
    return ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" } as Record<string, string>)[e];
  });
}

function parseAttrs(s: string, tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = new RegExp(`^\\s+(${NAME})\\s*=\\s*"([^"]*)"`);
  let rest = s;
  while (rest.trim() !== '') {
    const m = re.exec(rest);
    if (!m) throw new Error(`malformed attributes in <${tag}>: ${JSON.stringify(rest.slice(0, 60))}`);
    if (Object.hasOwn(attrs, m[1])) throw new Error(`attribute ${m[1]} given twice in <${tag}>`);
    checkText(m[2], `attribute ${m[1]} of <${tag}>`);
    attrs[m[1]] = decode(m[2]);
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

/** Throws, saying where, unless `xml` is a well-formed document with one root element. */
export function checkXml(xml: string): void {
  let s = xml.replace(/^\uFEFF/, '');
  const prolog = /^<\?xml[^?]*\?>/.exec(s);
  if (prolog) s = s.slice(prolog[0].length);
  const stack: string[] = [];
  let roots = 0;
  const token = new RegExp(`<!--[\\s\\S]*?-->|<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>|<`, 'g');
  let at = 0;
  for (let m = token.exec(s); m; m = token.exec(s)) {
    const between = s.slice(at, m.index);
    if (stack.length === 0 && between.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(between.slice(0, 40))}`);
    checkText(between, stack.length ? `<${stack[stack.length - 1]}>` : 'the document');
    at = m.index + m[0].length;
    if (m[0].startsWith('<!--')) continue;
    if (m[0] === '<') throw new Error(`a raw < at ${m.index}: ${JSON.stringify(s.slice(m.index, m.index + 40))}`);
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      if (attrText || selfClosing) throw new Error(`a malformed end tag </${name}>`);
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    parseAttrs(attrText, name);
    if (stack.length === 0) roots++;
    if (roots > 1) throw new Error('more than one root element: a document has exactly one root');
    if (!selfClosing) stack.push(name);
  }
  const tail = s.slice(at);
  if (tail.trim() !== '') throw new Error(`text after the root element: ${JSON.stringify(tail.slice(0, 40))}`);
  if (stack.length) throw new Error(`<${stack[stack.length - 1]}> is never closed`);
  if (roots !== 1) throw new Error('no root element: a document has exactly one root');
}

/** Every `<name>` element of `xml`, in document order. */
export function elements(xml: string, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const re = new RegExp(`<${name}((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    let text = '';
    if (!m[2]) {
      const end = xml.indexOf(`</${name}>`, re.lastIndex);
      const inner = end < 0 ? '' : xml.slice(re.lastIndex, end);
      text = inner.includes('<') ? '' : decode(inner);
    }
    out.push({ name, attrs: parseAttrs(m[1], name), text });
  }
  return out;
}

/** The x,y pairs of a `<polyline>`'s points attribute. */
export function polylinePoints(el: XmlElement): [number, number][] {
  const pts = (el.attrs.points ?? '').trim();
  if (!pts) return [];
  return pts.split(/\s+/).map((p) => {
    const [x, y] = p.split(',').map(Number);
    return [x, y];
  });
}
