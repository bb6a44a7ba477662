/**
 * Errors and problems a person's data cause, read in both languages: real bad inputs (a CSV
 * with a word in a number column, a missing value, a truncated or foreign IDX file, a text file
 * named .png, labels that do not fit their images, data that changed since the import, split
 * and batch settings that leave nothing to train on). Each carries a catalogue message whose
 * English is exactly the text the engine has always written, and whose Korean is Hangul with
 * the same lines, columns, byte offsets and counts, and without English words left over.
 */
import { gzipSync } from 'fflate';
import { expectBilingual } from '../testing/bilingual';
import { describe, expect, it } from 'vitest';
import { DataFileParams } from '../graph/nodes/dataFile';
import { messageOfError, type Message } from '../i18n';
import { Batcher } from './batcher';
import { loadBuiltinDataset } from './builtins';
import { defineDataset } from './Dataset';
import { loadFileDataset } from './fileDataset';
import { CsvError, loadCsv, scanCsv, type CsvProblem } from './files/csv';
import { encodeIdx, idxDataset, parseIdx } from './files/idx';
import { decodeImage, listImageFolder } from './files/images';
import { bytesSource } from './files/source';
import { importData, memoryFile } from './importData';
import { fitNormalization } from './normalize';
import { splitDataset, splitIndices } from './split';

const utf8 = (text: string) => new TextEncoder().encode(text);
const src = (text: string) => bytesSource(utf8(text));
/** English words that must not be left in a Korean text (names and formats like IDX, PNG, uint8 may stay). */
const ENGLISH = /\b(the|is|are|not|line|column|must|file|found|expected|bytes?|missing|images?|labels?|samples?|split|batch)\b/i;

/** What was thrown, synchronously or not. */
async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/**
 * Checks one message: its English is `english` (today's text, word for word), its Korean has
 * Hangul, every value in `values`, and no English word outside them. Returns the Korean.
 */
function bothLanguages(m: Message | undefined, english: string, values: readonly (string | number)[]): string {
  return expectBilingual(m, { english, values, englishWords: ENGLISH });
}

/** An error's message in both languages (see bothLanguages); the error's own text is the English. */
function checkError(e: unknown, english: string, values: readonly (string | number)[]): string {
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).message).toBe(english);
  return bothLanguages(messageOfError(e), english, values);
}

function checkProblem(p: CsvProblem, english: string, values: readonly (string | number)[]): string {
  expect(p.reason).toBe(english);
  return bothLanguages(p.msg, english, values);
}

describe('CSV errors in both languages', () => {
  it('a word in a number column: listed at its line and column, and loading stops there', async () => {
    const text = 'age,height,label\n31,1.7,a\nabc,1.6,b\n40,1.8,a\n50,1.9,b\n';
    const scan = await scanCsv(src(text), 'people.csv', { columns: { 0: { type: 'number' } } });
    expect(scan.problems).toHaveLength(1);
    expect(scan.problems[0]).toMatchObject({ line: 3, column: 'age' });
    const ko = checkProblem(scan.problems[0], "'abc' is not a number", ["'abc'"]);
    expect(ko).toBe("'abc'은(는) 숫자가 아닙니다");

    // Loaded against the same schema, the row is refused with the file, the line and the column.
    const e = await thrown(() => loadCsv(src(text), 'people.csv', scan.schema));
    expect(e).toBeInstanceOf(CsvError);
    expect(e).toMatchObject({ line: 3, column: 'age' });
    const loadKo = checkError(e, "people.csv line 3, column 'age': 'abc' is not a number", ['people.csv', 3, "'age'", "'abc'"]);
    expect(loadKo).toBe("people.csv 3번째 줄, 'age' 열: 'abc'은(는) 숫자가 아닙니다");
  });

  it('a missing value under missing: "error": a problem per row, and the load names the first', async () => {
    const text = 'age,color,label\n31,red,a\n,blue,b\n40,,a\n22,red,b\n';
    const scan = await scanCsv(src(text), 'data.csv', { missing: 'error' });
    expect(scan.problems.map((p) => [p.line, p.column])).toEqual([[3, 'age'], [4, 'color']]);
    const english = 'missing value (choose "drop rows" or "fill" to accept missing values)';
    for (const p of scan.problems) expect(checkProblem(p, english, [])).toContain('결측값');

    const e = await thrown(() => loadCsv(src(text), 'data.csv', scan.schema));
    checkError(e, `data.csv line 3, column 'age': ${english}`, ['data.csv', 3, "'age'"]);
  });

  it('a row with too many fields: its line and both counts', async () => {
    const scan = await scanCsv(src('x1,x2,y\n1,2,a\n3,4,b,extra\n5,6,b\n'), 'rows.csv');
    expect(scan.problems).toMatchObject([{ line: 3 }]);
    expect(checkProblem(scan.problems[0], 'expected 3 fields, found 4', [3, 4])).toBe('필드가 3개여야 하는데 4개입니다');
  });

  it('a file where no row can be used: the first bad line (and column) and its reason, nested', async () => {
    const e = await thrown(() => scanCsv(src('a,b\n"1,2\n'), 'bad.csv', { header: 'yes' }));
    const ko = checkError(e, 'bad.csv line 2: none of the 1 data rows can be used; the first bad one is line 2: a quoted field opens here (") and never closes, so the rest of the file is one value', ['bad.csv', 1, 2]);
    expect(ko).toContain('따옴표');
    const words = await thrown(() => scanCsv(src('n,label\nabc,a\nxyz,b\n'), 'words.csv', { header: 'yes', columns: { 0: { type: 'number' } } }));
    expect(checkError(words, "words.csv line 2: none of the 2 data rows can be used; the first bad one is line 2, column 'n': 'abc' is not a number",
      ['words.csv', 2, "'n'", "'abc'"])).toBe("words.csv 2번째 줄: 데이터 행 2개 중 쓸 수 있는 행이 없습니다. 첫 번째 잘못된 행은 2번째 줄, 'n' 열입니다: 'abc'은(는) 숫자가 아닙니다");
  });

  it('one column, an empty file, a binary file', async () => {
    checkError(await thrown(() => scanCsv(src('a\n1\n2\n'), 'one.csv')),
      'one.csv: found only one column; DeepWire separates columns by comma, semicolon, tab or |, and needs at least one feature and one target column', ['one.csv', 'DeepWire']);
    checkError(await thrown(() => scanCsv(src('\n\n'), 'empty.csv')), 'empty.csv: the file is empty: it holds no rows of data', ['empty.csv']);
    const binary = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1]);
    checkError(await thrown(() => scanCsv(bytesSource(binary), 'data.zip')),
      "'data.zip' is not a text file (byte 4 is zero): choose a CSV or TSV file saved as UTF-8 text.", ["'data.zip'", 4, 'CSV', 'TSV', 'UTF-8']);
  });

  it('a target with one class', async () => {
    const e = await thrown(() => scanCsv(src('x,y\n1,a\n2,a\n'), 'same.csv'));
    checkError(e, "same.csv: the target column 'y' has only one class ('a'); a classifier needs at least two", ['same.csv', "'y'", "'a'"]);
  });

  it('a file that changed since the import: a level the import did not see', async () => {
    const scan = await scanCsv(src('x,y\n1,a\n2,b\n'), 'c.csv');
    const e = await thrown(() => loadCsv(src('x,y\n1,a\n2,c\n'), 'c.csv', scan.schema));
    const ko = checkError(e, "c.csv line 3, column 'y': 'c' is not one of the 2 values found at import ('a', 'b'); the file changed since it was imported: import it again",
      ['c.csv', 3, "'y'", "'c'", "'a', 'b'"]);
    expect(ko).toContain('바뀌었습니다');
  });
});

/** An IDX images file of `n` 2×2 uint8 images, and its labels. */
const images = (n: number) => encodeIdx('uint8', [n, 2, 2], Array.from({ length: n * 4 }, (_, i) => i % 256));
const labels = (values: number[]) => encodeIdx('uint8', [values.length], values);

describe('IDX errors in both languages', () => {
  it('a truncated file: the byte where it ends, the bytes needed, present and missing', () => {
    const cut = images(3).subarray(0, 23); // 16 header bytes + 12 data bytes, cut after 7
    const ko = checkError(thrown_(() => parseIdx(cut, 'train-images')),
      "IDX file 'train-images', byte 23: dimensions [3, 2, 2] of uint8 need 12 data bytes but only 7 are there: 5 bytes are missing. The file is truncated; download it again.",
      ["'train-images'", 23, '3, 2, 2', 'uint8', 12, 7, 5]);
    expect(ko).toContain('잘렸습니다');
  });

  it('a truncated file inside gzip says the offset is after decompression', () => {
    const gz = gzipSync(images(3).subarray(0, 23));
    const ko = checkError(thrown_(() => parseIdx(gz, 'train-images.gz')),
      "IDX file 'train-images.gz', byte 23 (after decompression): dimensions [3, 2, 2] of uint8 need 12 data bytes but only 7 are there: 5 bytes are missing. The file is truncated; download it again.",
      ["'train-images.gz'", 23, '3, 2, 2', 'uint8', 12, 7, 5]);
    expect(ko).toContain('압축을 푼 뒤');
  });

  it('a wrong magic number: the two bytes found', () => {
    const bytes = images(1);
    bytes[0] = 0x1a;
    bytes[1] = 0x45;
    const ko = checkError(thrown_(() => parseIdx(bytes, 'video.mkv')),
      "IDX file 'video.mkv', byte 0: an IDX file starts with two zero bytes, this one with 0x1A 0x45; it is not an IDX file (choose e.g. train-images-idx3-ubyte).",
      ["'video.mkv'", 0, '0x1A', '0x45', 'train-images-idx3-ubyte']);
    expect(ko).toContain('IDX 파일이 아닙니다');
  });

  it('labels that do not fit their images: both files and both counts', () => {
    const e = thrown_(() => idxDataset({ images: images(3), labels: labels([0, 1]) }, 'digits', { images: 'imgs', labels: 'labs' }));
    checkError(e, "IDX file 'imgs' holds 3 images but 'labs' holds 2 labels; choose the labels file that belongs to these images.", ["'imgs'", 3, "'labs'", 2]);
  });

  it('a labels file chosen as images, and a label out of range', () => {
    checkError(thrown_(() => idxDataset({ images: labels([0, 1]), labels: labels([0, 1]) }, 'd', { images: 'l1', labels: 'l2' })),
      "IDX file 'l1' has dimensions [2]; images must be [count, values], [count, height, width] or [count, height, width, channels]. Is it a labels file?", ["'l1'", '[2]']);
    const big = encodeIdx('int32', [2], [1, 200_000]);
    checkError(thrown_(() => idxDataset({ images: images(2), labels: big }, 'd', { images: 'i', labels: 'big' })),
      "IDX file 'big', label 1 (byte 12) is 200000; labels must be class numbers from 0 to 99999.", ["'big'", 1, 12, 200000, 99999]);
  });

  it('an import without a labels file', async () => {
    const e = await thrown(() => importData({ format: 'idx', files: { images: memoryFile('imgs', images(2)) } }));
    checkError(e, 'IDX data need an images file and a labels file (e.g. train-images-idx3-ubyte and train-labels-idx1-ubyte).', ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte']);
  });
});

describe('image errors in both languages', () => {
  it('a text file named .png: the path and its first bytes', () => {
    const ko = checkError(thrown_(() => decodeImage(utf8('hello'), 'cats/1.png')),
      "'cats/1.png' is not a PNG or JPEG image (it starts with the bytes 68 65 6c 6c); replace it or remove it from the folder.", ["'cats/1.png'", '68 65 6c 6c', 'PNG', 'JPEG']);
    expect(ko).toContain('이미지가 아닙니다');
    checkError(thrown_(() => decodeImage(new Uint8Array(0), 'cats/2.png')),
      "'cats/2.png' is not a PNG or JPEG image (it starts with the bytes (none: the file is empty)); replace it or remove it from the folder.", ["'cats/2.png'", 'PNG', 'JPEG']);
  });

  it('a PNG signature followed by garbage: damaged, with the decoder\'s reason kept as it is', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const e = thrown_(() => decodeImage(bytes, 'dogs/x.png'));
    const m = messageOfError(e)!;
    expect(m.key).toBe('dataError.images.damagedPng');
    const reason = String(m.vars!.reason);
    checkError(e, `'dogs/x.png' is a damaged PNG image (${reason}); replace it or remove it from the folder.`, ["'dogs/x.png'", reason, 'PNG']);
  });

  it('a GIF, and a folder with one class folder', () => {
    checkError(thrown_(() => decodeImage(utf8('GIF89a....'), 'a/1.png')),
      "'a/1.png' is a GIF image; DeepWire reads PNG and JPEG: convert it, or remove it from the folder.", ["'a/1.png'", 'GIF', 'DeepWire', 'PNG', 'JPEG']);
    const ko = checkError(thrown_(() => listImageFolder(['cats/1.png', 'cats/2.png'])),
      "An image folder needs at least two subfolders holding PNG or JPEG images, one per class (e.g. cats/ and dogs/); found only one ('cats'). Choose the folder whose subfolders are the classes.",
      ["'cats'", 'PNG', 'JPEG', 'cats/', 'dogs/']);
    expect(ko).toContain('하나뿐');
  });
});

describe('a "From file" node\'s data in both languages', () => {
  const csv = 'x1,x2,label\n1,2,a\n3,4,b\n5,6,a\n';

  async function imported() {
    const result = await importData({ format: 'csv', file: memoryFile('pts.csv', utf8(csv)) });
    return DataFileParams.parse(result.params);
  }

  it('data that no longer match the import: every difference, joined in the reader\'s language', async () => {
    const p = await imported();
    const changed = DataFileParams.parse({ ...p, info: { ...p.info!, featureShape: [3], task: 'regression', classes: 1 } });
    const e = await thrown(() => loadFileDataset(changed, { files: async () => src(csv) }));
    const ko = checkError(e,
      "The data in 'pts.csv' no longer match the import (samples are 2, the import recorded 3; it is a classification task, the import recorded regression; 2 classes, the import recorded 1). Import the data again to update the node.",
      ["'pts.csv'", 2, 3, 1]);
    expect(ko).toContain('분류');
    expect(ko).toContain('회귀');
  });

  it('a file this host cannot read', async () => {
    const e = await thrown(async () => loadFileDataset(await imported(), {}));
    expect(e).toMatchObject({ name: 'DataFileMissingError', ref: { name: 'pts.csv' } });
    checkError(e, "The data file 'pts.csv' is not available here: this host cannot read files. Open the project in the desktop app or give the file with the CLI.", ["'pts.csv'", 'CLI']);
  });
});

describe('settings that leave nothing to train on, in both languages', () => {
  const tiny = defineDataset({ name: 'tiny', task: 'classification', x: new Float32Array([0, 1, 2]), featureShape: [1], samples: 3, y: new Float32Array([0, 1, 0]), classes: 2 });

  it('split fractions', () => {
    checkError(thrown_(() => splitIndices(10, { validation: 0.6, test: 0.4, seed: 1 })),
      'Split: validation (0.6) + test (0.4) = 1 leaves nothing to train on; the two must add up to less than 1', [0.6, 0.4, 1]);
    const ko = checkError(thrown_(() => splitIndices(10, { validation: 1.5, test: 0, seed: 1 })),
      'Split: the validation fraction must be a number from 0 up to (not including) 1, got 1.5', [1.5, 0, 1]);
    expect(ko).toContain('검증 데이터');
    // Wrapped with the data set's name: the inner message stays a message.
    checkError(thrown_(() => splitDataset(tiny, { validation: 0.5, test: 0.4, seed: 1 })),
      "Dataset 'tiny': Split: 3 samples with validation 0.5 and test 0.4 leave no training sample (2 validation, 1 test); lower the fractions or use more samples",
      ["'tiny'", 3, 0.5, 0.4, 2, 1]);
  });

  it('a batch size of 0, normalisation of an empty training split, a parameter out of range', async () => {
    expect(checkError(thrown_(() => new Batcher(tiny, [0, 1, 2], { batchSize: 0 })), 'Batcher: batch size must be a positive integer, got 0', [0]))
      .toContain('배치 크기');
    checkError(thrown_(() => fitNormalization(tiny, 'standardize', [])),
      "Dataset 'tiny': cannot fit 'standardize' normalisation on an empty training split", ["'tiny'", "'standardize'"]);
    checkError(await thrown(() => loadBuiltinDataset('spirals', { classes: 99 })),
      "Dataset 'spirals': classes must be an integer from 2 to 10, got 99", ["'spirals'", 'classes', 2, 10, 99]);
  });

  it('a CSV value too large for float32 is named with its sample', async () => {
    const text = 'x,y\n1,a\n1e39,b\n';
    const scan = await scanCsv(src(text), 'huge.csv');
    const e = await thrown(() => loadCsv(src(text), 'huge.csv', scan.schema));
    checkError(e, "Dataset 'huge.csv': x has a non-finite value (Infinity) in sample 1", ["'huge.csv'", 'x', 'Infinity', 1]);
  });
});

/** What a synchronous call throws. */
function thrown_(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
