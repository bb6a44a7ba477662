/**
 * Hangul needs its font loaded before Korean text is first drawn: Chromium keeps drawing text
 * that appeared while a bundled Noto Sans KR weight was still loading in the Latin font (empty
 * boxes), even after the font arrives. So the editor waits for both weights before it shows
 * Korean, at start and on a language switch, never longer than `timeoutMs`.
 */

const FACES = ['400 1em "Noto Sans KR"', '700 1em "Noto Sans KR"'];
const SAMPLE = '가';

/** Resolves once both bundled weights are ready (or at once without a font API, or after `timeoutMs`). */
export function hangulFontsReady(timeoutMs = 3000): Promise<void> | null {
  const fonts = (globalThis as { document?: { fonts?: FontFaceSet } }).document?.fonts;
  if (!fonts) return null;
  if (FACES.every((face) => fonts.check(face, SAMPLE))) return null;
  const loads = Promise.all(FACES.map((face) => fonts.load(face, SAMPLE))).then(() => undefined, () => undefined);
  return Promise.race([loads, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
