/** One CSV record with the 1-based line it starts on (for error messages and provenance). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[]; delimiter: string } | { ok: false; line: number; message: string };

/** Comma unless the first line has more tabs or semicolons (exports from Excel in some locales). */
function sniffDelimiter(text: string): string {
  const first = text.split(/\r?\n/u, 1)[0] ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  const candidates: [string, number][] = [[',', count(',')], ['\t', count('\t')], [';', count(';')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0] && candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/** RFC 4180 reader: quoted fields may hold delimiters, quotes ("") and newlines. */
export function readCsv(input: string): CsvResult {
  const text = input.replace(/^\uFEFF/u, '');
  const delimiter = sniffDelimiter(text);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) return { ok: false, line: quoteLine, message: 'unterminated quoted field (a " opened here is never closed)' };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return { ok: true, rows: rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })), delimiter };
}
