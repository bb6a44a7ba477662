/** Writes every example of definitions.ts to assets/examples/<name>.dwire (`npm run examples`). */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createProject, saveProject } from '../../engine/project';
import { EXAMPLES } from './definitions';

/** The bytes of an example's project file (deterministic). */
export function exampleBytes(name: string): Uint8Array {
  const ex = EXAMPLES.find((e) => e.name === name);
  if (!ex) throw new Error(`no example '${name}'`);
  return saveProject({ ...createProject(ex.title, ex.graph), createdAt: undefined });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const ex of EXAMPLES) {
    const file = new URL(`./${ex.name}.dwire`, import.meta.url);
    await writeFile(file, exampleBytes(ex.name));
    console.log(`wrote ${fileURLToPath(file)}`);
  }
}
