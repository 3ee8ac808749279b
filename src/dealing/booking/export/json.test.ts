import { describe, expect, it } from 'vitest';
import { TicketSchema } from '../ticket.js';
import { blotterDay, bondCdb, bondCgbApproved, fxSwap } from './fixtures.js';
import { toJson, toJsonLines } from './json.js';
import { ExportedTicketSchema, type ExportRecord } from './schema.js';

describe('toJsonLines / toJson', () => {
  it('writes one ticket per line that parses back, against the ticket schema, to the ticket + cursor + stages', () => {
    const text = toJsonLines(blotterDay);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(blotterDay.length);
    lines.forEach((line, i) => {
      const obj = JSON.parse(line) as Record<string, unknown>;
      const parsed = ExportedTicketSchema.parse(obj);
      const { cursor, stages, ...ticket } = parsed;
      expect(TicketSchema.parse(ticket)).toEqual(blotterDay[i]!.ticket);
      expect(cursor).toBe(blotterDay[i]!.cursor);
      expect(stages).toEqual(blotterDay[i]!.stages);
      expect(Object.keys(obj)[0]).toBe('cursor');
      expect(Object.keys(obj).at(-1)).toBe('stages');
    });
  });

  it('writes the same objects as one JSON array', () => {
    const arr = JSON.parse(toJson(blotterDay)) as unknown[];
    expect(arr).toEqual(toJsonLines(blotterDay).trimEnd().split('\n').map((l) => JSON.parse(l)));
    expect(JSON.parse(toJson([]))).toEqual([]);
  });

  it('keeps detail (swap legs, exact amounts as text) and resolves the approver', () => {
    const [swap] = toJsonLines([fxSwap]).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(swap!['detail']).toEqual(fxSwap.ticket.detail);
    expect(swap!['level']).toBe(-1103);
    const [over] = toJsonLines([{ ...bondCgbApproved, approver: 'l.wang' }]).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(over!['approver']).toBe('l.wang');
  });

  it('drops float noise from the stored numbers, which stay numbers', () => {
    const noisy: ExportRecord = { ...bondCdb, ticket: { ...bondCdb.ticket, notional: 3 * 1.1 * 1e7, level: 0.7 + 0.1, clean: 0.1 + 0.2 } };
    expect(JSON.stringify(noisy.ticket)).toContain('"notional":33000000.000000004,'); // the artefacts are real
    const line = toJsonLines([noisy]);
    expect(line).toContain('"notional":33000000,');
    expect(line).toContain('"level":0.8,');
    expect(line).toContain('"clean":0.3,');
  });

  it('refuses a record that does not validate', () => {
    const bad = { ...bondCdb, stages: { ...bondCdb.stages, booked: null } };
    expect(() => toJsonLines([bad])).toThrow(/cannot export T-20251226-0001: stages.booked/);
  });
});
