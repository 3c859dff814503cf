import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../bridges/amc-trader/csv.ts';
import { valueLines } from '../../../bridges/amc-trader/json-lines.ts';

describe('CSV as upstream writes it', () => {
  it('reads CRLF lines, quoted commas, doubled quotes and quoted line breaks, each row with its first line', () => {
    const text = 'a,b,c\r\n1,"x, y",3\r\n2,"say ""hi""\r\nthere",4\r\n5,,6\r\n';
    const table = parseCsvTable(text);
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      { line: 2, values: { a: '1', b: 'x, y', c: '3' } },
      { line: 3, values: { a: '2', b: 'say "hi"\r\nthere', c: '4' } },
      { line: 5, values: { a: '5', b: '', c: '6' } },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('reports a truncated line by its number and keeps the rows around it', () => {
    const table = parseCsvTable('a,b,c\n1,2,3\n4,5\n7,8,9\n');
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(table.problems).toEqual([
      { line: 3, message: expect.stringContaining('2 fields where the header has 3') },
    ]);
  });

  it('reports a file cut inside a quoted field instead of guessing its end', () => {
    const table = parseCsvTable('a,b\n1,2\n3,"unfinished, text\n');
    expect(table.rows.map((r) => r.line)).toEqual([2]);
    expect(table.problems).toEqual([{ line: 3, message: expect.stringContaining('never closed') }]);
  });
});

describe('JSON value lines', () => {
  it('finds the line each array element and member starts on, escapes and nesting included', () => {
    const text = '{\n  "a": "x\\"]",\n  "list": [\n    {"s": "[{"},\n    2,\n\n    [3]\n  ]\n}';
    const lines = valueLines(text, 2);
    expect(lines.get('/a')).toBe(2);
    expect(lines.get('/list')).toBe(3);
    expect(lines.get('/list/0')).toBe(4);
    expect(lines.get('/list/1')).toBe(5);
    expect(lines.get('/list/2')).toBe(7);
  });
});
