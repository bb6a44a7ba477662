/**
 * The desktop app's own settings, `settings.json` in the app's data folder: the language of the
 * menus (the editor's choice, remembered so the menu speaks it from the first paint next time).
 * Its absence marks the very first start (firstRun.ts). A damaged file falls back to defaults.
 */
import { z } from 'zod';
import { readJson, realFs, writeJson, type FileSystem } from './files';

const SettingsSchema = z.object({
  version: z.literal(1),
  locale: z.enum(['en', 'ko']).nullable().default(null),
});

export type SettingsData = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: SettingsData = { version: 1, locale: null };

export class Settings {
  private constructor(
    private readonly file: string,
    private readonly fs: FileSystem,
    private data: SettingsData,
    /** No settings file existed: this is the first start. */
    readonly firstRun: boolean,
  ) {}

  /** Reads the settings; a missing file means first run, a damaged one means defaults. */
  static async load(file: string, fs: FileSystem = realFs, onError?: (err: unknown) => void): Promise<Settings> {
    let raw: unknown;
    try {
      raw = await readJson(file, fs);
    } catch (err) {
      onError?.(err);
      return new Settings(file, fs, { ...DEFAULT_SETTINGS }, false);
    }
    if (raw === null) return new Settings(file, fs, { ...DEFAULT_SETTINGS }, true);
    const parsed = SettingsSchema.safeParse(raw);
    if (!parsed.success) onError?.(new Error(`${file}: ignoring damaged settings (${parsed.error.message})`));
    return new Settings(file, fs, parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }, false);
  }

  get locale(): 'en' | 'ko' | null {
    return this.data.locale;
  }

  async setLocale(locale: 'en' | 'ko'): Promise<void> {
    if (this.data.locale === locale) return;
    this.data = { ...this.data, locale };
    await this.save();
  }

  /** Writes the settings (after the first start this marks that the first start happened). */
  save(): Promise<void> {
    return writeJson(this.file, this.data, this.fs);
  }
}
