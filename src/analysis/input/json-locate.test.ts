import { describe, expect, it } from 'vitest';
import { lineOfOffset, locateJsonLines } from './json-locate.js';

describe('locateJsonLines', () => {
  it('gives the line of every value by path', () => {
    const text = '{\n  "company": "X",\n  "periods": [\n    {\n      "label": "FY2024",\n      "incomeStatement": { "revenue": 1, "x": "a\\"b" }\n    }\n  ]\n}';
    const lines = locateJsonLines(text);
    expect(lines.get('company')).toBe(2);
    expect(lines.get('periods[0]')).toBe(4);
    expect(lines.get('periods[0].label')).toBe(5);
    expect(lines.get('periods[0].incomeStatement.revenue')).toBe(6);
    expect(lines.get('periods[0].incomeStatement.x')).toBe(6);
  });

  it('maps offsets to lines', () => {
    expect(lineOfOffset('a\nb\nc', 4)).toBe(3);
  });
});
