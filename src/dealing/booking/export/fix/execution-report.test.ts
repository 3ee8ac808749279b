/**
 * The ExecutionReports read back by an independent FIX engine: jspurefix (MIT, pure TypeScript) parses
 * them against its FIX 4.4 QuickFIX dictionary, checks the CheckSum the way its session layer does,
 * reports missing required / unknown / misplaced tags, and types every field, so the ticket's fields
 * must come back from its parse, not from our own formatter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jspurefixReader } from '../../../../../test/export-readers.js';
import { OperationError, UserInputError } from '../../../../runtime/errors.js';
import { blotterDay, bondCdb, bondCgbApproved, bondPending, fxForward, fxSpot, fxSwap, lending, lendingRejected, ncd, repo } from '../fixtures.js';
import type { ExportRecord } from '../schema.js';
import { executionReportBody, isValidIsin, joinFixMessages, toFixExecutionReports, type FixExportOptions } from './execution-report.js';
import { checkFixFraming, encodeFixMessage, fixForHumans, SOH } from './framing.js';

const opts: FixExportOptions = {
  senderCompId: 'FINAGENT-DESK',
  targetCompId: 'BACKOFFICE',
  startSeqNum: 41,
  sendingTime: new Date('2025-12-26T09:30:00.123Z'),
};

/** What the library made of one message (its views live only inside the callback). */
interface Parsed {
  msgType: string;
  /** Every occurrence of each tag, as the library split it (group fields repeat). */
  strings: Map<number, string[]>;
  object: unknown;
  libraryChecksum: number;
  declaredChecksum: string;
  /** BodyLength as measured on the library's field positions: from 35= to the SOH before 10=. */
  measuredBodyLength: number;
  declaredBodyLength: number;
  missing: number[];
  invalid: number[];
  undefinedForMsg: string | null;
}

let parse: (wire: string) => Parsed[];

beforeAll(async () => {
  const read = await jspurefixReader();
  parse = (wire: string) => {
    const out: Parsed[] = [];
    read(wire, (msgType, view) => {
      const tags = view.structure!.tags;
      const positions = tags.tagPos.slice(0, tags.nextTagPos);
      const strings = new Map<number, string[]>();
      // getStrings on a fresh view reads an index only getString builds (jspurefix 5.11.4): build it first.
      view.getString(35);
      for (const tag of new Set(positions.map((p) => p.tag))) strings.set(tag, (view.getStrings(tag) ?? []).map((s) => s ?? ''));
      const p35 = positions.find((p) => p.tag === 35)!;
      const p10 = positions[positions.length - 1]!;
      out.push({
        msgType,
        strings,
        object: view.toObject(),
        libraryChecksum: view.checksum(),
        declaredChecksum: view.getString(10) ?? '',
        measuredBodyLength: p10.start - '10='.length - (p35.start - '35='.length),
        declaredBodyLength: Number(view.getString(9)),
        missing: view.missing(),
        invalid: view.invalid(),
        undefinedForMsg: view.undefinedForMsg(),
      });
    });
    return out;
  };
});

/** What jspurefix's session does on receipt (AsciiSession.checkIntegrity): parse 10 and compare. */
const checksumAccepted = (p: Parsed) => Number.parseInt(p.declaredChecksum, 10) === p.libraryChecksum;

const one = (p: Parsed, tag: number): string | undefined => {
  const v = p.strings.get(tag);
  expect(v?.length ?? 0, `tag ${tag} occurs more than once`).toBeLessThanOrEqual(1);
  return v?.[0];
};

function dig(o: unknown, ...path: (string | number)[]): unknown {
  let cur = o;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

const isoDay = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

function reportsFor(records: readonly ExportRecord[]) {
  const reports = toFixExecutionReports(records, opts);
  const parsed = parse(reports.map((r) => r.message).join(''));
  expect(parsed).toHaveLength(reports.length);
  return { reports, parsed };
}

describe('FIX 4.4 ExecutionReports, parsed by jspurefix', () => {
  it('parse cleanly: right type, no missing required, unknown or misplaced tags, 9 and 10 accepted', () => {
    const { reports, parsed } = reportsFor(blotterDay);
    expect(reports.map((r) => r.tradeId)).toEqual(blotterDay.filter((r) => r.ticket.status === 'booked').map((r) => r.ticket.tradeId));
    for (const p of parsed) {
      expect(p.msgType).toBe('8');
      expect(p.missing).toEqual([]);
      expect(p.invalid).toEqual([]);
      expect(p.undefinedForMsg).toBeNull();
      expect(checksumAccepted(p)).toBe(true);
      expect(p.declaredChecksum).toMatch(/^\d{3}$/);
      expect(p.measuredBodyLength).toBe(p.declaredBodyLength);
      expect(dig(p.object, 'StandardHeader', 'BeginString')).toBe('FIX.4.4');
    }
    for (const r of reports) expect(checkFixFraming(r.message).ok).toBe(true);
  });

  it('the library rejects a corrupted copy: one byte changed fails the checksum, a byte added breaks BodyLength', () => {
    const [report] = toFixExecutionReports([bondCdb], opts);
    const flipped = report!.message.replace(`${SOH}38=50000000${SOH}`, `${SOH}38=60000000${SOH}`);
    expect(flipped).not.toBe(report!.message);
    const [bad] = parse(flipped);
    expect(checksumAccepted(bad!)).toBe(false);
    expect(bad!.libraryChecksum).toBe((Number(bad!.declaredChecksum) + 1) % 256); // '5' → '6' adds one

    // jspurefix itself does not police BodyLength; measured on its own field positions, the lie shows.
    const longer = report!.message.replace(`${SOH}38=50000000${SOH}`, `${SOH}38=500000000${SOH}`);
    const [grown] = parse(longer);
    expect(grown!.measuredBodyLength).toBe(grown!.declaredBodyLength + 1);
    expect(checkFixFraming(longer).ok).toBe(false);
  });

  it('carries the RFQ id in ClOrdID because a FIX 4.4 parser flags RFQReqID (644) in an ExecutionReport', () => {
    const body = executionReportBody(bondCdb);
    expect(body.filter(([tag]) => tag === 11)).toEqual([[11, bondCdb.ticket.rfqId]]);
    const at = body.findIndex(([tag]) => tag === 11) + 1;
    const with644 = encodeFixMessage('FIX.4.4', [[35, '8'], [49, 'A'], [56, 'B'], [34, '1'], [52, '20251226-09:00:00.000'], [347, 'UTF-8'], ...body.slice(0, at), [644, bondCdb.ticket.rfqId], ...body.slice(at)]);
    const [p] = parse(with644);
    expect(p!.invalid).toEqual([644]);
    expect(p!.undefinedForMsg).toMatch(/644/);
  });

  it('numbers the batch from startSeqNum, stamps one SendingTime and gives each ticket one stable ExecID', () => {
    const { reports, parsed } = reportsFor(blotterDay);
    expect(reports.map((r) => r.msgSeqNum)).toEqual([41, 42, 43, 44, 45, 46, 47, 48]);
    expect(parsed.map((p) => one(p, 34))).toEqual(['41', '42', '43', '44', '45', '46', '47', '48']);
    for (const p of parsed) {
      expect(one(p, 49)).toBe('FINAGENT-DESK');
      expect(one(p, 56)).toBe('BACKOFFICE');
      expect(one(p, 52)).toBe('20251226-09:30:00.123');
      expect(dig(p.object, 'StandardHeader', 'SendingTime')).toEqual(new Date('2025-12-26T09:30:00.123Z'));
    }
    const execIds = parsed.map((p) => one(p, 17));
    expect(new Set(execIds).size).toBe(execIds.length);
    // Stable: the same tickets give the same ExecIDs in a later run with other sequence numbers.
    const again = parse(toFixExecutionReports(blotterDay, { ...opts, startSeqNum: 1000, sendingTime: new Date('2025-12-27T01:00:00Z') }).map((r) => r.message).join(''));
    expect(again.map((p) => one(p, 17))).toEqual(execIds);
  });

  it('round-trips every booked ticket: ids, RFQ cross-reference, side, quantity, dates, parties', () => {
    const booked = blotterDay.filter((r) => r.ticket.status === 'booked');
    const { parsed } = reportsFor(booked);
    booked.forEach((r, i) => {
      const p = parsed[i]!;
      const t = r.ticket;
      const o = p.object;
      expect(dig(o, 'OrderID')).toBe(t.tradeId);
      expect(dig(o, 'ExecID')).toBe(`${t.tradeId}-F`);
      expect(dig(o, 'ClOrdID')).toBe(t.rfqId);
      expect([dig(o, 'ExecType'), dig(o, 'OrdStatus')]).toEqual(['F', '2']);
      const clientSide = ['buy', 'lend'].includes(t.side) ? '1' : '2';
      expect(dig(o, 'Side')).toBe(clientSide);
      expect(dig(o, 'OrderQtyData', 'OrderQty')).toBe(t.notional);
      expect(dig(o, 'LastQty')).toBe(t.notional);
      expect(dig(o, 'CumQty')).toBe(t.notional);
      expect(dig(o, 'LeavesQty')).toBe(0);
      expect(dig(o, 'Currency')).toBe(t.currency);
      expect(isoDay(dig(o, 'TradeDate'))).toBe(t.tradeDate);
      expect(dig(o, 'TransactTime')).toEqual(new Date(r.stages.accepted!));
      expect(dig(o, 'TransBkdTime')).toEqual(new Date(r.stages.booked!));
      expect(dig(o, 'NetMoney')).toBe(t.settlementAmount);
      expect(dig(o, 'Parties', 'NoPartyIDs')).toEqual([
        { PartyID: t.client, PartyIDSource: 'D', PartyRole: 3 },
        { PartyID: t.trader, PartyIDSource: 'D', PartyRole: 12 },
      ]);
      const px = Number(one(p, 31));
      expect(Number(one(p, 44))).toBe(px);
      expect(Number(one(p, 6))).toBe(px);
    });
  });

  it('a CDB bond: clean price, yield, CIBM code as exchange symbol, Chinese short name as UTF-8, cash that adds up', () => {
    const [p] = reportsFor([bondCdb]).parsed;
    const o = p!.object;
    expect(dig(o, 'Instrument')).toMatchObject({ Symbol: '220205', SecurityID: '220205', SecurityIDSource: '8', Product: 1, SecurityType: 'FAC' });
    expect(isoDay(dig(o, 'Instrument', 'MaturityDate'))).toBe('2032-01-17');
    const desc = dig(o, 'Instrument', 'EncodedSecurityDesc');
    expect(Buffer.isBuffer(desc) && desc.toString('utf8')).toBe('22国开05');
    expect(dig(o, 'Instrument', 'EncodedSecurityDescLen')).toBe(Buffer.byteLength('22国开05'));
    expect(dig(o, 'StandardHeader', 'MessageEncoding')).toBe('UTF-8');
    expect(dig(o, 'Side')).toBe('2'); // the client sells; the bank buys
    expect([one(p!, 44), one(p!, 31), one(p!, 423)]).toEqual(['106.5851', '106.5851', '1']);
    expect(dig(o, 'YieldData')).toEqual({ YieldType: 'MATURITY', Yield: 1.84 });
    expect([one(p!, 381), one(p!, 159), one(p!, 118)]).toEqual(['53292550.00', '1421950.00', '54714500.00']);
    expect(Number(one(p!, 381)) + Number(one(p!, 159))).toBe(Number(one(p!, 118)));
    expect(isoDay(dig(o, 'SettlDate'))).toBe('2025-12-29');
    expect([one(p!, 75), one(p!, 64), one(p!, 60)]).toEqual(['20251226', '20251229', '20251226-02:01:30.000']);
  });

  it('a CGB with an ISIN: ISIN as the security id, the CIBM code as an alternative id; a government bond type', () => {
    expect(isValidIsin('US0378331005')).toBe(true); // a published ISIN: the check digit algorithm is right
    expect(isValidIsin('US0378331006')).toBe(false);
    expect(isValidIsin('CN0000180017')).toBe(true);
    const [p] = reportsFor([bondCgbApproved]).parsed;
    expect(dig(p!.object, 'Instrument')).toMatchObject({
      Symbol: '180019',
      SecurityID: 'CN0000180017',
      SecurityIDSource: '4',
      SecAltIDGrp: { NoSecurityAltID: [{ SecurityAltID: '180019', SecurityAltIDSource: '8' }] },
      Product: 6,
      SecurityType: 'TBOND',
    });
    expect(dig(p!.object, 'Side')).toBe('1');
    // Dealt when the client accepted, booked when the desk head approved.
    expect([one(p!, 60), one(p!, 483)]).toEqual(['20251226-02:02:40.000', '20251226-02:05:00.000']);
    const bad = { ...bondCgbApproved, ticket: { ...bondCgbApproved.ticket, detail: { ...bondCgbApproved.ticket.detail, isin: 'CN0000180018' } } };
    expect(() => toFixExecutionReports([bad], opts)).toThrow(/detail.isin "CN0000180018" is not a valid ISIN/);
  });

  it('an NCD bucket without a code: Symbol [N/A], no security id, certificate of deposit', () => {
    const [p] = reportsFor([ncd]).parsed;
    expect(dig(p!.object, 'Instrument')).toEqual({ Symbol: '[N/A]', Product: 9, SecurityType: 'CD', MaturityDate: new Date('2026-12-29T00:00:00.000Z') });
    expect([one(p!, 31), one(p!, 236), one(p!, 159), one(p!, 118)]).toEqual(['98.3961', '1.63', '0.00', '196792200.00']);
  });

  it('a repo: rate as price and repurchase rate, term, start/end cash and dates; the cash lender buys', () => {
    const [p] = reportsFor([repo]).parsed;
    const o = p!.object;
    expect(dig(o, 'Instrument')).toEqual({ Symbol: 'DR007', Product: 13, SecurityType: 'REPO', RepurchaseTerm: 7, RepurchaseRate: 1.52 });
    expect(dig(o, 'Side')).toBe('1');
    expect(dig(o, 'FinancingDetails', 'TerminationType')).toBe(2);
    expect([isoDay(dig(o, 'FinancingDetails', 'StartDate')), isoDay(dig(o, 'FinancingDetails', 'EndDate'))]).toEqual(['2025-12-26', '2026-01-02']);
    expect([one(p!, 44), one(p!, 157), one(p!, 738), one(p!, 921), one(p!, 922)]).toEqual(['1.52', '7', '145753.42', '500000000.00', '500145753.42']);
    expect(Number(one(p!, 921)) + Number(one(p!, 738))).toBe(Number(one(p!, 922)));
  });

  it('interbank lending: call loan, the borrower sells, ACT/360 interest carried as given', () => {
    const [p] = reportsFor([lending]).parsed;
    expect(dig(p!.object, 'Instrument')).toEqual({ Symbol: '[N/A]', Product: 9, SecurityType: 'CL', SecurityDesc: '1M interbank lending' });
    expect(dig(p!.object, 'Side')).toBe('2');
    expect([one(p!, 44), one(p!, 157), one(p!, 738), one(p!, 922), one(p!, 917)]).toEqual(['1.65', '31', '142083.33', '100142083.33', '20260126']);
  });

  it('FX spot and forward: all-in rate, base amount, counter-currency cash, spot vs future settlement', () => {
    const [spot, fwd] = reportsFor([fxSpot, fxForward]).parsed;
    expect(dig(spot!.object, 'Instrument')).toEqual({ Symbol: 'USD/CNY', Product: 4, SecurityType: 'FOR' });
    expect([one(spot!, 54), one(spot!, 31), one(spot!, 38), one(spot!, 15), one(spot!, 63), one(spot!, 64)]).toEqual(['1', '7.0085', '10000000', 'USD', '0', '20251230']);
    expect([one(spot!, 118), one(spot!, 119), one(spot!, 120)]).toEqual(['70085000.00', '70085000.00', 'CNY']);
    expect([one(fwd!, 54), one(fwd!, 31), one(fwd!, 63), one(fwd!, 64), one(fwd!, 118)]).toEqual(['2', '6.9812', '6', '20260330', '34906000.00']);
  });

  it('an FX swap: near leg at the spot rate, far leg = spot + LastForwardPoints2 on the far date', () => {
    const [p] = reportsFor([fxSwap]).parsed;
    const o = p!.object;
    expect(dig(o, 'Side')).toBe('1'); // buys USD near, sells far
    expect([one(p!, 31), one(p!, 194), one(p!, 64)]).toEqual(['7.0082', '7.0082', '20251230']);
    expect([one(p!, 192), one(p!, 193), one(p!, 641)]).toEqual(['20000000', '20261230', '-0.1103']);
    expect(isoDay(dig(o, 'SettlDate2'))).toBe('2026-12-30');
    // far all-in on the ticket, in exact decimals: 7.0082 + (−0.1103) = 6.8979
    const [whole, frac] = ['7.0082', '-0.1103'].map((s) => Math.round(Number(s) * 1e4));
    expect((whole! + frac!) / 1e4).toBe(fxSwap.ticket.detail['farRate']);
    expect([one(p!, 118), one(p!, 120)]).toEqual(['140164000.00', 'CNY']);
  });

  it('exports no message for a pending or a rejected ticket', () => {
    expect(toFixExecutionReports([bondPending, lendingRejected], opts)).toEqual([]);
  });

  it('joins messages one per line and renders them with | for people', () => {
    const reports = toFixExecutionReports([bondCdb, repo], opts);
    const joined = joinFixMessages(reports);
    expect(joined.split('\n')).toHaveLength(3);
    expect(parse(joined.replaceAll('\n', ''))).toHaveLength(2);
    const human = fixForHumans(reports[1]!.message);
    expect(human.startsWith('8=FIX.4.4|9=')).toBe(true);
    expect(human).toMatch(/\|35=8\|49=FINAGENT-DESK\|56=BACKOFFICE\|34=42\|52=20251226-09:30:00.123\|37=T-20251226-0004\|11=RFQ-20251226-0104\|/);
    expect(human).not.toContain(SOH);
  });

  it('refuses bad options and tickets it cannot map', () => {
    expect(() => toFixExecutionReports([bondCdb], { ...opts, startSeqNum: 0 })).toThrow(UserInputError);
    expect(() => toFixExecutionReports([bondCdb], { ...opts, senderCompId: 'DESK 1' })).toThrow(/senderCompId/);
    expect(() => toFixExecutionReports([bondCdb], { ...opts, sendingTime: new Date(Number.NaN) })).toThrow(/sendingTime/);
    const irs = { ...bondCdb, ticket: { ...bondCdb.ticket, instrument: { ...bondCdb.ticket.instrument, kind: 'irs' } } };
    expect(() => toFixExecutionReports([irs], opts)).toThrow(OperationError);
    expect(() => toFixExecutionReports([irs], opts)).toThrow(/no FIX mapping for product kind "irs"/);
    const borrowBond = { ...bondCdb, ticket: { ...bondCdb.ticket, side: 'borrow' as const } };
    expect(() => toFixExecutionReports([borrowBond], opts)).toThrow(/side "borrow" does not apply to bond/);
    const chineseClient = { ...bondCdb, ticket: { ...bondCdb.ticket, client: '华夏城商' } };
    expect(() => toFixExecutionReports([chineseClient], opts)).toThrow(/tag 448 value "华夏城商" is not printable ASCII/);
  });

  it('names the executing firm as a party when asked', () => {
    const body = executionReportBody(bondCdb, { executingFirm: 'HUAXIN-BANK' });
    expect(body.filter(([tag]) => tag === 453 || tag === 448 || tag === 452)).toEqual([
      [453, '3'], [448, 'CLI-HXBK'], [452, '3'], [448, 't.zhang'], [452, '12'], [448, 'HUAXIN-BANK'], [452, '1'],
    ]);
    const [p] = parse(toFixExecutionReports([bondCdb], { ...opts, executingFirm: 'HUAXIN-BANK' })[0]!.message);
    expect(dig(p!.object, 'Parties', 'NoPartyIDs', 2)).toEqual({ PartyID: 'HUAXIN-BANK', PartyIDSource: 'D', PartyRole: 1 });
  });
});
