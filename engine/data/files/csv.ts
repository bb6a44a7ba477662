/**
 * CSV and TSV tables as a Dataset, read as a stream in two passes. `scanCsv` reads the file
 * once to learn its shape (delimiter, header, column types, category levels, missing values,
 * bad rows) and returns a schema that the project stores; `loadCsv` reads it again and builds
 * the Dataset that schema describes, refusing rows that do not fit it. Neither pass holds the
 * file as one string: memory grows with one row, the column statistics and the result.
 *
 * The tokenizer (RFC 4180) is our own: quoted fields may hold delimiters, doubled quotes ("")
 * and line breaks; CRLF, LF and CR all end a line; blank lines are skipped; each record knows
 * the physical line it starts on, so messages point at the line an editor shows. Cell values
 * are trimmed of surrounding spaces before they are read as numbers, levels or missing values.
 */
import { DatasetError, defineDataset, type Dataset } from '../Dataset';
import { compareNatural, quote, type ByteSource, type OnBytes } from './source';
import { englishText, msg, type Message } from '../../i18n/message';

export type CsvRole = 'feature' | 'target' | 'ignore';
export type CsvType = 'number' | 'category';
/** What to do with a missing value: drop its row, fill it (column mean / most frequent level), or stop. */
export type MissingPolicy = 'drop' | 'fill' | 'error';
export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvColumn {
  /** Header text, or `column 1`… when there is no header (blank or repeated names are made unique). */
  name: string;
  role: CsvRole;
  type: CsvType;
  /** For category features (index = level number as one value); ignored for targets and numbers. */
  encoding: 'onehot' | 'index';
  /** Category levels, sorted (numeric-aware); for a target, the class names. */
  levels?: string[];
  /** Rows whose value is missing (empty, NA, N/A, NaN, null, ?, case-insensitive). */
  missing: number;
  /** The fill value computed in the scan (mean / most frequent level). */
  fill?: number | string;
  min?: number;
  max?: number;
}

export interface CsvSchema {
  delimiter: CsvDelimiter;
  header: boolean;
  columns: CsvColumn[];
  /** Data rows in the file (before dropping). */
  rows: number;
  /** Rows that load: without problems, and after the missing policy. */
  usableRows: number;
  missing: MissingPolicy;
  task: 'classification' | 'regression';
  /** Class names when classification (the target's levels), [] for regression. */
  classes: string[];
  /** Values per sample after one-hot encoding. */
  featureSize: number;
  /** 1 for classification; the number of target columns for regression. */
  targetSize: number;
}

export interface CsvOptions {
  /** auto: sniffed from the first lines (the delimiter that splits them most consistently). */
  delimiter?: 'auto' | CsvDelimiter;
  /** auto: the first row has a text cell over a column of numbers, or is all distinct text none of which recurs in its column below. */
  header?: 'auto' | 'yes' | 'no';
  /** Default 'error'. Under 'fill', a row whose target is missing is still dropped: a made-up label would mislead. */
  missing?: MissingPolicy;
  /**
   * Per column (by index) overrides of role/type/encoding. Otherwise: every column is a feature
   * except the last, which is the target; a column is 'number' when all its present values are
   * finite numbers, else 'category'; category features are one-hot encoded. A category column
   * with more than MAX_LEVELS distinct values or values over MAX_TEXT characters (ids, free
   * text) is ignored unless given a role.
   */
  columns?: Record<number, Partial<Pick<CsvColumn, 'role' | 'type' | 'encoding'>>>;
  /** auto: a category target, or a number target with ≤ 20 distinct integers, is classification. */
  task?: 'auto' | 'classification' | 'regression';
}

export interface CsvProblem {
  /** Physical line (1-based) where the row starts. */
  line: number;
  column?: string;
  reason: string;
  /** The reason as a catalogue message, shown in the reader's language. */
  msg?: Message;
}

export interface CsvScan {
  schema: CsvSchema;
  /** First rows as text for a preview table (≤ previewRows, default 20), header excluded. */
  preview: string[][];
  /** The first bad rows (at most MAX_PROBLEMS), in file order; they are not in `usableRows`. */
  problems: CsvProblem[];
}

/** A CSV that cannot be read or does not match its schema; `line` and `column` say where. */
export class CsvError extends DatasetError {
  constructor(
    message: string | Message,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

/** Category levels a column may have, and columns a file may have (the project format's limits). */
export const MAX_LEVELS = 10_000;
export const MAX_COLUMNS = 10_000;
/** Longest category level and column name, in characters (the project format's limit). */
export const MAX_TEXT = 1000;
/** A number target with at most this many distinct integers is taken as class labels. */
export const MAX_NUMERIC_CLASSES = 20;
/** Bad rows a scan lists. */
export const MAX_PROBLEMS = 20;

// ---- tokenizer ------------------------------------------------------------------------------

const QUOTE = 34;
const CR = 13;
const LF = 10;
const FIELD = 0; // at the start of a field
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTED_QUOTE = 3; // a quote inside a quoted field: a doubled "" or the closing quote

/** A record: its fields, the physical line it starts on, and whether its quote never closes. */
type OnRecord = (fields: string[], line: number, unterminated: boolean) => void;

/** Incremental RFC 4180 tokenizer: `push` decoded text in any pieces, then `end`. */
class CsvTokenizer {
  private state = FIELD;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private inRecord = false;
  private hasQuotes = false;
  private prevCR = false;
  private readonly delim: number;

  constructor(delimiter: string, private readonly onRecord: OnRecord) {
    this.delim = delimiter.charCodeAt(0);
  }

  push(text: string): void {
    const d = this.delim;
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case FIELD: {
          const c = text.charCodeAt(i++);
          if (c === CR || c === LF) {
            this.lineBreak(c);
            if (this.inRecord) this.endField(true);
            break;
          }
          this.prevCR = false;
          if (!this.inRecord) {
            this.inRecord = true;
            this.recordLine = this.line;
          }
          if (c === QUOTE) {
            this.state = QUOTED;
            this.hasQuotes = true;
          } else if (c === d) {
            this.fields.push('');
          } else {
            this.state = UNQUOTED;
            i--; // the character starts the field
          }
          break;
        }
        case UNQUOTED: {
          // Runs to the delimiter or the line end; a stray quote is kept as a character
          // (lenient, like spreadsheets).
          let j = i;
          for (; j < n; j++) {
            const c = text.charCodeAt(j);
            if (c === d || c === CR || c === LF) break;
          }
          this.field += text.slice(i, j);
          if (j === n) return; // the field goes on in the next piece
          const c = text.charCodeAt(j);
          if (c === d) this.endField(false);
          else {
            this.lineBreak(c);
            this.endField(true);
          }
          i = j + 1;
          break;
        }
        case QUOTED: {
          const j = text.indexOf('"', i);
          const end = j < 0 ? n : j;
          this.countLines(text, i, end);
          this.field += text.slice(i, end);
          if (j < 0) return;
          this.state = QUOTED_QUOTE;
          this.prevCR = false;
          i = j + 1;
          break;
        }
        case QUOTED_QUOTE: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            // A doubled quote is one quote character.
            this.field += '"';
            this.state = QUOTED;
            i++;
          } else if (c === d) {
            this.endField(false);
            i++;
          } else if (c === CR || c === LF) {
            this.lineBreak(c);
            this.endField(true);
            i++;
          } else {
            // Text after a closing quote ("ab"c) is kept, joined to the quoted part.
            this.state = UNQUOTED;
          }
          break;
        }
      }
    }
  }

  /** Counts a line break: CR, LF, or the LF of a CRLF pair (which does not count again). */
  private lineBreak(c: number): void {
    if (c === CR || !this.prevCR) this.line++;
    this.prevCR = c === CR;
  }

  /** Counts the line breaks inside a quoted value. */
  private countLines(text: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === CR || c === LF) this.lineBreak(c);
      else this.prevCR = false;
    }
  }

  /** Ends the input: a last record without a line break, or a quote that never closed. */
  end(): void {
    if (this.state === QUOTED) {
      this.fields.push(this.field);
      this.emit(true);
    } else if (this.inRecord) {
      this.endField(true);
    }
  }

  private endField(endOfRecord: boolean): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = FIELD;
    if (endOfRecord) this.emit(false);
  }

  private emit(unterminated: boolean): void {
    const fields = this.fields;
    this.fields = [];
    this.inRecord = false;
    const blank = fields.length === 1 && !this.hasQuotes && fields[0].trim() === '';
    this.hasQuotes = false;
    if (!blank) this.onRecord(fields, this.recordLine, unterminated);
  }
}

interface Utf8Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * Decodes a source as UTF-8 text, chunk by chunk (a character split between chunks is kept
 * whole), without a leading byte-order mark. Refuses a file with a zero byte near its start: a
 * binary file or UTF-16 text, which would otherwise read as one strange column.
 */
async function* decodeText(source: ByteSource, name: string, onBytes?: OnBytes): AsyncGenerator<string> {
  // TextDecoder exists in every host the engine runs in (browsers, workers, Node, Electron);
  // the core's typings leave it out, so it is declared as much as is used here.
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string) => Utf8Decoder }).TextDecoder;
  const decoder = new Decoder('utf-8');
  let bytes = 0;
  let first = true;
  for await (const chunk of source) {
    if (bytes < 8192) {
      const zero = chunk.subarray(0, 8192 - bytes).indexOf(0);
      if (zero >= 0) {
        throw new CsvError(msg('dataError.csv.notText', { name: quote(name), byte: bytes + zero }));
      }
    }
    bytes += chunk.length;
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
    onBytes?.(bytes);
  }
  const rest = decoder.decode();
  if (rest) yield first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
}

// ---- values ---------------------------------------------------------------------------------

const MISSING_TOKENS = new Set(['na', 'n/a', 'nan', 'null', '?']);

/** Whether a trimmed cell counts as missing: empty, NA, N/A, NaN, null or ? (any case). */
export function isMissingValue(cell: string): boolean {
  if (cell.length === 0) return true;
  // Called for every cell: rule out the common case by length and first letter.
  const c = cell.charCodeAt(0) | 32; // 'n' or 'N' → 110, '?' stays 63
  return cell.length <= 4 && (c === 110 || c === 63) && MISSING_TOKENS.has(cell.toLowerCase());
}

/** A trimmed cell as a finite decimal number ('-1.5', '.5', '2e3'), or NaN. */
export function parseNumber(cell: string): number {
  const n = cell.length;
  if (n === 0) return NaN;
  const c0 = cell.charCodeAt(0);
  if (c0 <= 32 || cell.charCodeAt(n - 1) <= 32) return NaN;
  const v = Number(cell);
  if (!Number.isFinite(v)) return NaN; // also 'Infinity'
  // Number() reads '0x1F', '0b1' and '0o7' too; a data file means none of them as numbers.
  if (n > 2 && c0 === 48) {
    const c1 = cell.charCodeAt(1) | 32;
    if (c1 === 120 || c1 === 98 || c1 === 111) return NaN;
  }
  return v;
}

/**
 * A copy of a string that does not keep the chunk it was cut from alive: V8 represents a long
 * slice as a view of its parent, so a level kept from every 1 MB chunk would keep the whole file.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

const DELIMITERS: readonly CsvDelimiter[] = [',', '\t', ';', '|'];

/** Text read ahead to sniff the delimiter: this many line breaks, or this many characters. */
const SNIFF_LINES = 64;
const SNIFF_CHARS = 1 << 16;

/**
 * The delimiter that splits the sample's records most consistently into two or more fields
 * (ties go to the earlier of , tab ; |), and the field count most records have with it.
 */
function sniff(sample: string, complete: boolean, delimiter: 'auto' | CsvDelimiter): { delimiter: CsvDelimiter; width: number } {
  let best = { delimiter: delimiter === 'auto' ? ',' : delimiter, width: 0, score: -1 };
  for (const d of delimiter === 'auto' ? DELIMITERS : [delimiter]) {
    const counts: number[] = [];
    const t = new CsvTokenizer(d, (fields) => counts.push(fields.length));
    t.push(sample);
    if (complete || counts.length === 0) t.end();
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    // The most common count; on a tie, the first record's.
    let width = counts[0] ?? 1;
    for (const [n, f] of freq) if (f > freq.get(width)!) width = n;
    const score = width >= 2 ? freq.get(width)! / counts.length : 0;
    if (score > best.score) best = { delimiter: d, width, score };
  }
  return { delimiter: best.delimiter, width: Math.max(1, best.width) };
}

/** Column names: the header's (trimmed; blank → `column k`; repeats get ` (2)`…) or `column k`. */
function columnNames(header: readonly string[] | undefined, width: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < width; i++) {
    const base = header?.[i]?.trim().slice(0, MAX_TEXT) || `column ${i + 1}`;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base} (${k})`;
    seen.add(name);
    names.push(detach(name));
  }
  return names;
}

// ---- scan -----------------------------------------------------------------------------------

/** What the scan learns about one column. */
class ColumnStats {
  missing = 0;
  present = 0;
  numbers = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  integers = true;
  /** Count per distinct value, until more than MAX_LEVELS values, or one longer than MAX_TEXT, have been seen. */
  levels = new Map<string, number>();
  overflow = false;

  add(cell: string): void {
    this.present++;
    const v = parseNumber(cell);
    if (!Number.isNaN(v)) {
      this.numbers++;
      this.sum += v;
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
      if (!Number.isInteger(v)) this.integers = false;
    }
    if (this.overflow) return;
    const n = this.levels.get(cell);
    if (n !== undefined) this.levels.set(cell, n + 1);
    else if (this.levels.size < MAX_LEVELS && cell.length <= MAX_TEXT) this.levels.set(detach(cell), 1);
    else this.overflow = true;
  }

  get allNumbers(): boolean {
    return this.present > 0 && this.numbers === this.present;
  }
}

/** Rows sharing one set of missing columns: how many, and the first lines. */
interface MissingPattern {
  columns: number[];
  count: number;
  lines: number[];
}

/** A bad row found while scanning; the column by index, named once the header is known. */
interface RowProblem {
  line: number;
  column?: number;
  reason: Message;
}

/**
 * Reads a CSV/TSV once and infers its schema: delimiter, header, column roles and types,
 * category levels, missing values and fill values, task and sizes. Bad rows do not stop the
 * scan: they are listed in `problems` (the first MAX_PROBLEMS) and left out of `usableRows`.
 *
 * @throws CsvError when the file cannot be used at all: not text, empty, no data rows, no
 *   target or no feature column, a target with one class, a column with no values.
 */
export async function scanCsv(
  source: ByteSource,
  name: string,
  options: CsvOptions & { previewRows?: number; onBytes?: OnBytes } = {},
): Promise<CsvScan> {
  const texts = decodeText(source, name, options.onBytes);
  try {
    return await scanText(texts, name, options);
  } finally {
    // Closes the source (a file stream) when the scan stops early.
    await texts.return(undefined);
  }
}

async function scanText(texts: AsyncGenerator<string>, name: string, options: CsvOptions & { previewRows?: number }): Promise<CsvScan> {
  const policy = options.missing ?? 'error';
  const previewRows = options.previewRows ?? 20;
  const overrides = options.columns ?? {};
  const fail = (detail: Message, line?: number, column?: string): never => {
    throw new CsvError(line ? msg('dataError.csv.atLine', { name, line, detail }) : msg('dataError.csv.inFile', { name, detail }), line, column);
  };

  // Read ahead far enough to sniff the delimiter and the usual field count.
  let sample = '';
  let done = false;
  for (let breaks = 0; breaks < SNIFF_LINES && sample.length < SNIFF_CHARS;) {
    const next = await texts.next();
    if (next.done) {
      done = true;
      break;
    }
    sample += next.value;
    for (let i = sample.length - next.value.length; i < sample.length; i++) if (sample.charCodeAt(i) === LF || sample.charCodeAt(i) === CR) breaks++;
  }
  const { delimiter, width } = sniff(sample, done, options.delimiter ?? 'auto');
  if (width > MAX_COLUMNS) fail(msg('dataError.csv.tooManyColumns', { width, max: MAX_COLUMNS }));

  for (const key of Object.keys(overrides)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= width) fail(msg('dataError.csv.badColumnSetting', { column: key, last: width - 1 }));
  }
  const roleOf = (i: number): CsvRole => overrides[i]?.role ?? (i === width - 1 ? 'target' : 'feature');
  const forcedNumbers = Array.from({ length: width }, (_, i) => i).filter((i) => overrides[i]?.type === 'number' && roleOf(i) !== 'ignore');

  const stats = Array.from({ length: width }, () => new ColumnStats());
  const patterns = new Map<string, MissingPattern>();
  const problems: RowProblem[] = [];
  const preview: string[][] = [];
  let first: { fields: string[]; line: number; unterminated: boolean } | undefined;
  let records = 0;
  let badRows = 0;

  // Rows arrive in file order except the first (visited last), so the first MAX_PROBLEMS
  // streamed problems and the first row's make up the earliest ones.
  const addProblem = (p: RowProblem) => {
    badRows++;
    if (problems.length < MAX_PROBLEMS || p.line === first?.line) problems.push(p);
  };
  const visit = (fields: string[], line: number, unterminated: boolean) => {
    if (unterminated) return addProblem({ line, reason: msg('dataError.csv.unterminated') });
    if (fields.length !== width) return addProblem({ line, reason: msg('dataError.csv.fieldCount', { width, found: fields.length }) });
    const cells = fields.map((f) => f.trim());
    for (const i of forcedNumbers) {
      if (!isMissingValue(cells[i]) && Number.isNaN(parseNumber(cells[i]))) {
        return addProblem({ line, column: i, reason: msg('dataError.csv.notNumber', { value: quote(cells[i]) }) });
      }
    }
    let missingKey = '';
    for (let i = 0; i < width; i++) {
      if (isMissingValue(cells[i])) {
        stats[i].missing++;
        missingKey += missingKey ? `,${i}` : `${i}`;
      } else {
        stats[i].add(cells[i]);
      }
    }
    if (missingKey) {
      let p = patterns.get(missingKey);
      if (!p) patterns.set(missingKey, (p = { columns: missingKey.split(',').map(Number), count: 0, lines: [] }));
      p.count++;
      if (p.lines.length < MAX_PROBLEMS + 1) p.lines.push(line);
    }
  };

  // The first record waits: whether it is a header depends on the columns below it.
  const tokenizer = new CsvTokenizer(delimiter, (fields, line, unterminated) => {
    if (records++ === 0) first = { fields, line, unterminated };
    else visit(fields, line, unterminated);
    if (preview.length <= previewRows) preview.push(fields.map(detach));
  });
  tokenizer.push(sample);
  sample = '';
  if (!done) for await (const text of texts) tokenizer.push(text);
  tokenizer.end();

  if (!first) fail(msg('dataError.csv.empty'));
  const head = first!;
  const headCells = head.fields.map((f) => f.trim());
  const isText = (cell: string) => !isMissingValue(cell) && Number.isNaN(parseNumber(cell));
  let header: boolean;
  if (options.header === 'yes') {
    if (head.unterminated || head.fields.length !== width) fail(msg('dataError.csv.headerWidth', { found: head.fields.length, width }), head.line);
    header = true;
  } else if (options.header === 'no' || head.unterminated || head.fields.length !== width) {
    header = false;
  } else {
    const overNumbers = headCells.some((c, i) => isText(c) && stats[i].allNumbers);
    const allText = headCells.every(isText) && new Set(headCells).size === width;
    // Data rows repeat their columns' values; header names rarely appear among them.
    const notRepeated = headCells.every((c, i) => stats[i].overflow || !stats[i].levels.has(c));
    header = overNumbers || (allText && (records === 1 || notRepeated));
  }
  if (header) {
    preview.shift();
  } else {
    visit(head.fields, head.line, head.unterminated);
  }
  if (preview.length > previewRows) preview.length = previewRows;
  const rows = records - (header ? 1 : 0);
  if (rows === 0) fail(msg('dataError.csv.headerOnly'));
  if (badRows === rows) {
    // Nothing to infer types or classes from: the first problem is what to fix.
    const p = problems.sort((a, b) => a.line - b.line)[0];
    fail(p.column === undefined
      ? msg('dataError.csv.noUsableRows', { rows, line: p.line, reason: p.reason })
      : msg('dataError.csv.noUsableRowsColumn', { rows, line: p.line, column: quote(columnNames(header ? head.fields : undefined, width)[p.column]), reason: p.reason }), p.line);
  }

  // Columns: names, roles, types, levels, fill values.
  const names = columnNames(header ? head.fields : undefined, width);
  const columns: CsvColumn[] = names.map((colName, i) => {
    const s = stats[i];
    const o = overrides[i] ?? {};
    const type: CsvType = o.type ?? (s.allNumbers || s.present === 0 ? 'number' : 'category');
    let role = roleOf(i);
    if (type === 'category' && s.overflow && role !== 'ignore') {
      if (role === 'target') fail(msg('dataError.csv.targetTooManyLevels', { column: quote(colName), max: MAX_LEVELS, chars: MAX_TEXT }), undefined, colName);
      if (o.role) fail(msg('dataError.csv.idsOrText', { column: quote(colName), max: MAX_LEVELS, chars: MAX_TEXT }), undefined, colName);
      role = 'ignore';
    }
    const column: CsvColumn = { name: colName, role, type, encoding: o.encoding ?? 'onehot', missing: s.missing };
    if (s.numbers > 0) {
      column.min = s.min;
      column.max = s.max;
    }
    if (type === 'number') {
      if (s.numbers > 0) column.fill = s.sum / s.numbers;
    } else {
      column.levels = [...s.levels.keys()].sort(compareNatural);
      let mode = column.levels[0];
      for (const level of column.levels) if (s.levels.get(level)! > s.levels.get(mode)!) mode = level;
      if (mode !== undefined) column.fill = mode;
    }
    if (role !== 'ignore' && s.present === 0) {
      fail(msg('dataError.csv.noValues', { column: quote(colName), missing: s.missing }), undefined, colName);
    }
    return column;
  });

  const features = columns.filter((c) => c.role === 'feature');
  const targets = columns.filter((c) => c.role === 'target');
  if (width === 1) fail(msg('dataError.csv.oneColumn'));
  if (targets.length === 0) fail(msg('dataError.csv.noTarget'));
  if (features.length === 0) fail(msg('dataError.csv.noFeature'));

  // Task and classes.
  let task: CsvSchema['task'];
  let classes: string[] = [];
  if (targets.length > 1) {
    const text = targets.find((c) => c.type !== 'number');
    if (options.task === 'classification') fail(msg('dataError.csv.classificationTargets', { count: targets.length, columns: targets.map((c) => quote(c.name)).join(', ') }));
    if (text) fail(msg('dataError.csv.textTargets', { column: quote(text.name) }), undefined, text.name);
    task = 'regression';
  } else {
    const target = targets[0];
    const i = columns.indexOf(target);
    const s = stats[i];
    if (target.type === 'category') {
      if (options.task === 'regression') fail(msg('dataError.csv.regressionText', { column: quote(target.name), value: quote(target.levels![0]) }), undefined, target.name);
      task = 'classification';
      classes = target.levels!;
    } else {
      const values = new Map<number, number>();
      for (const [cell, n] of s.levels) values.set(parseNumber(cell), (values.get(parseNumber(cell)) ?? 0) + n);
      const few = !s.overflow && s.integers && values.size <= MAX_NUMERIC_CLASSES;
      task = options.task === 'classification' || (options.task !== 'regression' && few) ? 'classification' : 'regression';
      if (task === 'classification') {
        if (s.overflow) fail(msg('dataError.csv.tooManyClasses', { column: quote(target.name), max: MAX_LEVELS }), undefined, target.name);
        classes = [...values.keys()].sort((a, b) => a - b).map(String);
        target.levels = classes;
      }
    }
    if (task === 'classification' && classes.length < 2) {
      fail(msg('dataError.csv.oneClass', { column: quote(target.name), value: quote(classes[0]) }), undefined, target.name);
    }
  }

  // Rows that load: no problem, and the missing policy lets them through.
  let usableRows = rows - badRows;
  const used = new Set(columns.flatMap((c, i) => (c.role === 'ignore' ? [] : [i])));
  for (const p of patterns.values()) {
    const blocking = p.columns.filter((i) => (policy === 'fill' ? columns[i].role === 'target' : used.has(i)));
    if (blocking.length === 0) continue;
    usableRows -= p.count;
    if (policy === 'error') {
      for (const line of p.lines) problems.push({ line, column: blocking[0], reason: msg('dataError.csv.missingValue') });
    }
  }

  const featureSize = features.reduce((n, c) => n + (c.type === 'category' && c.encoding === 'onehot' ? c.levels!.length : 1), 0);
  return {
    schema: {
      delimiter,
      header,
      columns,
      rows,
      usableRows,
      missing: policy,
      task,
      classes,
      featureSize,
      targetSize: task === 'classification' ? 1 : targets.length,
    },
    preview,
    problems: problems
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_PROBLEMS)
      .map((p): CsvProblem => {
        const reason = { reason: englishText(p.reason), msg: p.reason };
        return p.column === undefined ? { line: p.line, ...reason } : { line: p.line, column: columns[p.column].name, ...reason };
      }),
  };
}

// ---- load -----------------------------------------------------------------------------------

/** How one used column turns a cell into values. */
interface Reader {
  column: CsvColumn;
  index: number;
  /** Offset of its first value in the feature row; -1 for targets. */
  offset: number;
  /** Level → index, for categories and for a number target's classes. */
  levels?: Map<string, number>;
}

/**
 * Builds the Dataset described by a schema from `scanCsv` (as stored in the project).
 *
 * @throws CsvError at the first row that does not fit: wrong field count, an unterminated
 *   quote, a non-number in a number column, a missing value under policy 'error', a category
 *   level the import did not see, or a header that differs from the recorded columns.
 */
export async function loadCsv(source: ByteSource, name: string, schema: CsvSchema, onBytes?: OnBytes): Promise<Dataset> {
  const fail = (detail: Message, line?: number, column?: string): never => {
    const at = column ? quote(column) : undefined;
    const where = line
      ? (at ? msg('dataError.csv.atLineColumn', { name, line, column: at, detail }) : msg('dataError.csv.atLine', { name, line, detail }))
      : (at ? msg('dataError.csv.atColumn', { name, column: at, detail }) : msg('dataError.csv.inFile', { name, detail }));
    throw new CsvError(where, line, column);
  };
  const { columns, task } = schema;
  const width = columns.length;
  const classification = task === 'classification';

  // Check the schema against itself: it comes from a project file.
  const readers: Reader[] = [];
  let featureSize = 0;
  columns.forEach((column, index) => {
    if (column.role === 'ignore') return;
    const reader: Reader = { column, index, offset: -1 };
    const levels = column.role === 'target' && classification ? schema.classes : column.type === 'category' ? column.levels : undefined;
    if (levels) reader.levels = new Map(levels.map((l, k) => [l, k]));
    else if (column.type === 'category') fail(msg('dataError.csv.noLevels', { column: quote(column.name) }));
    if (column.role === 'feature') {
      reader.offset = featureSize;
      featureSize += column.type === 'category' && column.encoding === 'onehot' ? levels!.length : 1;
    }
    readers.push(reader);
  });
  const targetReaders = readers.filter((r) => r.column.role === 'target');
  const targetSize = classification ? 1 : targetReaders.length;
  if (featureSize !== schema.featureSize || targetSize !== schema.targetSize || targetReaders.length === 0 || (classification && targetReaders.length !== 1)) {
    fail(msg('dataError.csv.schemaInconsistent'));
  }

  let capacity = Math.max(1, schema.usableRows);
  let x: Float32Array = new Float32Array(capacity * featureSize);
  let y: Float32Array = new Float32Array(capacity * targetSize);
  let samples = 0;
  let headerPending = schema.header;
  let records = 0;
  const cells = new Array<string>(width);

  const tokenizer = new CsvTokenizer(schema.delimiter, (fields, line, unterminated) => {
    records++;
    if (headerPending) {
      headerPending = false;
      const found = columnNames(fields, fields.length);
      if (found.length !== width || found.some((n, i) => n !== columns[i].name)) {
        fail(msg('dataError.csv.headerChanged', { found: found.map(quote).join(', '), recorded: columns.map((c) => quote(c.name)).join(', ') }), line);
      }
      return;
    }
    if (unterminated) fail(msg('dataError.csv.unterminatedLoad'), line);
    if (fields.length !== width) fail(msg('dataError.csv.fieldCountLoad', { width, found: fields.length }), line);
    // Check for missing values first, so a dropped row writes nothing.
    let skip = false;
    for (const r of readers) {
      const cell = (cells[r.index] = fields[r.index].trim());
      if (!isMissingValue(cell)) continue;
      if (schema.missing === 'error') fail(msg('dataError.csv.missingValue'), line, r.column.name);
      if (schema.missing === 'drop' || r.column.role === 'target') skip = true;
      else if (r.column.fill === undefined) fail(msg('dataError.csv.noFill'), line, r.column.name);
      else cells[r.index] = String(r.column.fill);
    }
    if (skip) return;
    if (samples === capacity) {
      capacity *= 2;
      x = grow(x, capacity * featureSize);
      y = grow(y, capacity * targetSize);
    }
    const xRow = samples * featureSize;
    let t = samples * targetSize;
    for (const r of readers) {
      const cell = cells[r.index];
      let value = r.column.type === 'number' ? parseNumber(cell) : 0;
      if (Number.isNaN(value)) fail(msg('dataError.csv.notNumber', { value: quote(cell) }), line, r.column.name);
      if (r.levels) {
        // A number target's classes are numbers written canonically ('1', not '1.0').
        const level = r.levels.get(r.column.type === 'number' ? String(value) : cell);
        if (level === undefined) {
          const shown = [...r.levels.keys()].slice(0, 5).map(quote).join(', ');
          fail(msg('dataError.csv.unknownLevel', { value: quote(cell), count: r.levels.size, shown: `${shown}${r.levels.size > 5 ? ', …' : ''}` }), line, r.column.name);
        }
        value = level!;
      }
      if (r.offset < 0) y[t++] = value;
      else if (r.column.type === 'category' && r.column.encoding === 'onehot') x[xRow + r.offset + value] = 1;
      else x[xRow + r.offset] = value;
    }
    samples++;
  });
  for await (const text of decodeText(source, name, onBytes)) tokenizer.push(text);
  tokenizer.end();
  if (records === 0) fail(msg('dataError.csv.emptyChanged'));
  if (samples === 0) fail(msg('dataError.csv.allDropped'));

  const base = { name, x: x.length === samples * featureSize ? x : x.slice(0, samples * featureSize), featureShape: [featureSize], samples };
  const ys = y.length === samples * targetSize ? y : y.slice(0, samples * targetSize);
  return defineDataset(
    classification
      ? { ...base, task: 'classification', y: ys, classes: schema.classes.length, classNames: [...schema.classes] }
      : { ...base, task: 'regression', y: ys, targetSize },
  );
}

function grow(values: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  out.set(values);
  return out;
}
