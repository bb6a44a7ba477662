/**
 * The editor in Korean, clicked like a person: switch the language in the status bar, open the
 * XOR example, train it, and read Korean in the palette, on the nodes, in the toolbar, the
 * panels and the status bar. Graph problems read in Korean too: a deleted node leaves the loss
 * without its prediction, MNIST into a Dense layer is a shape error, a wire of the wrong kind is
 * refused, each with Korean text on the node, in the inspector and in the toast; undo repairs
 * the graph. Switching back gives English again, and the saved project is the same bytes in
 * either language.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { graph as g, project } from '../../engine';
import { connectPorts, editorForFile, openTemplate } from './harness';

const session = editorForFile();
let page: Page;
beforeAll(() => {
  page = session.page;
});

/** The saved project.json, less the moment it was written. */
const HANGUL = /[\uac00-\ud7a3]/;

/** Korean text: Hangul, and no run of English words (ids, shapes and terms such as ReLU may stay). */
function expectKorean(text: string | null): void {
  expect(text).toMatch(HANGUL);
  expect(text).not.toMatch(/[A-Za-z]{2,}\s+[A-Za-z]{2,}/);
}

/** Clicks empty canvas so keyboard shortcuts reach the editor, not a form field. */
async function focusCanvas(): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await page.mouse.click(pane!.x + 5, pane!.y + pane!.height - 5);
}

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

    // Problems in Korean. Without the Softmax, the loss has no prediction.
    await page.getByTestId('node-softmax').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('node-softmax').count()).toBe(0);
    await expect.poll(() => page.getByTestId('error-loss').textContent()).toBe('예측값 입력이 연결되어 있지 않습니다');
    await page.getByTestId('node-loss').click();
    await expect.poll(() => page.getByTestId('inspector-problems').innerText()).toContain('예측값 입력이 연결되어 있지 않습니다');
    expectKorean(await page.getByTestId('inspector-problems').innerText());
    // MNIST images into the first Dense layer: the shapes stay, the words and the fix are Korean.
    await page.getByTestId('node-data').click();
    await page.getByTestId('param-source').selectOption('mnist');
    const shapeError = '입력은 (batch, features) 형상이어야 하는데 (batch, 28, 28, 1) 형상이 들어왔습니다 — 평탄화 노드를 추가하세요';
    await expect.poll(() => page.getByTestId('error-hidden').textContent()).toBe(shapeError);
    await page.getByTestId('node-hidden').click();
    await expect.poll(() => page.getByTestId('inspector-problems').innerText()).toContain(shapeError);
    // A wire of the wrong kind is refused with a Korean reason.
    await page.getByTestId('btn-fit').click();
    await connectPorts(page, 'data-y', 'tanh-x');
    const toast = await page.getByTestId('toast').last();
    await expect.poll(() => toast.textContent()).toBe('연결할 수 없음: 데이터셋 노드의 y 출력은 타겟 (y)인데 tanh 함수 노드의 x 입력은 텐서만 받습니다');
    expectKorean(await toast.textContent());
    // Undo both edits, one step each: the graph is valid again.
    await focusCanvas();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('error-hidden').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('node-softmax').count()).toBe(1);
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
    expect(await saved()).toEqual(english);

    await page.getByTestId('btn-train').click();
    await expect.poll(() => page.getByTestId('curves-latest').getAttribute('data-accuracy').then(Number), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('tab-boundary').click();

    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('btn-train').innerText()).toContain('Train');
    expect(await body.innerText()).not.toContain('완전 연결층');
  });
});
