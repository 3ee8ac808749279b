import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../../runtime/errors.js';
import { checkFixFraming, encodeFixMessage, fixChecksum, fixForHumans, SOH, type FixField } from './framing.js';

const wire = (pipes: string) => pipes.replaceAll('|', SOH);

/** Splits a |-rendered message into fields after 8 and 9, up to (not including) 10. */
function fieldsOf(pipes: string): FixField[] {
  return pipes
    .split('|')
    .filter((f) => f !== '')
    .map((f): FixField => [Number(f.slice(0, f.indexOf('='))), f.slice(f.indexOf('=') + 1)])
    .filter(([tag]) => tag !== 8 && tag !== 9 && tag !== 10);
}

describe('FIX framing: BodyLength (9) and CheckSum (10)', () => {
  it('matches a heartbeat worked out by hand', () => {
    // Body "35=0|" is 5 bytes. Byte sums: "8=FIX.4.4|" = 56+61+70+73+88+46+52+46+52+1 = 545,
    // "9=5|" = 57+61+53+1 = 172, "35=0|" = 51+53+61+48+1 = 214; 545+172+214 = 931 ≡ 163 (mod 256).
    expect(fixForHumans(encodeFixMessage('FIX.4.4', [[35, '0']]))).toBe('8=FIX.4.4|9=5|35=0|10=163|');
    expect(fixChecksum(wire('8=FIX.4.4|9=5|35=0|'))).toBe('163');
  });

  it('reproduces a published ExecutionReport byte for byte (9=178, 10=128)', () => {
    // The FIX 4.2 example used by the Wikipedia / FIX primer articles, whose 9 and 10 were checked
    // with QuickFIX; we rebuild 9 and 10 from its fields alone.
    const published =
      '8=FIX.4.2|9=178|35=8|49=PHLX|56=PERS|52=20071123-05:30:00.000|11=ATOMNOCCC9990900|20=3|150=E|39=E|55=MSFT|167=CS|54=1|38=15|40=2|44=15|58=PHLX EQUITY TESTING|59=0|47=C|32=0|31=0|151=15|14=0|6=0|10=128|';
    const ours = encodeFixMessage('FIX.4.2', fieldsOf(published));
    expect(fixForHumans(ours)).toBe(published);
    expect(checkFixFraming(wire(published))).toEqual({ bodyLength: { declared: 178, actual: 178 }, checksum: { declared: '128', actual: '128' }, ok: true });
  });

  it('pads the checksum to three digits', () => {
    // Each extra "A" adds 65 (odd) to the sum, so 256 lengths walk through the residues and reach
    // sums below 10 and 100, which must still print as three digits.
    const sums = Array.from({ length: 256 }, (_, i) => /10=(\d+)\u0001$/.exec(encodeFixMessage('FIX.4.4', [[35, '0'], [112, `T${'A'.repeat(i)}`]]))![1]!);
    for (const s of sums) expect(s).toMatch(/^\d{3}$/);
    expect(sums).toContain('000');
    expect(sums).toContain('007');
  });

  it('counts bytes, not characters, in UTF-8 data fields', () => {
    // "35=8|" 5 bytes + "350=3|" 6 bytes + "351=国|" 4 + 3 (国 is E5 9B BD) + 1 = 19 bytes for 17 characters.
    const m = encodeFixMessage('FIX.4.4', [[35, '8'], [350, '3'], [351, '国']]);
    expect(m).toContain(`${SOH}9=19${SOH}`);
    expect(checkFixFraming(m).ok).toBe(true);
  });

  it('checkFixFraming catches a wrong BodyLength and a corrupted byte', () => {
    const good = encodeFixMessage('FIX.4.4', [[35, '8'], [38, '50000000']]);
    expect(checkFixFraming(good).ok).toBe(true);
    const longer = good.replace(`${SOH}38=50000000${SOH}`, `${SOH}38=500000000${SOH}`);
    const r1 = checkFixFraming(longer);
    expect(r1.ok).toBe(false);
    expect(r1.bodyLength.actual).toBe(r1.bodyLength.declared + 1);
    const flipped = good.replace('38=5', '38=6'); // same length, sum off by one
    const r2 = checkFixFraming(flipped);
    expect(r2.bodyLength.actual).toBe(r2.bodyLength.declared);
    expect(r2.checksum.actual).not.toBe(r2.checksum.declared);
    expect(r2.ok).toBe(false);
  });

  it('refuses values FIX cannot carry', () => {
    expect(() => encodeFixMessage('FIX.4.4', [[49, 'A']])).toThrow(/starts with MsgType/);
    expect(() => encodeFixMessage('FIX.4.4', [[35, '8'], [55, '']])).toThrow(/empty value/);
    expect(() => encodeFixMessage('FIX.4.4', [[35, '8'], [55, `A${SOH}B`]])).toThrow(/not printable ASCII/);
    expect(() => encodeFixMessage('FIX.4.4', [[35, '8'], [107, '22国开05']])).toThrow(OperationError);
    expect(() => encodeFixMessage('FIX.4.4', [[35, '8'], [351, `x${SOH}`]])).toThrow(/contains SOH/);
    expect(() => encodeFixMessage('FIX.4.4', [[35, '8'], [0, 'x']])).toThrow(/not a positive whole number/);
  });
});
