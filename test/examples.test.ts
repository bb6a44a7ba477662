import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../assets/examples/definitions';
import { exampleBytes } from '../assets/examples/write-examples';
import { validateGraph } from '../engine/graph/validate';
import { isKnownKind } from '../engine/graph/registry';
import { loadProject } from '../engine/project';

describe('example projects', () => {
  it('ship all the examples the course needs', () => {
    expect(EXAMPLES.map((e) => e.name)).toEqual(['perceptron-and', 'perceptron-xor', 'xor-mlp', 'spiral-mlp', 'iris-mlp', 'mnist-mlp',
      'mnist-mlp-batchnorm', 'mnist-cnn', 'mnist-overfit', 'mnist-dropout-l2']);
  });

  it.each(EXAMPLES.map((e) => e.name))('%s: the committed file matches its definition and is a valid graph', async (name) => {
    const bytes = await readFile(join(__dirname, '..', 'assets', 'examples', `${name}.dwire`));
    expect(Buffer.from(bytes).equals(Buffer.from(exampleBytes(name))), 'run `npm run examples` after editing definitions.ts').toBe(true);
    const loaded = loadProject(bytes, { isKnownKind });
    if (!loaded.ok) throw loaded.error;
    const v = validateGraph(loaded.project.graph);
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(v.problems.map((p) => p.code)).not.toContain('unused');
  });
});
