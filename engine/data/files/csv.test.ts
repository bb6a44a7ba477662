import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, loadCsv, scanCsv, type CsvOptions, type CsvScan } from './csv';
import { bytesSource } from './source';

const utf8 = (text: string) => new TextEncoder().encode(text);
const src = (text: string, chunkSize?: number) => bytesSource(utf8(text), chunkSize);
const scan = (text: string, options: CsvOptions & { previewRows?: number } = {}, chunkSize?: number) => scanCsv(src(text, chunkSize), 'data.csv', options);
async function scanAndLoad(text: string, options: CsvOptions = {}, chunkSize?: number) {
  const s = await scan(text, options, chunkSize);
  return { scan: s, data: await loadCsv(src(text, chunkSize), 'data.csv', s.schema) };
}
async function scanError(text: string, options: CsvOptions = {}): Promise<CsvError> {
  const e = await scan(text, options).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(CsvError);
  return e as CsvError;
}

describe('CSV tokenizing', () => {
  it('reads quoted fields holding delimiters, doubled quotes and line breaks', async () => {
    const text = 'name,comment,score,label\n"Smith, J","said ""hi""\nthen left",1.5,a\nLee,plain,2,b\n';
    const s = await scan(text);
    expect(s.schema.header).toBe(true);
    expect(s.schema.columns.map((c) => c.name)).toEqual(['name', 'comment', 'score', 'label']);
    expect(s.preview).toEqual([
      ['Smith, J', 'said "hi"\nthen left', '1.5', 'a'],
      ['Lee', 'plain', '2', 'b'],
    ]);
    expect(s.schema.rows).toBe(2);
    expect(s.problems).toEqual([]);
  });

  it('strips a UTF-8 byte-order mark and reads CRLF and CR line ends', async () => {
    for (const eol of ['\r\n', '\r']) {
      const s = await scan(`\uFEFFx,y${eol}1,a${eol}2,b${eol}${eol}3,a${eol}`);
      expect(s.schema.columns[0].name).toBe('x');
      expect(s.preview).toEqual([['1', 'a'], ['2', 'b'], ['3', 'a']]);
      expect(s.schema.rows).toBe(3);
    }
  });

  it('keeps CRLF inside a quoted field as written', async () => {
    const s = await scan('a,b\r\n"x\r\ny",1\r\nz,2\r\n', { header: 'yes' });
    expect(s.preview[0]).toEqual(['x\r\ny', '1']);
  });

  it('sniffs tab, semicolon and pipe delimiters', async () => {
    expect((await scan('a\tb\tc\n1\t2\tx\n3\t4\ty\n')).schema.delimiter).toBe('\t');
    // Decimal commas split inconsistently by ',', so ';' wins.
    const semi = await scan('a;b;c\n1,5;2;x\n2;3,25;y\n4;5;x\n');
    expect(semi.schema.delimiter).toBe(';');
    expect(semi.preview[0]).toEqual(['1,5', '2', 'x']);
    expect((await scan('a|b\n"1|2"|x\n3|y\n')).schema.delimiter).toBe('|');
    const forced = await scan('a;b,c\n1;2,x\n3;4,y\n', { delimiter: ',' });
    expect(forced.schema.columns.map((c) => c.name)).toEqual(['a;b', 'c']);
  });

  it('skips blank lines but counts them in line numbers', async () => {
    const s = await scan('a,b,c\n\n1,2,x\n   \n3,y\n4,5,y\n');
    expect(s.schema.rows).toBe(3);
    expect(s.problems).toMatchObject([{ line: 5, reason: 'expected 3 fields, found 2' }]);
  });
});

describe('CSV header detection', () => {
  it('finds a header over numeric columns, and none over data', async () => {
    const withHeader = await scan('height,weight,label\n1.5,60,a\n1.8,80,b\n');
    expect(withHeader.schema.header).toBe(true);
    expect(withHeader.schema.rows).toBe(2);
    const without = await scan('1.5,60,a\n1.8,80,b\n1.7,70,a\n');
    expect(without.schema.header).toBe(false);
    expect(without.schema.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect(without.schema.rows).toBe(3);
    expect(without.preview).toHaveLength(3);
  });

  it('tells an all-text header from an all-text first row', async () => {
    const header = await scan('color,size,label\nred,small,yes\nblue,big,no\nred,big,yes\n');
    expect(header.schema.header).toBe(true);
    expect(header.schema.classes).toEqual(['no', 'yes']);
    const data = await scan('red,small,yes\nblue,big,no\nred,big,yes\nblue,small,no\n');
    expect(data.schema.header).toBe(false);
    expect(data.schema.rows).toBe(4);
  });

  it('obeys header yes/no and names blank or repeated header cells', async () => {
    expect((await scan('1,2,3\n4,5,6\n7,8,9\n', { header: 'yes' })).schema.columns.map((c) => c.name)).toEqual(['1', '2', '3']);
    expect((await scan('a,b\n1,x\n2,y\n', { header: 'no' })).schema.rows).toBe(3);
    const names = (await scan(',x,x,y\n1,2,3,a\n2,3,4,b\n')).schema.columns.map((c) => c.name);
    expect(names).toEqual(['column 1', 'x', 'x (2)', 'y']);
  });
});

describe('CSV types, encodings and tasks', () => {
  const table = 'age,color,size,label\n30,red,S,yes\n40,blue,M,no\n50,green,L,yes\n60,red,S,no\n';

  it('one-hot encodes category features by sorted level, or gives the level index', async () => {
    const { scan: s, data } = await scanAndLoad(table);
    const color = s.schema.columns[1];
    expect(color).toMatchObject({ type: 'category', role: 'feature', encoding: 'onehot', levels: ['blue', 'green', 'red'], fill: 'red' });
    expect(s.schema.columns[0]).toMatchObject({ type: 'number', min: 30, max: 60, fill: 45 });
    expect(s.schema.featureSize).toBe(1 + 3 + 3);
    expect(s.schema.task).toBe('classification');
    expect(s.schema.classes).toEqual(['no', 'yes']);
    expect(data.featureShape).toEqual([7]);
    expect(Array.from(data.x.subarray(0, 7))).toEqual([30, 0, 0, 1, 0, 0, 1]); // red; S of L, M, S
    expect(Array.from(data.x.subarray(7, 14))).toEqual([40, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(data.y)).toEqual([1, 0, 1, 0]);
    expect(data.name).toBe('data.csv');
    expect(data.task === 'classification' && data.classNames).toEqual(['no', 'yes']);

    const indexed = await scanAndLoad(table, { columns: { 1: { encoding: 'index' }, 2: { role: 'ignore' } } });
    expect(indexed.scan.schema.featureSize).toBe(2);
    expect(Array.from(indexed.data.x)).toEqual([30, 2, 40, 0, 50, 1, 60, 2]);
  });

  it('ignores a category feature with too many levels (ids, free text) unless told otherwise', async () => {
    const long = 'x'.repeat(1001);
    const text = `name,size,label\nshort,1,a\n${long},2,b\nother,3,a\n`;
    const s = await scan(text);
    expect(s.schema.columns[0]).toMatchObject({ role: 'ignore', type: 'category' });
    expect(s.schema.featureSize).toBe(1);
    expect((await scanError(text, { columns: { 0: { role: 'feature' } } })).message).toMatch(/column 'name' looks like ids or free text/);
    expect((await scanError(`a,label\n1,${long}\n2,b\n`)).message).toMatch(/target column 'label' has more than 10000 different values/);
  });

  it('sorts levels numeric-aware', async () => {
    const s = await scan('v,label\nx10,a\nx2,b\nx1,a\n');
    expect(s.schema.columns[0].levels).toEqual(['x1', 'x2', 'x10']);
  });

  it('reads a number target as regression, or as classes when it holds few integers', async () => {
    const reg = await scanAndLoad('x,y\n1,0.5\n2,1.5\n3,2.25\n');
    expect(reg.scan.schema).toMatchObject({ task: 'regression', classes: [], targetSize: 1, featureSize: 1 });
    expect(reg.data.task).toBe('regression');
    expect(Array.from(reg.data.y)).toEqual([0.5, 1.5, 2.25]);

    const cls = await scanAndLoad('x,y\n1,10\n2,2\n3,10.0\n4,-1\n');
    expect(cls.scan.schema.task).toBe('classification');
    expect(cls.scan.schema.classes).toEqual(['-1', '2', '10']);
    expect(Array.from(cls.data.y)).toEqual([2, 1, 2, 0]);

    const forced = await scan('x,y\n1,10\n2,2\n', { task: 'regression' });
    expect(forced.schema.task).toBe('regression');
  });

  it('takes several number targets as one regression row', async () => {
    const { scan: s, data } = await scanAndLoad('a,b,c\n1,2,3\n4,5,6\n', { columns: { 1: { role: 'target' } } });
    expect(s.schema).toMatchObject({ task: 'regression', targetSize: 2, featureSize: 1 });
    expect(data.task === 'regression' && data.targetSize).toBe(2);
    expect(Array.from(data.y)).toEqual([2, 3, 5, 6]);
    expect(Array.from(data.x)).toEqual([1, 4]);
  });

  it('refuses files it cannot use', async () => {
    expect((await scanError('')).message).toMatch(/empty/);
    expect((await scanError('\n\n')).message).toMatch(/empty/);
    expect((await scanError('a,b,label\n')).message).toMatch(/no data rows/);
    expect((await scanError('x,label\n1,a\n2,a\n')).message).toMatch(/only one class \('a'\)/);
    expect((await scanError('1\n2\n3\n')).message).toMatch(/only one column/);
    expect((await scanError('a,b\n1,2\n3,4\n', { columns: { 1: { role: 'feature' } } })).message).toMatch(/no column is the target/);
    expect((await scanError('a,b\n1,x\n3,y\n', { task: 'regression' })).message).toMatch(/regression target must be numbers/);
    expect((await scanError('a,b\n1,x\n3,y\n', { columns: { 5: { role: 'ignore' } } })).message).toMatch(/column 5/);
    expect((await scanError('a,b,c\nNA,2,x\n,3,y\n')).message).toMatch(/column 'a' has no values/);
    expect((await scanError('a,b\u0000c\n')).message).toMatch(/not a text file/);
    expect((await scanError('a,b\nx,1\ny,2\n', { columns: { 0: { type: 'number' } } })).message).toBe(
      "data.csv line 2: none of the 2 data rows can be used; the first bad one is line 2, column 'a': 'x' is not a number",
    );
  });
});

describe('CSV missing values', () => {
  const text = 'age,color,label\n10,red,a\nNA,blue,b\n30,,a\n20,red,b\n40,blue,?\n';

  it("lists them as problems under 'error', and loading stops at the first", async () => {
    const s = await scan(text);
    expect(s.schema.columns.map((c) => c.missing)).toEqual([1, 1, 1]);
    expect(s.schema.usableRows).toBe(2);
    expect(s.problems).toMatchObject([
      { line: 3, column: 'age', reason: 'missing value (choose "drop rows" or "fill" to accept missing values)' },
      { line: 4, column: 'color', reason: 'missing value (choose "drop rows" or "fill" to accept missing values)' },
      { line: 6, column: 'label', reason: 'missing value (choose "drop rows" or "fill" to accept missing values)' },
    ]);
    const e = await loadCsv(src(text), 'data.csv', s.schema).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(CsvError);
    expect((e as CsvError).message).toBe(`data.csv line 3, column 'age': missing value (choose "drop rows" or "fill" to accept missing values)`);
    expect(e).toMatchObject({ line: 3, column: 'age' });
  });

  it("drops rows under 'drop'", async () => {
    const { scan: s, data } = await scanAndLoad(text, { missing: 'drop' });
    expect(s.schema.usableRows).toBe(2);
    expect(s.problems).toEqual([]);
    expect(data.samples).toBe(2);
    expect(Array.from(data.x)).toEqual([10, 0, 1, 20, 0, 1]);
    expect(Array.from(data.y)).toEqual([0, 1]);
  });

  it("fills features with the mean or the most frequent level under 'fill', but drops a missing target", async () => {
    const { scan: s, data } = await scanAndLoad(text, { missing: 'fill' });
    expect(s.schema.columns[0].fill).toBe(25); // (10 + 30 + 20 + 40) / 4
    expect(s.schema.columns[1].fill).toBe('blue'); // blue 2, red 2: the first level wins a tie
    expect(s.schema.usableRows).toBe(4);
    expect(data.samples).toBe(4);
    expect(Array.from(data.x)).toEqual([10, 0, 1, 25, 1, 0, 30, 1, 0, 20, 0, 1]);
    expect(Array.from(data.y)).toEqual([0, 1, 0, 1]);
  });

  it('ignores missing values in ignored columns', async () => {
    const ok = await scan('a,b,c\nNA,x,1\n2,y,2\n', { columns: { 0: { role: 'ignore' } } });
    expect(ok.schema.usableRows).toBe(2);
  });
});

describe('CSV bad rows', () => {
  it('reports a wrong field count at its physical line, after a record spanning two lines', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['a,b,label', '1,"two', 'lines",x', '2,3', '4,5,y', '6,7,x'].join(eol) + eol;
      const s = await scan(text);
      expect(s.problems).toMatchObject([{ line: 4, reason: 'expected 3 fields, found 2' }]);
      expect(s.schema).toMatchObject({ rows: 4, usableRows: 3 });
      const e = await loadCsv(src(text), 'data.csv', s.schema).catch((err: unknown) => err);
      expect((e as Error).message).toMatch(/^data\.csv line 4: expected 3 fields, found 2/);
      expect(e).toMatchObject({ line: 4 });
    }
  });

  it('reports non-numbers in a column forced to number, and an unterminated quote', async () => {
    const text = 'age,label\n30,a\nabc,b\n40,b\n"50,b\n';
    const s = await scan(text, { columns: { 0: { type: 'number' } } });
    expect(s.problems).toMatchObject([
      { line: 3, column: 'age', reason: "'abc' is not a number" },
      { line: 5, reason: 'a quoted field opens here (") and never closes, so the rest of the file is one value' },
    ]);
    expect(s.schema.usableRows).toBe(2);
    const e = await loadCsv(src(text), 'data.csv', s.schema).catch((err: unknown) => err);
    expect((e as Error).message).toBe("data.csv line 3, column 'age': 'abc' is not a number");
  });

  it('lists at most 20 problems, the earliest, including a bad first row', async () => {
    const lines = ['1,2'];
    for (let i = 0; i < 70; i++) lines.push(i % 3 === 0 ? '1,2,b,extra' : `1,2,${i % 2 ? 'a' : 'b'}`);
    const s = await scan(lines.join('\n'));
    expect(s.schema.header).toBe(false);
    expect(s.problems).toHaveLength(20);
    expect(s.problems[0]).toMatchObject({ line: 1, reason: 'expected 3 fields, found 2' });
    expect(s.problems[1].line).toBe(2);
    expect(s.schema).toMatchObject({ rows: 71, usableRows: 46 });
  });

  it('refuses a file whose header or levels changed since the scan', async () => {
    const s = await scan('a,b,label\n1,x,p\n2,y,q\n');
    const renamed = await loadCsv(src('a,B,label\n1,x,p\n'), 'data.csv', s.schema).catch((e: unknown) => e);
    expect((renamed as Error).message).toMatch(/columns are 'a', 'B', 'label', but the import recorded 'a', 'b', 'label'/);
    const level = await loadCsv(src('a,b,label\n1,z,p\n'), 'data.csv', s.schema).catch((e: unknown) => e);
    expect((level as Error).message).toMatch(/line 2, column 'b': 'z' is not one of the 2 values found at import \('x', 'y'\); the file changed/);
    const widened = await loadCsv(src('a,b,label,d\n1,x,p,4\n'), 'data.csv', s.schema).catch((e: unknown) => e);
    expect(widened).toBeInstanceOf(CsvError);
  });
});

describe('CSV streaming', () => {
  const text = '\uFEFFnom;ville;été;classe\r\n"Dupont; A";Séoul;1,5;가나\r\n"Kim ""K""";"부산\r\n항구";2;나다\r\nLee;Paris;3;가나\r\nMoreau;Lyon;;나다\r\n';

  it('gives identical results whatever the chunk size, even inside multi-byte characters', async () => {
    const whole = await scanAndLoad(text, { missing: 'fill' });
    expect(whole.scan.schema.delimiter).toBe(';');
    expect(whole.scan.schema.classes).toEqual(['가나', '나다']);
    expect(whole.scan.preview[1]).toEqual(['Kim "K"', '부산\r\n항구', '2', '나다']);
    for (const size of [1, 2, 3, 7]) {
      const part = await scanAndLoad(text, { missing: 'fill' }, size);
      expect(part.scan).toEqual(whole.scan);
      expect(part.data).toEqual(whole.data);
    }
  });

  it('reads a large file in many chunks and reports progress', async () => {
    const rows = 200_000;
    const parts = ['id,a,b,color,label\n'];
    for (let i = 0; i < rows; i++) parts.push(`${i},${i % 7},"${(i % 13) / 4}",c${i % 3},${i % 2 ? 'odd' : 'even'}\n`);
    const bytes = utf8(parts.join(''));
    let seen = 0;
    const s = await scanCsv(bytesSource(bytes, 4096), 'big.csv', { onBytes: (n) => (seen = n) });
    expect(seen).toBe(bytes.length);
    expect(s.schema).toMatchObject({ rows, usableRows: rows, featureSize: 3 + 3, classes: ['even', 'odd'] });
    expect(s.schema.columns[0]).toMatchObject({ min: 0, max: rows - 1 });
    const data = await loadCsv(bytesSource(bytes, 4096), 'big.csv', s.schema);
    expect(data.samples).toBe(rows);
    expect(Array.from(data.x.subarray(6 * 12345, 6 * 12346))).toEqual([12345, 12345 % 7, (12345 % 13) / 4, 1, 0, 0]);
    expect(data.y[12345]).toBe(1);
  });
});

/** A cell written the way a spreadsheet would: quoted when it has to be. */
function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell.trim() === '' ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe('CSV round trip (property)', () => {
  it('gives back every cell of a properly quoted table', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', ';', '\t', 'é', '가', '1', '.'), maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 12 })),
        fc.integer({ min: 1, max: 16 }),
        fc.boolean(),
        async (table, chunkSize, crlf) => {
          // Random columns are ignored; a feature and a two-class target make the file usable.
          const rows = table.map((r, i) => [...r, `f${i}`, i % 2 ? 'p' : 'q']);
          const text = rows.map((r) => r.map(quoteCell).join(',')).join(crlf ? '\r\n' : '\n');
          const columns: CsvOptions['columns'] = Object.fromEntries(table[0].map((_, i) => [i, { role: 'ignore' as const }]));
          const s: CsvScan = await scan(text, { header: 'no', columns, previewRows: 100 }, chunkSize);
          expect(s.preview).toEqual(rows);
          expect(s.schema.rows).toBe(rows.length);
          expect(s.problems).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
