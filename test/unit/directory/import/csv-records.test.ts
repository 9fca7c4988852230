import { describe, expect, it } from 'vitest';
import { readCsvRecords, separatorOf } from '../../../../main/directory/import/csv-records';

function values(text: string): string[][] {
  const { records, problems } = readCsvRecords(text);
  expect(problems).toEqual([]);
  return records.map((record) => record.values);
}

describe('reading CSV records', () => {
  it('splits plain rows and keeps empty values, including a trailing one', () => {
    expect(values('a,b,c\n1,,3\n4,5,\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
  });

  it('reads a quote doubled inside a quoted value (spreadsheets, RFC 4180)', () => {
    expect(values('a,b\n"Say ""hi""",x\n')).toEqual([['a', 'b'], ['Say "hi"', 'x']]);
  });

  it('reads a quote escaped with a backslash (Apple)', () => {
    expect(values('a,b\n"Say \\"hi\\"",x\n')).toEqual([['a', 'b'], ['Say "hi"', 'x']]);
  });

  it('keeps a comma after an escaped quote inside the value, in both styles', () => {
    expect(values('a,b\n"\\"Jr\\", Ann",x\n"""Jr"", Ann",y\n')).toEqual([
      ['a', 'b'],
      ['"Jr", Ann', 'x'],
      ['"Jr", Ann', 'y'],
    ]);
  });

  it('reads a backslash-escaped quote in an unquoted value', () => {
    expect(values('a\nO\\"Brien\n')).toEqual([['a'], ['O"Brien']]);
  });

  it('reads a backslash-escaped line break as a line break in the value, and counts the line', () => {
    const { records } = readCsvRecords('a,b\n"Room 1\\\nBuilding B",x\nnext,y\n');
    expect(records).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['Room 1\nBuilding B', 'x'] },
      { line: 4, values: ['next', 'y'] },
    ]);
  });

  it('reads a raw line break inside a quoted value, and a CRLF one as a plain line break', () => {
    const { records } = readCsvRecords('a,b\r\n"one\r\ntwo\r\nthree",x\r\nnext,y\r\n');
    expect(records).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['one\ntwo\nthree', 'x'] },
      { line: 5, values: ['next', 'y'] },
    ]);
  });

  it('leaves every other backslash alone, so Windows paths survive', () => {
    expect(values('a,b\n"C:\\new\\tables x",\\\\server\\share\n')).toEqual([
      ['a', 'b'],
      ['C:\\new\\tables x', '\\\\server\\share'],
    ]);
  });

  it('keeps accented and CJK text as it is', () => {
    expect(values('a,b\nZoë Åberg,王芳\n')).toEqual([['a', 'b'], ['Zoë Åberg', '王芳']]);
  });

  it('understands LF, CRLF and lone CR line endings', () => {
    expect(readCsvRecords('a\nb\r\nc\rd').records).toEqual([
      { line: 1, values: ['a'] },
      { line: 2, values: ['b'] },
      { line: 3, values: ['c'] },
      { line: 4, values: ['d'] },
    ]);
  });

  it('skips blank lines but still counts them', () => {
    expect(readCsvRecords('a\n\nb\n  \n\n\n').records).toEqual([
      { line: 1, values: ['a'] },
      { line: 3, values: ['b'] },
    ]);
  });

  it('reports a quoted value that never closes at the row it starts, and stops there', () => {
    expect(readCsvRecords('a,b\n1,2\n"open,3\n4,5\n')).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 2, values: ['1', '2'] },
      ],
      problems: [
        {
          line: 3,
          message:
            'A quoted value in this row has no closing double quote, so the rest of the file was read as part of it. Add the missing quote.',
        },
      ],
    });
  });

  it('reports text after a closing quote and reads on', () => {
    expect(readCsvRecords('a,b\n1,"two"x\n3,4\n')).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 3, values: ['3', '4'] },
      ],
      problems: [
        {
          line: 2,
          message: 'Value 2 has text after its closing double quote. Put the whole value in quotes, and write a quote inside it as \\" or "".',
        },
      ],
    });
  });

  it('splits on semicolons when the header row uses them', () => {
    expect(values('a;b\n"x, y";1,5\n')).toEqual([['a', 'b'], ['x, y', '1,5']]);
  });
});

describe('choosing the separator', () => {
  it('takes the comma unless the header row has more semicolons', () => {
    expect(separatorOf('person_id,first_name\n')).toBe(',');
    expect(separatorOf('person_id;first_name\nS-1;"A, B"\n')).toBe(';');
    expect(separatorOf('\n\nperson_id;first_name\n')).toBe(';');
    expect(separatorOf('')).toBe(',');
  });
});
