/**
 * The template gallery's entries: the example project files in assets/examples, bundled by Vite
 * and opened through the same loader as any file.
 */
import { tmsg } from '../i18n';
import { TextError } from '../i18n/TextError';

const files = import.meta.glob('../../../assets/examples/*.dwire', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** Gallery order: the course's order, from the perceptron to overfitting. */
const ORDER = ['perceptron-and', 'perceptron-xor', 'xor-mlp', 'spiral-mlp', 'iris-mlp', 'mnist-mlp', 'mnist-mlp-batchnorm', 'mnist-cnn', 'mnist-overfit', 'mnist-dropout-l2'];

export interface Template {
  readonly name: string;
  readonly url: string;
}

export const TEMPLATES: readonly Template[] = Object.entries(files)
  .map(([path, url]) => ({ name: path.split('/').pop()!.replace(/\.dwire$/, ''), url }))
  .sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));

export async function templateBytes(t: Template): Promise<Uint8Array> {
  const res = await fetch(t.url);
  if (!res.ok) throw new TextError(tmsg('app.template.fetch', { status: res.status }));
  return new Uint8Array(await res.arrayBuffer());
}
