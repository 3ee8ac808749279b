import { describe, expect, it } from 'vitest';
import { ToolRefusal } from '../../runtime/errors.js';
import { allowedEvents, isStatus, isTerminal, nextStatus, transition, type HasStatus } from './state-machine.js';

describe('RFQ state machine', () => {
  it('walks the happy path REQUESTED → QUOTED ⇄ COUNTERED → ACCEPTED → DONE', () => {
    const r0: HasStatus<'REQUESTED'> = { id: 'R1', status: 'REQUESTED' };
    const q = transition(r0, 'quote');
    const c = transition(q, 'counter');
    const q2 = transition(c, 'improve');
    const a = transition(q2, 'accept');
    const d = transition(a, 'book');
    expect([q.status, c.status, q2.status, a.status, d.status]).toEqual(['QUOTED', 'COUNTERED', 'QUOTED', 'ACCEPTED', 'DONE']);
  });

  it('routes a large quote through PENDING_APPROVAL before it is firm, never after acceptance', () => {
    const r: HasStatus<'REQUESTED'> = { id: 'R2', status: 'REQUESTED' };
    const p = transition(r, 'request_approval');
    expect(transition(p, 'approve').status).toBe('QUOTED');
    expect(transition(p, 'reject').status).toBe('REJECTED');
    expect(transition(p, 'expire').status).toBe('EXPIRED');
    expect(transition(transition(p, 'counter'), 'request_approval').status).toBe('PENDING_APPROVAL');
    const accepted: HasStatus<'ACCEPTED'> = { id: 'R2b', status: 'ACCEPTED' };
    // @ts-expect-error an accepted deal is not sent for approval: approval comes before the firm quote
    expect(() => transition(accepted, 'request_approval')).toThrow(/ACCEPTED: cannot request_approval/);
  });

  it('rejects illegal pairs in the types and at run time', () => {
    const done: HasStatus<'DONE'> = { id: 'R3', status: 'DONE' };
    // @ts-expect-error a DONE RFQ cannot be accepted
    expect(() => transition(done, 'accept')).toThrow(/R3 is DONE: cannot accept \(it is final\)/);
    const quoted: HasStatus<'QUOTED'> = { id: 'R4', status: 'QUOTED' };
    // @ts-expect-error a quote cannot be booked without being accepted
    expect(() => transition(quoted, 'book')).toThrow(ToolRefusal);
    expect(() => nextStatus('REQUESTED', 'accept', 'R5')).toThrow(/allowed: quote, request_approval, reject, cancel/);
  });

  it('knows the terminal states and narrows loaded records', () => {
    expect(['DONE', 'EXPIRED', 'REJECTED', 'CANCELLED', 'NOTHING_DONE'].every((s) => isTerminal(s as never))).toBe(true);
    expect(isTerminal('QUOTED')).toBe(false);
    expect(allowedEvents('PENDING_APPROVAL')).toEqual(['approve', 'counter', 'request_approval', 'reject', 'expire', 'cancel', 'pass']);
    const loaded: HasStatus = { id: 'R6', status: 'QUOTED' };
    if (isStatus(loaded, 'QUOTED')) expect(transition(loaded, 'pass').status).toBe('NOTHING_DONE');
    else throw new Error('guard failed');
  });
});
