/**
 * Booked tickets as FIX 4.4 ExecutionReports (35=8, ExecType F = trade, OrdStatus 2 = filled), the
 * message an executing dealer sends for a fill. The tag table, the side convention and what is only
 * approximate for repo, lending and FX are in docs/exports.md; the comments here say why.
 */
import { Decimal } from 'decimal.js';
import { OperationError, UserInputError } from '../../../../runtime/errors.js';
import type { Ticket } from '../../ticket.js';
import { amountText, decimalText, detailAmount } from '../decimal.js';
import { parseRecords, type ExportRecord } from '../schema.js';
import { encodeFixMessage, type FixField } from './framing.js';

export const FIX_BEGIN_STRING = 'FIX.4.4';

export interface FixExportOptions {
  senderCompId: string;
  targetCompId: string;
  /** MsgSeqNum (34) of the first message; the rest follow one by one. */
  startSeqNum: number;
  /** SendingTime (52) of every message in the batch (injected: formatters never read the clock). */
  sendingTime: Date;
  /** The dealing bank as an executing-firm party (452=1), when the receiver wants it named. */
  executingFirm?: string;
}

export interface FixExecutionReport {
  tradeId: string;
  rfqId: string;
  cursor: number;
  msgSeqNum: number;
  /** SOH-delimited; render with `fixForHumans` for people. */
  message: string;
}

type Family = 'bond' | 'ncd' | 'repo' | 'lending' | 'fx_spot' | 'fx_forward' | 'fx_swap';

const FAMILIES: ReadonlySet<string> = new Set<Family>(['bond', 'ncd', 'repo', 'lending', 'fx_spot', 'fx_forward', 'fx_swap']);

/** Product (460) values used here (FIX 4.4). */
const PRODUCT = { agency: '1', corporate: '3', currency: '4', government: '6', moneyMarket: '9', municipal: '11', financing: '13' } as const;

/** SecurityIDSource (22): 4 = ISIN, 8 = exchange symbol (the CFETS/CIBM bond code, e.g. 220205). */
const ID_SOURCE = { isin: '4', exchangeSymbol: '8' } as const;

/** FIX's own placeholder for "this product has no symbol" (Symbol is required in the Instrument block). */
const NO_SYMBOL = '[N/A]';

/**
 * The booked tickets among `records`, in the order given, as ExecutionReports numbered from
 * `startSeqNum`. Pending and rejected tickets are not executions and produce no message (see
 * `exportAfter`'s `holdAtPending` so a pending ticket is not skipped for good).
 */
export function toFixExecutionReports(records: readonly ExportRecord[], opts: FixExportOptions): FixExecutionReport[] {
  checkOptions(opts);
  const sendingTime = utcTimestamp(opts.sendingTime.toISOString(), 'sendingTime');
  let seq = opts.startSeqNum;
  const out: FixExecutionReport[] = [];
  for (const r of parseRecords(records)) {
    if (r.ticket.status !== 'booked') continue;
    const body = executionReportBody(r, opts);
    const needsEncoding = body.some(([tag]) => tag === 351);
    const header: FixField[] = [
      [35, '8'],
      [49, opts.senderCompId],
      [56, opts.targetCompId],
      [34, String(seq)],
      [52, sendingTime],
      // Encoded* fields are UTF-8 bytes; the receiver must be told which encoding they use.
      ...(needsEncoding ? ([[347, 'UTF-8']] as const) : []),
    ];
    out.push({ tradeId: r.ticket.tradeId, rfqId: r.ticket.rfqId, cursor: r.cursor, msgSeqNum: seq, message: encodeFixMessage(FIX_BEGIN_STRING, [...header, ...body]) });
    seq++;
  }
  return out;
}

/** The messages as one text, one per line (SOH inside, LF between), the way FIX logs are kept. */
export function joinFixMessages(reports: readonly FixExecutionReport[]): string {
  return reports.map((m) => `${m.message}\n`).join('');
}

function checkOptions(opts: FixExportOptions): void {
  const ids: [string, string | undefined][] = [['senderCompId', opts.senderCompId], ['targetCompId', opts.targetCompId]];
  if (opts.executingFirm !== undefined) ids.push(['executingFirm', opts.executingFirm]);
  for (const [k, v] of ids) {
    if (typeof v !== 'string' || !/^[\x21-\x7e]+$/.test(v)) throw new UserInputError(`${k} must be printable ASCII without spaces, got ${JSON.stringify(v)}`);
  }
  if (!Number.isSafeInteger(opts.startSeqNum) || opts.startSeqNum < 1) throw new UserInputError(`startSeqNum must be a whole number ≥ 1, got ${opts.startSeqNum}`);
  if (!(opts.sendingTime instanceof Date) || Number.isNaN(opts.sendingTime.getTime())) throw new UserInputError('sendingTime must be a valid Date');
}

/** Every body field after the standard header, in the FIX 4.4 dictionary's order for message 8. */
export function executionReportBody(r: ExportRecord, opts: Pick<FixExportOptions, 'executingFirm'> = {}): FixField[] {
  const t = r.ticket;
  const id = t.tradeId;
  const family = familyOf(t);
  const detail = t.detail;
  const qty = decimalText(t.notional, `${id} notional`);
  const settlement = t.settlementAmount === null ? null : amountText(t.settlementAmount, `${id} settlement amount`);
  const px = dealtPrice(t, family);
  const f: FixField[] = [];
  const add = (tag: number, value: string | null | undefined) => {
    if (value !== null && value !== undefined) f.push([tag, value]);
  };

  add(37, id); // OrderID: the desk's reference for the deal is its trade id.
  add(11, t.rfqId); // ClOrdID: the RFQ the client's request opened; 644 RFQReqID is not an ExecutionReport field in 4.4.
  // Parties: the client and the trader who dealt, by the desk's own ids (447 D = proprietary code).
  const parties: [string, string][] = [[t.client, '3'], [t.trader, '12']];
  if (opts.executingFirm) parties.push([opts.executingFirm, '1']);
  add(453, String(parties.length));
  for (const [pid, role] of parties) {
    add(448, pid);
    add(447, 'D');
    add(452, role);
  }
  add(17, `${id}-F`); // ExecID: one trade report per ticket; a later correct/cancel would take -G / -H.
  add(150, 'F');
  add(39, '2');
  add(63, family === 'fx_spot' ? '0' : family === 'fx_forward' ? '6' : null); // FX: 0 = regular (spot), 6 = future, with SettlDate.
  const near = family === 'fx_swap' ? isoDateIn(detail, 'nearDate', id) ?? t.settleDate : t.settleDate;
  add(64, near === null ? null : fixDate(near, `${id} settle date`));

  // Instrument block.
  const sec = securityOf(t, family);
  add(55, sec.symbol);
  add(48, sec.id?.value);
  add(22, sec.id?.source);
  if (sec.alt) {
    add(454, '1');
    add(455, sec.alt.value);
    add(456, sec.alt.source);
  }
  add(460, sec.product);
  add(167, sec.securityType);
  const maturity = family === 'bond' || family === 'ncd' ? isoDateIn(detail, 'maturityDate', id) : null;
  add(541, maturity === null ? null : fixDate(maturity, `${id} maturity`));
  const days = family === 'repo' || family === 'lending' ? wholeNumberIn(detail, 'days', id) : null;
  if (family === 'repo') {
    add(226, days === null ? null : String(days));
    add(227, px);
  }
  const desc = t.instrument.name;
  if (desc !== null && desc !== '') {
    // SecurityDesc is ASCII; a Chinese short name (22国开05) goes in EncodedSecurityDesc as UTF-8 bytes.
    if (/^[\x20-\x7e]+$/.test(desc)) add(107, desc);
    else {
      add(350, String(new TextEncoder().encode(desc).length));
      add(351, desc);
    }
  }

  // FinancingDetails: the two cash dates of a repo or loan.
  if (family === 'repo' || family === 'lending') {
    const end = isoDateIn(detail, 'maturityDate', id);
    add(788, days === null ? null : days === 1 ? '1' : '2'); // 1 = overnight, 2 = term.
    add(916, t.settleDate === null ? null : fixDate(t.settleDate, `${id} start date`));
    add(917, end === null ? null : fixDate(end, `${id} end date`));
  }

  add(54, fixSide(t, family));
  add(38, qty);
  add(423, family === 'bond' || family === 'ncd' ? '1' : null); // 1 = percentage of par: price per 100 face.
  add(44, px);
  add(15, t.currency);
  add(32, qty);
  add(31, px);
  if (family === 'fx_swap') add(194, px); // near leg dealt at spot; the far leg is spot + LastForwardPoints2.
  add(151, '0');
  add(14, qty);
  add(6, px);
  add(75, fixDate(t.tradeDate, `${id} trade date`));
  add(60, utcTimestamp(r.stages.accepted ?? t.createdAt, `${id} transact time`));
  if ((family === 'bond' || family === 'ncd') && t.levelType === 'yield') {
    add(235, 'MATURITY');
    add(236, decimalText(t.level, `${id} yield`));
  }

  if (family === 'bond' || family === 'ncd') {
    const gross = detailAmount(detail, 'cleanAmount', `${id} clean amount`) ?? cleanAmount(t);
    add(381, gross);
    // NetMoney = GrossTradeAmt + AccruedInterestAmt: accrued is whatever makes the ticket's cash add up.
    const accrued = detailAmount(detail, 'accruedAmount', `${id} accrued amount`) ?? (settlement !== null && gross !== null ? new Decimal(settlement).minus(gross).toFixed(2) : null);
    add(159, t.accrued === null ? null : accrued);
  }
  if (family === 'repo' || family === 'lending') {
    add(157, days === null ? null : String(days));
    add(738, detailAmount(detail, 'interest', `${id} interest`));
    add(921, settlement);
    add(922, detailAmount(detail, 'maturityAmount', `${id} maturity amount`));
  }
  add(118, settlement);
  if (family === 'fx_spot' || family === 'fx_forward' || family === 'fx_swap') {
    // The cash of an FX deal is in the counter currency (CNY); 15 stays the dealt (base) currency.
    add(119, settlement);
    add(120, counterCurrency(t));
  }
  if (family === 'fx_swap') {
    const far = isoDateIn(detail, 'farDate', id);
    add(193, far === null ? null : fixDate(far, `${id} far date`));
    add(192, qty); // even swap: the far leg is the same base amount.
    add(641, new Decimal(decimalText(t.level, `${id} swap points`)).div(10_000).toFixed()); // pips → rate units.
  }
  add(483, r.stages.booked === null ? null : utcTimestamp(r.stages.booked, `${id} booked time`));
  return f;
}

function familyOf(t: Ticket): Family {
  const k = t.instrument.kind;
  if (!FAMILIES.has(k)) throw new OperationError(`${t.tradeId}: no FIX mapping for product kind "${k}"`);
  return k as Family;
}

/**
 * 54 is the client's side, as on the ticket: the report answers the client's request, and FIX's Side
 * is the side of the order being filled. The bank's side is the opposite. Repo and lending use the
 * cash lender = Buy convention (a reverse repo buys the collateral on the start date); FX swaps give
 * the near leg's side (buy = buy the base currency near, sell it far).
 */
function fixSide(t: Ticket, family: Family): string {
  const money = family === 'repo' || family === 'lending';
  const side = t.side;
  if (money ? side === 'lend' : side === 'buy') return '1';
  if (money ? side === 'borrow' : side === 'sell') return '2';
  throw new OperationError(`${t.tradeId}: side "${side}" does not apply to ${family}`);
}

/** LastPx / Price / AvgPx: clean price per 100 for bonds and NCDs, the rate for repo and lending, the all-in FX rate. */
function dealtPrice(t: Ticket, family: Family): string {
  const id = t.tradeId;
  switch (family) {
    case 'bond':
    case 'ncd':
      if (t.clean !== null) return decimalText(t.clean, `${id} clean`);
      if (t.levelType === 'price') return decimalText(t.level, `${id} price`);
      throw new OperationError(`${id}: a ${family} ticket needs a clean price for LastPx`);
    case 'fx_swap': {
      const near = t.detail['nearRate'];
      if (typeof near !== 'number') throw new OperationError(`${id}: an FX swap ticket needs detail.nearRate`);
      return decimalText(near, `${id} near rate`);
    }
    default:
      return decimalText(t.level, `${id} level`);
  }
}

function cleanAmount(t: Ticket): string | null {
  if (t.clean === null) return null;
  const face = new Decimal(decimalText(t.notional, `${t.tradeId} notional`));
  return face.mul(decimalText(t.clean, `${t.tradeId} clean`)).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

interface Security {
  symbol: string;
  id: { value: string; source: string } | null;
  alt: { value: string; source: string } | null;
  product: string | null;
  securityType: string | null;
}

function securityOf(t: Ticket, family: Family): Security {
  const code = t.instrument.code;
  const ascii = code !== null && /^[\x21-\x7e]+$/.test(code) ? code : null;
  switch (family) {
    case 'bond':
    case 'ncd': {
      const isin = isinIn(t);
      // The CIBM code is what CFETS trades and the depositories settle under; it has no FIX source
      // of its own, and "exchange symbol" (8) is the venue's code for the bond. An ISIN, when the
      // ticket carries one, is the global id and the CIBM code goes alongside as an alternative id.
      const cibm = ascii === null ? null : { value: ascii, source: ID_SOURCE.exchangeSymbol };
      const id = isin ? { value: isin, source: ID_SOURCE.isin } : cibm;
      const { product, securityType } = family === 'ncd' ? { product: PRODUCT.moneyMarket, securityType: 'CD' } : bondClass(t);
      return { symbol: ascii ?? NO_SYMBOL, id, alt: isin ? cibm : null, product, securityType };
    }
    case 'repo':
      // R001 / DR007 name the repo product, not a security: symbol only.
      return { symbol: ascii ?? NO_SYMBOL, id: null, alt: null, product: PRODUCT.financing, securityType: 'REPO' };
    case 'lending':
      // 4.4 has no interbank-loan type; CL (call loans) is the nearest (拆借 is the "call" market).
      return { symbol: ascii ?? NO_SYMBOL, id: null, alt: null, product: PRODUCT.moneyMarket, securityType: 'CL' };
    default:
      // FXSPOT / FXFWD / FXSWAP arrived in FIX 5.0; 4.4 has FOR (foreign exchange contract) for all three.
      return { symbol: /^[A-Z]{3}\/[A-Z]{3}$/.test(code ?? '') ? code! : NO_SYMBOL, id: null, alt: null, product: PRODUCT.currency, securityType: 'FOR' };
  }
}

/**
 * Product and SecurityType of a CIBM bond from its issuer (CGB, CDB, ADBC, EXIM, LGB-xx) or, when
 * the parser left the issuer out, from its code pattern (YY00NN CGB, YY02NN CDB, YY03NN EXIM,
 * YY04NN ADBC, 7 digits LGB). FIX 4.4's government types are US ones: TBOND/TBILL are the nearest,
 * and Product 6 (government) with Currency CNY keeps them from being read as US Treasuries.
 */
function bondClass(t: Ticket): { product: string | null; securityType: string | null } {
  const code = t.instrument.code ?? '';
  const issuer =
    t.instrument.issuer?.toUpperCase() ??
    (/^\d{2}00\d{2}$/.test(code) ? 'CGB' : /^\d{2}02\d{2}$/.test(code) ? 'CDB' : /^\d{2}03\d{2}$/.test(code) ? 'EXIM' : /^\d{2}04\d{2}$/.test(code) ? 'ADBC' : /^\d{7}$/.test(code) ? 'LGB' : null);
  if (issuer === 'CGB') {
    // 贴现国债 are discount bills; every other CGB pays coupons.
    const bill = /贴现/.test(t.instrument.name ?? '') || /^\d{2}99\d{2}$/.test(code);
    return { product: PRODUCT.government, securityType: bill ? 'TBILL' : 'TBOND' };
  }
  if (issuer === 'CDB' || issuer === 'ADBC' || issuer === 'EXIM') return { product: PRODUCT.agency, securityType: 'FAC' };
  // Local government bonds: general (GO) or special-purpose (REV) is not on the ticket, so no type.
  if (issuer !== null && /^LGB(-|$)/.test(issuer)) return { product: PRODUCT.municipal, securityType: null };
  if (issuer === null) return { product: null, securityType: null };
  return { product: PRODUCT.corporate, securityType: 'CORP' };
}

function counterCurrency(t: Ticket): string | null {
  const fromDetail = t.detail['counterCurrency'];
  if (typeof fromDetail === 'string' && /^[A-Z]{3}$/.test(fromDetail)) return fromDetail;
  const m = /^[A-Z]{3}\/([A-Z]{3})$/.exec(t.instrument.code ?? '');
  return m ? m[1]! : null;
}

/** An ISIN kept in the ticket's detail (the bond master has none yet), accepted only with a valid check digit. */
function isinIn(t: Ticket): string | null {
  const v = t.detail['isin'];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || !isValidIsin(v)) throw new OperationError(`${t.tradeId}: detail.isin ${JSON.stringify(v)} is not a valid ISIN`);
  return v;
}

/** ISO 6166: letters become 10–35, then the Luhn check over all the digits. */
export function isValidIsin(s: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(s)) return false;
  const digits = [...s].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isoDateIn(detail: Record<string, unknown>, key: string, id: string): string | null {
  const v = detail[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new OperationError(`${id}: detail.${key} ${JSON.stringify(v)} is not a date YYYY-MM-DD`);
  return v;
}

function wholeNumberIn(detail: Record<string, unknown>, key: string, id: string): number | null {
  const v = detail[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new OperationError(`${id}: detail.${key} ${JSON.stringify(v)} is not a positive whole number`);
  return v;
}

/** LocalMktDate YYYYMMDD from an ISO date. */
function fixDate(iso: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new OperationError(`${what}: "${iso}" is not a date YYYY-MM-DD`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** UTCTimestamp with milliseconds, YYYYMMDD-HH:MM:SS.sss, from an ISO instant in any zone. */
function utcTimestamp(iso: string, what: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new OperationError(`${what}: "${iso}" is not an instant`);
  const s = new Date(ms).toISOString(); // 2025-12-26T02:00:00.000Z
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}-${s.slice(11, 23)}`;
}
