/**
 * The first start: with no settings file yet, the editor opens the MNIST MLP example, so a new
 * user sees a real network rather than an empty canvas.
 *
 * The example arrives like any opened file (IPC.fileOpened) but marked `example: true`: the
 * editor shows it as a new, untitled project, and its first Save asks where. The example's path
 * is inside the app (an ASAR archive or a read-only install folder; in development, the
 * repository's assets/), so it must never be saved over; documents.ts refuses that too.
 * When the user started the app by opening a project, that project wins and no example opens.
 */
import * as path from 'node:path';
import type { OpenedFile } from '../api';
import { readFileChecked, realFs, type FileSystem } from './files';

/** The example a first start opens, in assets/examples. */
export const FIRST_RUN_EXAMPLE = 'mnist-mlp.dwire';

/** Where the bundled examples live, under the app path (app.getAppPath()). */
export function examplesFolder(appPath: string): string {
  return path.join(appPath, 'assets', 'examples');
}

export interface FirstRunOptions {
  /** Whether this is the first start (Settings.firstRun). */
  readonly firstRun: boolean;
  /** Projects the user asked to open at this start (argv, open-file). */
  readonly requestedFiles: readonly string[];
  readonly appPath: string;
  readonly fs?: FileSystem;
}

/** The example to open at a first start, or null when none should open. */
export async function firstRunFile(options: FirstRunOptions): Promise<OpenedFile | null> {
  if (!options.firstRun || options.requestedFiles.length > 0) return null;
  const file = path.join(examplesFolder(options.appPath), FIRST_RUN_EXAMPLE);
  const bytes = await readFileChecked(file, options.fs ?? realFs);
  return { path: file, bytes, example: true };
}
