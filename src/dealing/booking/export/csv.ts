/**
 * Blotter as CSV (RFC 4180): one row per ticket, amounts as exact decimal text, the RFQ's stage
 * instants as ISO 8601. The column list is the contract documented in docs/exports.md.
 */
import { amountText, decimalText } from './decimal.js';
import { approverOf, bankSide, parseRecords, type ExportRecord } from './schema.js';

interface Column {
  header: string;
  /** Free text a person typed or a counterparty named: the only cells a spreadsheet might run as a formula. */
  text?: boolean;
  get(r: ExportRecord): string | null;
}

const num = (x: number | null, what: string) => (x === null ? null : decimalText(x, what));
const amount = (x: number | null, what: string) => (x === null ? null : amountText(x, what));

const COLUMNS: readonly Column[] = [
  { header: 'trade_id', text: true, get: (r) => r.ticket.tradeId },
  { header: 'rfq_id', text: true, get: (r) => r.ticket.rfqId },
  { header: 'cursor', get: (r) => String(r.cursor) },
  { header: 'client', text: true, get: (r) => r.ticket.client },
  { header: 'trader', text: true, get: (r) => r.ticket.trader },
  { header: 'product_kind', text: true, get: (r) => r.ticket.instrument.kind },
  { header: 'instrument_code', text: true, get: (r) => r.ticket.instrument.code },
  { header: 'instrument_name', text: true, get: (r) => r.ticket.instrument.name },
  { header: 'client_side', get: (r) => r.ticket.side },
  { header: 'bank_side', get: (r) => bankSide(r.ticket.side) },
  { header: 'notional', get: (r) => amount(r.ticket.notional, `${r.ticket.tradeId} notional`) },
  { header: 'currency', text: true, get: (r) => r.ticket.currency },
  { header: 'level', get: (r) => num(r.ticket.level, `${r.ticket.tradeId} level`) },
  { header: 'level_type', text: true, get: (r) => r.ticket.levelType },
  { header: 'clean_price', get: (r) => num(r.ticket.clean, `${r.ticket.tradeId} clean`) },
  { header: 'accrued_per_100', get: (r) => num(r.ticket.accrued, `${r.ticket.tradeId} accrued`) },
  { header: 'full_price', get: (r) => num(r.ticket.fullPrice, `${r.ticket.tradeId} full price`) },
  { header: 'settlement_amount', get: (r) => amount(r.ticket.settlementAmount, `${r.ticket.tradeId} settlement amount`) },
  { header: 'trade_date', get: (r) => r.ticket.tradeDate },
  { header: 'settle_date', get: (r) => r.ticket.settleDate },
  { header: 'status', get: (r) => r.ticket.status },
  { header: 'approver', text: true, get: (r) => approverOf(r) },
  { header: 'requested_at', get: (r) => r.stages.requested },
  { header: 'quoted_at', get: (r) => r.stages.quoted },
  { header: 'accepted_at', get: (r) => r.stages.accepted },
  { header: 'approved_at', get: (r) => r.stages.approved },
  { header: 'booked_at', get: (r) => r.stages.booked },
];

/** The header row, in order (the documented contract). */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map((c) => c.header);

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8 (Chinese names intact). */
  bom?: boolean;
  /**
   * Prefix text cells that begin with = + - @ TAB or CR with an apostrophe, so a spreadsheet shows a
   * client or instrument name instead of running it as a formula (CSV injection). Numeric columns
   * are never touched: swap points are legitimately negative.
   */
  formulaGuard?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 §2.6–2.7: quote a field holding a comma, quote or line break; double its quotes. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The tickets as CSV: header + one CRLF-terminated row each; null cells are empty. */
export function toCsv(records: readonly ExportRecord[], opts: CsvOptions = {}): string {
  const rows = parseRecords(records);
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const r of rows) {
    lines.push(
      COLUMNS.map((c) => {
        const v = c.get(r) ?? '';
        return csvField(opts.formulaGuard && c.text && FORMULA_START.test(v) ? `'${v}` : v);
      }).join(','),
    );
  }
  return (opts.bom ? '\uFEFF' : '') + lines.map((l) => `${l}\r\n`).join('');
}
