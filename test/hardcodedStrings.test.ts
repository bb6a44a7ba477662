/**
 * Every word the editor shows comes from the message catalogue: a scan of the renderer's
 * components for text written straight into JSX (text between tags, and the attributes a person
 * reads: title, placeholder, aria-label, alt). Symbols, numbers and units without letters
 * (`×`, `→`, `%`, `·`) are allowed; so are lines marked `i18n-ignore` (a brand name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const READ_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label']);
/** Letters of any script: a string with none is a symbol, number or unit. */
const WORDS = /\p{L}{2,}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(path);
    return e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [path] : [];
  });
}

/** `file:line: "text"` for each hard-coded text in a component file. */
export function hardCodedTexts(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split('\n');
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    if (lines[line]?.includes('i18n-ignore') || lines[line - 1]?.includes('i18n-ignore')) return;
    found.push(`${relative(ROOT, file)}:${line + 1}: "${text.trim().replace(/\s+/g, ' ')}"`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init
        : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)) ? init.expression
          : null;
      if (literal && WORDS.test(literal.text)) report(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('hard-coded UI strings', () => {
  it('the scan finds text between tags and in read attributes, and lets symbols and marked lines through', () => {
    const found = hardCodedTexts(join(ROOT, 'x.tsx'), [
      'export const A = () => <div title="Close">',
      '  Train now',
      '  <span aria-label={t("ok")}>×</span>',
      '  <img alt={"a picture"} />',
      '  {"·"} 42 %',
      '  <b>DeepWire</b> {/* i18n-ignore */}',
      '</div>;',
    ].join('\n'));
    expect(found).toEqual(['x.tsx:1: "Close"', 'x.tsx:2: "Train now"', 'x.tsx:4: "a picture"']);
  });

  it('no component writes a user-facing text itself', () => {
    const files = tsxFiles(join(ROOT, 'renderer', 'src'));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => hardCodedTexts(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
