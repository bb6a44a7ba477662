/**
 * vitest globalSetup (vitest.config.ts): one editor server for the whole run, shared by every
 * e2e test file through `inject('deepwireEditorServer')`.
 *
 * Cheap when no e2e test runs: the server only listens; the first e2e test's request builds the
 * editor (see server.ts). In watch mode a rerun rebuilds, so edits to renderer/ are picked up.
 */
import type { TestProject } from 'vitest/node';
import { startEditorServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared editor server's URL (`http://127.0.0.1:<port>`). */
    deepwireEditorServer: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startEditorServer();
  project.provide('deepwireEditorServer', server.url);
  project.onTestsRerun(() => server.invalidate());
  return () => server.close();
}
