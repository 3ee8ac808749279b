/** A period column header understood: its label as printed, fiscal year and (when printed) end date. */
export interface PeriodHeader {
  label: string;
  year: number;
  endDate?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Recognise a period header: "FY2024", "2024", "2024年", "2024年度", "2024A", "2024-12-31",
 * "2024/12/31", "2024年12月31日", "2024.12.31". Anything else is not a period column.
 */
export function parsePeriodHeader(raw: string): PeriodHeader | undefined {
  const label = raw.normalize('NFKC').trim();
  const s = label.replace(/\s+/gu, '');
  let m = /^(?:FY|财年|fiscal)?(\d{4})(?:年度?|A|E)?$/iu.exec(s);
  if (m) return { label, year: Number(m[1]) };
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(s);
  if (m) {
    const endDate = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (endDate) return { label, year: Number(m[1]), endDate };
  }
  return undefined;
}

const NOTE_HEADERS = new Set(['附注', '注释', '注', 'note', 'notes', '行次', 'line', 'ref']);

/** Columns that are known not to hold figures (notes references, CAS 行次 line numbers). */
export function isNotesHeader(raw: string): boolean {
  return NOTE_HEADERS.has(raw.normalize('NFKC').trim().toLowerCase());
}
