/**
 * Nothing the editor says is cut off, in English or in Korean, at the desktop app's default
 * window (1400×900, electron/main/window.ts) and at a small laptop's (1280×720). Clicked like a
 * person: every example opened and each of its nodes shown in the inspector, every node kind
 * added to a blank canvas (the status bar then lists problems), the toolbar's Templates and
 * Export menus, a run paused, changed and stopped, XOR trained and every panel tab and every lab
 * experiment looked at. In each state clipping.ts's audit lists the text that is clipped (its
 * rules, and the one allowance — an ellipsis with a `title` holding the whole text — are there);
 * each test fails listing every clipped text with its language, window size and state.
 * The audit is checked first against clipping seeded on purpose.
 *
 * Hangul is looked at too: every Korean text must be drawn with a font that has Hangul (not the
 * Latin font's empty boxes), on a first start in Korean and after switching.
 *
 * With DEEPWIRE_SCREENSHOTS=1 it writes the README's pairs: docs/screenshots/
 * editor-xor-trained-{en,ko}.png and lab-perceptron-{en,ko}.png.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { graph as g, project } from '../../engine';
import { uiEn, uiKo } from '../../renderer/src/i18n/ui';
import { LAB_EXPERIMENTS } from '../../renderer/src/lab/labStore';
import { clippedIn, type ClipOptions } from './clipping';
import { editorForFile, openTemplate, screenshot, startEditor } from './harness';

const SIZES = [{ width: 1400, height: 900 }, { width: 1280, height: 720 }] as const;
const LANGUAGES = ['en', 'ko'] as const;
type Language = (typeof LANGUAGES)[number];
/** Where the README's pictures are taken: a laptop's screen, small enough to keep the files small. */
const SCREENSHOT_SIZE = { width: 1280, height: 800 };
/** A node panned out of the canvas's sight is not a layout fault; what is inside a node still is. */
const CLIP: ClipOptions = { stopAt: ['.react-flow__viewport'] };
const EXAMPLES_DIR = resolve(fileURLToPath(new URL('../../assets/examples', import.meta.url)));
/** Panels.tsx's tabs (that file brings React and CSS with it). */
const PANEL_TABS = ['curves', 'distributions', 'confusion', 'boundary', 'predictions', 'runs', 'lab'];

const session = editorForFile({ viewport: SIZES[0] });
let page: Page;
beforeAll(() => {
  page = session.page;
});

/** The examples (the template gallery's files), each with the nodes worth showing in the inspector. */
async function examples(): Promise<{ name: string; nodes: string[]; inspect: string[] }[]> {
  const seen = new Set<string>();
  const files = (await readdir(EXAMPLES_DIR)).filter((f) => f.endsWith('.dwire')).sort();
  const bytes = await Promise.all(files.map((file) => readFile(join(EXAMPLES_DIR, file))));
  return files.map((file, i) => {
    const loaded = project.loadProject(new Uint8Array(bytes[i]), { isKnownKind: g.isKnownKind });
    if (!loaded.ok) throw new Error(`${file}: ${loaded.error.message}`);
    const nodes = loaded.project.graph.nodes;
    // A node the same as one already seen (kind and settings) shows the same inspector.
    const inspect = nodes.filter((n) => {
      const key = `${n.kind} ${JSON.stringify(n.params)}`;
      return !seen.has(key) && seen.add(key);
    }).map((n) => n.id);
    return { name: file.replace(/\.dwire$/, ''), nodes: nodes.map((n) => n.id).sort(), inspect };
  });
}

/**
 * Clipped texts found so far, one line each; the same text cut the same way in several states
 * is listed once, with the first state and how many more.
 */
class Findings {
  private readonly lines = new Map<string, { line: string; more: number }>();
  where = '';

  async audit(state: string): Promise<void> {
    await settle();
    for (const c of await clippedIn(page, CLIP)) {
      const key = `${this.where} ${c.path} ${c.text}`;
      const had = this.lines.get(key);
      if (had) had.more++;
      else this.lines.set(key, { line: `[${this.where}] ${state}: "${c.text}" — ${c.how} — ${c.path}`, more: 0 });
    }
  }

  /** Fails listing every clipped text. */
  expectNone(): void {
    const lines = [...this.lines.values()].map(({ line, more }) => (more ? `${line} (and in ${more} more states)` : line));
    expect(lines, `clipped text:\n${lines.join('\n')}`).toEqual([]);
  }
}

/** Two frames: resize observers and the charts that follow them have run. */
const settle = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

async function useLanguage(language: Language): Promise<void> {
  await page.getByTestId('language').selectOption(language);
  const label = (language === 'ko' ? uiKo : uiEn)['toolbar.new'];
  await expect.poll(() => page.getByTestId('btn-new').innerText()).toBe(label);
}

/** Runs `look` in each language at each window size (the findings say which). */
async function everywhere(findings: Findings, look: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const language of LANGUAGES) {
      await useLanguage(language);
      findings.where = `${language} ${size.width}×${size.height}`;
      await look();
    }
  }
}

/** Selects a node as a keyboard user does (the minimap can cover it for a mouse). */
async function inspect(id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"]`).press('Enter');
  await expect.poll(() => page.getByTestId('node-label').getAttribute('placeholder')).toBe(id);
}

const nodeIds = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());

async function openExample(name: string, nodes: string[]): Promise<void> {
  await openTemplate(page, name);
  await expect.poll(nodeIds).toEqual(nodes);
}

/** Fills a field and commits it (Enter, then leaving it). */
async function fill(testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
  await field.blur();
}

async function lookAtMenus(findings: Findings): Promise<void> {
  await page.getByTestId('btn-export').click();
  await page.getByTestId('export-menu').waitFor();
  await findings.audit('the Export menu open');
  await page.keyboard.press('Escape');
  await page.getByTestId('btn-templates').click();
  await page.getByTestId('gallery').waitFor();
  await findings.audit('the template gallery open');
  await page.locator('[data-testid="gallery"] .dw-close').click();
}

/** Drags the panels' top edge by `dy` px (negative: up, the panels taller). */
async function dragPanelsEdge(dy: number): Promise<void> {
  const edge = await page.locator('.dw-panels-resize').boundingBox();
  if (!edge) throw new Error('the panels have no resize edge');
  const x = edge.x + edge.width / 2;
  const y = edge.y + edge.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + dy, { steps: 5 });
  await page.mouse.up();
}

const status = () => page.getByTestId('train-status').getAttribute('data-status');

describe('layout in English and Korean', () => {
  it('the audit finds text clipped on purpose, and lets an ellipsis with a title be', async () => {
    await useLanguage('ko');
    const seeded = await page.addStyleTag({
      content: `[data-testid="btn-templates"] { max-width: 24px; overflow: hidden; }
        [data-testid="btn-open"] { width: 18px; white-space: nowrap; }
        [data-testid="language"] { width: 36px; }`,
    });
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'seeded';
      box.style.cssText = 'position: fixed; left: 300px; top: 300px; z-index: 99; background: #fff';
      const ellipsis = 'display: inline-block; width: 50px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap';
      box.innerHTML = `<span data-testid="seeded-titled" title="a-long-file-name.csv" style="${ellipsis}">a-long-file-name.csv</span>
        <span data-testid="seeded-ellipsis" style="${ellipsis}">another-long-name.csv</span>
        <svg data-testid="seeded-svg" width="30" height="20"><text x="0" y="15">손실 (loss)</text></svg>
        <span data-testid="seeded-past" style="position: fixed; right: -60px; top: 0">오른쪽 끝</span>`;
      document.body.append(box);
    });
    const found = await clippedIn(page, CLIP);
    const cases = (testId: string) => found.filter((c) => c.path.includes(`"${testId}"`));
    expect(cases('btn-templates').map((c) => c.text)).toEqual([uiKo['toolbar.templates']]);
    expect(cases('btn-templates')[0].how).toMatch(/^cut by its box/);
    expect(cases('btn-open')[0].how).toMatch(/^spills out of its box/);
    expect(cases('language')[0].how).toMatch(/^cut in its field/);
    expect(cases('seeded-ellipsis')[0].text).toBe('another-long-name.csv');
    expect(cases('seeded-svg')[0].text).toBe('손실 (loss)');
    expect(cases('seeded-past')[0].how).toMatch(/^past the window/);
    expect(cases('seeded-titled')).toEqual([]);

    await seeded.evaluate((style) => (style as HTMLStyleElement).remove());
    await page.evaluate(() => document.getElementById('seeded')?.remove());
    expect((await clippedIn(page, CLIP)).filter((c) => /btn-templates|btn-open|"language"|seeded/.test(c.path))).toEqual([]);
  });

  it('every example on the canvas and each of its nodes in the inspector; the palette; the menus', async () => {
    const findings = new Findings();
    for (const example of await examples()) {
      await openExample(example.name, example.nodes);
      await everywhere(findings, async () => {
        await findings.audit(`${example.name} open`);
        for (const id of example.inspect) {
          await inspect(id);
          await findings.audit(`${example.name}, node ${id} in the inspector`);
        }
      });
    }
    // The palette: every category open.
    const toggles = page.locator('.dw-palette-toggle');
    expect(await toggles.evaluateAll((els) => els.every((e) => e.getAttribute('aria-expanded') === 'true'))).toBe(true);
    await everywhere(findings, async () => {
      await lookAtMenus(findings);
      await page.getByTestId('palette-search').fill('zzzz');
      await findings.audit('the palette finding nothing');
      await page.getByTestId('palette-search').fill('');
    });
    findings.expectNone();
  }, 900_000);

  it('every node kind on a blank canvas, in the inspector, and the problems in the status bar', async () => {
    const findings = new Findings();
    await page.getByTestId('btn-new').click();
    await expect.poll(nodeIds).toEqual([]);
    const kinds = g.listNodeDefs().map((d) => d.id);
    for (const kind of kinds) await page.getByTestId(`palette-item-${kind}`).click();
    await expect.poll(async () => (await nodeIds()).length).toBe(kinds.length);
    await expect.poll(() => page.getByTestId('status-errors').isVisible()).toBe(true);
    const ids = await nodeIds();
    await everywhere(findings, async () => {
      await findings.audit('every kind on a blank canvas');
      for (const id of ids) {
        await inspect(id);
        await findings.audit(`a new ${id} in the inspector`);
      }
    });

    // "From file" with a CSV: its summary, the columns (a long name is cut with its title), the
    // preview, then a file with a bad row and its problem.
    await inspect('datafile1');
    const rows = Array.from({ length: 30 }, (_, i) => `${(i / 7).toFixed(3)},${(i % 5) * 0.25},"${i % 2 ? 'setosa' : 'versicolor'}"`);
    const csv = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
    const header = '"sepal length in centimetres, measured by hand","petal width (cm)","species"';
    await page.getByTestId('datafile-file-csv').setInputFiles(csv('iris-measurements-from-the-field-2024.csv', [header, ...rows]));
    await expect.poll(() => page.getByTestId('datafile-summary').getAttribute('data-samples'), { timeout: 30_000 }).toBe('30');
    await everywhere(findings, () => findings.audit('a CSV in "From file"'));
    await page.getByTestId('datafile-file-csv').setInputFiles(csv('bad.csv', [header, ...rows.slice(0, 5), '1,2,"setosa",surplus', ...rows.slice(5)]));
    await expect.poll(() => page.locator('[data-testid="datafile-problems"] li').count(), { timeout: 30_000 }).toBe(1);
    await everywhere(findings, () => findings.audit('a CSV with a bad row in "From file"'));
    findings.expectNone();
  }, 600_000);

  it('the toolbar while a run is paused, after the graph changed, and when stopped', async () => {
    const findings = new Findings();
    const xor = (await examples()).find((e) => e.name === 'xor-mlp')!;
    await openExample(xor.name, xor.nodes);
    await inspect('training');
    await fill('param-epochs', '100000');
    await page.getByTestId('btn-train').click();
    await expect.poll(async () => Number(await page.getByTestId('train-progress').getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByTestId('btn-pause').click();
    await expect.poll(status).toBe('paused');
    await everywhere(findings, () => findings.audit('a run paused'));
    await inspect('hidden');
    await fill('param-units', '9');
    await expect.poll(() => page.getByTestId('train-stale').isVisible()).toBe(true);
    await everywhere(findings, () => findings.audit('a run paused, the graph changed since'));
    await page.getByTestId('btn-stop').click();
    await expect.poll(status).toBe('stopped');
    await everywhere(findings, () => findings.audit('a run stopped'));
    findings.expectNone();
  }, 300_000);

  it('XOR trained: the toolbar, the menus, every panel tab and every lab experiment', async () => {
    const findings = new Findings();
    const xor = (await examples()).find((e) => e.name === 'xor-mlp')!;
    await openExample(xor.name, xor.nodes);
    await page.getByTestId('btn-train').click();
    await expect.poll(status, { timeout: 60_000 }).toBe('completed');

    // The lab's runs that are quick on XOR, once: their results stay while language and size change.
    await page.getByTestId('tab-lab').click();
    await page.getByTestId('lab-exp-gradcheck').click();
    await page.getByTestId('lab-gradcheck-run').click();
    await expect.poll(() => page.getByTestId('lab-gradcheck-row').count(), { timeout: 60_000 }).toBe(4);
    await page.getByTestId('lab-exp-perceptron').click();
    await page.getByTestId('lab-perceptron-run').click();
    const card = (dataset: string) => page.locator(`[data-testid="lab-perceptron-card"][data-dataset="${dataset}"]`);
    await expect.poll(async () => Number(await card('or').getAttribute('data-accuracy')), { timeout: 120_000 }).toBe(1);
    await page.getByTestId('lab-xor-run').click();
    await expect.poll(() => page.getByTestId('lab-xor-feature').count(), { timeout: 120_000 }).toBe(4);
    await page.getByTestId('lab-exp-search').click();
    await fill('lab-search-trials', '3');
    await fill('lab-search-epochs', '2');
    await page.getByTestId('lab-search-start').click();
    await expect.poll(() => page.getByTestId('lab-search-row').count(), { timeout: 120_000 }).toBe(3);
    await page.getByTestId('lab-exp-paired').click();
    await page.getByTestId('lab-paired-run').click();
    await expect.poll(async () => {
      const progress = page.getByTestId('lab-progress');
      const [done, total] = [Number(await progress.getAttribute('data-done')), Number(await progress.getAttribute('data-total'))];
      return total > 0 && done === total;
    }, { timeout: 120_000 }).toBe(true);

    await everywhere(findings, async () => {
      await findings.audit('XOR trained');
      await lookAtMenus(findings);
      for (const tab of PANEL_TABS) {
        await page.getByTestId(`tab-${tab}`).click();
        await findings.audit(`the ${tab} tab`);
      }
      for (const experiment of LAB_EXPERIMENTS) {
        await page.getByTestId(`lab-exp-${experiment}`).click();
        await expect.poll(() => page.getByTestId('panel-lab').getAttribute('data-experiment')).toBe(experiment);
        await findings.audit(`the lab's ${experiment}`);
      }
    });
    findings.expectNone();

    // The README's pictures, one pair per view. Each language opens the example itself, as the
    // project's name is the template's in the language it was opened in.
    await page.setViewportSize(SCREENSHOT_SIZE);
    for (const language of LANGUAGES) {
      const texts = language === 'ko' ? uiKo : uiEn;
      await useLanguage(language);
      await openTemplate(page, xor.name);
      await expect.poll(() => page.getByTestId('project-name').innerText()).toContain(texts['template.xor-mlp']);
      await page.getByTestId('btn-train').click();
      await expect.poll(status, { timeout: 60_000 }).toBe('completed');
      await page.locator('.dw-left').evaluate((palette) => palette.scrollTo(0, 0));
      await inspect('hidden');
      await page.getByTestId('tab-boundary').click();
      await settle();
      await screenshot(page, `editor-xor-trained-${language}`);
      // The lab with room for the perceptron's three plots: the panels dragged 200 px taller, and back.
      await page.getByTestId('tab-lab').click();
      await page.getByTestId('lab-exp-perceptron').click();
      await dragPanelsEdge(-200);
      await page.getByTestId('btn-fit').click();
      await settle();
      await screenshot(page, `lab-perceptron-${language}`);
      await dragPanelsEdge(200);
    }
  }, 900_000);

  it('draws Hangul with a font that has it: on a first start in Korean, and after switching', async () => {
    const missing: string[] = [];
    for (const locale of ['ko-KR', 'en-US']) {
      const fresh = await startEditor({ locale });
      try {
        await fresh.waitForApp();
        await expect.poll(() => fresh.page.getByTestId('status-valid').isVisible()).toBe(true);
        if (locale === 'en-US') await fresh.page.getByTestId('language').selectOption('ko');
        await expect.poll(() => fresh.page.getByTestId('btn-new').innerText()).toBe(uiKo['toolbar.new']);
        await fresh.page.evaluate(async () => {
          await document.fonts.ready;
        });
        // Time for the faces that were loading to be swapped in where the text was drawn without them.
        await fresh.page.waitForTimeout(1000);
        for (const what of await hangulWithoutKoreanFont(fresh.page)) missing.push(`started in ${locale}: ${what}`);
      } finally {
        await fresh.close();
      }
    }
    expect(missing, `Hangul drawn without a Korean font (empty boxes):\n${missing.join('\n')}`).toEqual([]);
  });
});

/** Fonts with Hangul: the bundled Noto Sans KR, and the systems' own (Windows, macOS, Linux). */
const KOREAN_FONT = /Noto Sans KR|CJK|Korean|Malgun|Apple SD Gothic|AppleGothic|Nanum|Gulim|Dotum|Batang|Baekmuk|^Un /i;

/**
 * Elements whose own text has Hangul but which the browser drew with no font that has Hangul
 * (empty boxes on screen), with the fonts it used — asked of Chromium's DevTools protocol.
 */
async function hangulWithoutKoreanFont(p: Page): Promise<string[]> {
  const cdp = await p.context().newCDPSession(p);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    type DomNode = { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; attributes?: string[]; children?: DomNode[] };
    const withHangul: DomNode[] = [];
    const walk = (n: DomNode) => {
      if (n.nodeType === 1 && (n.children ?? []).some((c) => c.nodeType === 3 && /[\u3131-\u318e\uac00-\ud7a3]/.test(c.nodeValue))) withHangul.push(n);
      (n.children ?? []).forEach(walk);
    };
    walk(root as DomNode);
    const bad: string[] = [];
    for (const n of withHangul) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: n.nodeId });
      if (fonts.length === 0 || fonts.some((f) => KOREAN_FONT.test(f.familyName))) continue;
      const text = (n.children ?? []).filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join('');
      const attrs = n.attributes ?? [];
      const testId = attrs[attrs.indexOf('data-testid') + 1];
      bad.push(`"${text}" in ${n.nodeName.toLowerCase()}${attrs.includes('data-testid') ? `[data-testid="${testId}"]` : ''} drawn with ${fonts.map((f) => f.familyName).join(', ')}`);
    }
    return bad;
  } finally {
    await cdp.detach();
  }
}
