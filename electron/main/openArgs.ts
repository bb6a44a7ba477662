/**
 * Projects the OS asks the app to open: from the command line (Windows and Linux start the app
 * with the double-clicked file as an argument), from macOS's `open-file` event (which can fire
 * before the app is ready), and from a second instance that the single-instance lock turned
 * away (its argv and working folder arrive in `second-instance`).
 *
 * Until the editor can take files, they wait in an `OpenQueue`.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_EXTENSION = 'dwire';

export interface ArgvContext {
  /**
   * Whether the app runs as `electron <app-path>` (development: argv[1] is the app folder or
   * script) rather than as the packaged executable (argv[0] only). `process.defaultApp` in Electron.
   */
  readonly defaultApp: boolean;
  /** Folder to resolve relative paths against (the launching shell's, for a second instance). */
  readonly cwd: string;
}

/** Whether a path names a DeepWire project by its extension. */
export function isProjectPath(file: string): boolean {
  return file.toLowerCase().endsWith(`.${PROJECT_EXTENSION}`) && file.length > PROJECT_EXTENSION.length + 1;
}

/**
 * The project files named on a command line, as absolute paths, in order, each once. Skips the
 * executable (and in development the app path), Chromium/Electron switches (`--flag`, `-x`), and
 * anything that is not a `.dwire` file; takes `file://` URLs (Linux desktop files may pass them).
 */
export function projectsFromArgv(argv: readonly string[], context: ArgvContext): string[] {
  const args = argv.slice(context.defaultApp ? 2 : 1);
  const files: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    let file = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        file = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (!isProjectPath(file)) continue;
    const absolute = path.resolve(context.cwd, file);
    if (!files.includes(absolute)) files.push(absolute);
  }
  return files;
}

/**
 * Holds the files to open until the editor is ready for them, then hands them over one by one,
 * and from then on at once. The editor may become unready again (its window closed on macOS,
 * where the app lives on): `pause` holds files until the next `ready`.
 */
export class OpenQueue {
  private readonly waiting: string[] = [];
  private deliver: ((file: string) => void) | null = null;

  /** Queues (or, once ready, delivers) files to open. */
  push(...files: string[]): void {
    for (const file of files) {
      if (this.deliver) this.deliver(file);
      else if (!this.waiting.includes(file)) this.waiting.push(file);
    }
  }

  /** The editor is ready: delivers what waited, in order, and everything after. */
  ready(deliver: (file: string) => void): void {
    this.deliver = deliver;
    for (const file of this.waiting.splice(0)) deliver(file);
  }

  /** The editor is gone: hold files again. */
  pause(): void {
    this.deliver = null;
  }

  /** Files still waiting (for tests and for deciding whether the first-run example is wanted). */
  pending(): readonly string[] {
    return [...this.waiting];
  }
}
