/**
 * The main-process end of electron/api.ts: one handler per editor → main channel, each behind
 * two checks. The sender: the call must come from the editor window's own webContents, from its
 * top frame, showing a page of the app's origin (app://deepwire) — not the engine host, not a
 * frame that navigated elsewhere. The arguments: they must match the channel's zod schema.
 * A forged or malformed call is refused with an error that names the channel and the reason:
 * an `invoke` rejects with it, a one-way `send` logs it (a throw there would only reach main's
 * uncaught-exception handler, not the caller).
 */
import type { z } from 'zod';
import { IPC, schemas, type OpenedFile, type Recovery, type SavedFile } from '../api';
import { APP_ORIGIN, originOf } from './origin';

/** What main does for each editor → main channel (arguments already checked). */
export interface IpcHandlers {
  openDialog(): Promise<OpenedFile | null>;
  openPath(path: string): Promise<OpenedFile>;
  save(request: z.infer<typeof schemas.save>[0]): Promise<SavedFile | null>;
  exportFile(request: z.infer<typeof schemas.exportFile>[0]): Promise<string | null>;
  exportFiles(request: z.infer<typeof schemas.exportFiles>[0]): Promise<string | null>;
  recentFiles(): Promise<string[]>;
  takeRecovery(): Promise<Recovery | null>;
  discardRecovery(): Promise<void>;
  documentState(state: z.infer<typeof schemas.documentState>[0]): void;
  backup(state: z.infer<typeof schemas.backup>[0]): void;
  closeAnswer(answer: z.infer<typeof schemas.closeAnswer>[0]): void;
  engineConnect(): void;
  setLocale(locale: z.infer<typeof schemas.setLocale>[0]): void;
}

type ChannelName = keyof IpcHandlers;

/** Each editor → main channel: how it is called and how its arguments are checked. */
export const CHANNELS: Readonly<Record<ChannelName, { readonly kind: 'invoke' | 'send'; readonly schema: z.ZodType<unknown[]> }>> = {
  openDialog: { kind: 'invoke', schema: schemas.none },
  openPath: { kind: 'invoke', schema: schemas.openPath },
  save: { kind: 'invoke', schema: schemas.save },
  exportFile: { kind: 'invoke', schema: schemas.exportFile },
  exportFiles: { kind: 'invoke', schema: schemas.exportFiles },
  recentFiles: { kind: 'invoke', schema: schemas.none },
  takeRecovery: { kind: 'invoke', schema: schemas.none },
  discardRecovery: { kind: 'invoke', schema: schemas.none },
  documentState: { kind: 'send', schema: schemas.documentState },
  backup: { kind: 'send', schema: schemas.backup },
  closeAnswer: { kind: 'send', schema: schemas.closeAnswer },
  engineConnect: { kind: 'send', schema: schemas.none },
  setLocale: { kind: 'send', schema: schemas.setLocale },
};

/** The parts of an IPC event the sender check reads. */
export interface IpcEventLike {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly origin?: string; readonly parent: unknown } | null;
}

/** The parts of ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

/** An IPC call refused before it reached its handler. */
export class IpcRefusedError extends Error {
  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`Refused IPC call ${channel}: ${reason}`);
    this.name = 'IpcRefusedError';
  }
}

/**
 * Why `event` is not a call from the editor, or null when it is. `editor` is the editor
 * window's webContents (null while there is none).
 */
export function senderProblem(event: IpcEventLike, editor: unknown): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone (navigated away or closed)';
  if (frame.parent) return `it came from a sub-frame (${frame.url}), not the editor page`;
  const origin = originOf(frame.url);
  if (origin !== APP_ORIGIN || (frame.origin !== undefined && frame.origin !== APP_ORIGIN)) {
    return `it came from ${frame.url || 'an empty URL'}, not the app (${APP_ORIGIN})`;
  }
  if (editor === null || event.sender !== editor) return 'it came from another window than the editor';
  return null;
}

/** The zod issues as one line: `argument 1.bytes: Input not instance of Uint8Array; …`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [index, ...rest] = issue.path;
      const where = index === undefined ? 'arguments' : typeof index === 'number' ? `argument ${index + 1}` : String(index);
      return `${[where, ...rest.map(String)].join('.')}: ${issue.message}`;
    })
    .join('; ');
}

export interface RegisterIpcOptions {
  readonly ipcMain: IpcMainLike;
  /** The editor window's webContents, or null while there is none. */
  readonly editorContents: () => unknown;
  readonly handlers: IpcHandlers;
  readonly log: (message: string) => void;
}

/** Checks the sender and the arguments of a call on `name`; the parsed arguments, or throws IpcRefusedError. */
export function admit(name: ChannelName, event: IpcEventLike, args: unknown[], editor: unknown): unknown[] {
  const channel = IPC[name];
  const problem = senderProblem(event, editor);
  if (problem) throw new IpcRefusedError(channel, problem);
  const parsed = CHANNELS[name].schema.safeParse(args);
  if (!parsed.success) throw new IpcRefusedError(channel, `bad arguments (${formatIssues(parsed.error)})`);
  return parsed.data;
}

/** Registers every editor → main channel; returns a function that removes them all again. */
export function registerIpc(options: RegisterIpcOptions): () => void {
  const { ipcMain, handlers } = options;
  const removers: (() => void)[] = [];
  for (const name of Object.keys(CHANNELS) as ChannelName[]) {
    const channel = IPC[name];
    const call = (args: unknown[]) => (handlers[name] as (...a: unknown[]) => unknown)(...args);
    if (CHANNELS[name].kind === 'invoke') {
      ipcMain.handle(channel, (event, ...args) => {
        const admitted = admit(name, event, args, options.editorContents());
        return call(admitted);
      });
      removers.push(() => ipcMain.removeHandler(channel));
    } else {
      const listener = (event: IpcEventLike, ...args: unknown[]) => {
        let admitted: unknown[];
        try {
          admitted = admit(name, event, args, options.editorContents());
        } catch (err) {
          options.log(err instanceof Error ? err.message : String(err));
          return;
        }
        try {
          call(admitted);
        } catch (err) {
          options.log(`${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      };
      ipcMain.on(channel, listener);
      removers.push(() => ipcMain.removeListener(channel, listener));
    }
  }
  return () => {
    for (const remove of removers) remove();
  };
}
