/**
 * FIX tag=value framing: BeginString (8), BodyLength (9), CheckSum (10). Written here, not borrowed
 * from a FIX engine, so the test can hold it against an independent parser and published messages.
 *
 * BodyLength = bytes from the first byte after the SOH that ends 9=… up to and including the SOH just
 * before 10=. CheckSum = sum of every byte from 8= up to and including that same SOH, modulo 256, as
 * three digits. Both count bytes, not characters: a UTF-8 value in an Encoded* field counts per byte.
 */
import { OperationError } from '../../../../runtime/errors.js';

export const SOH = '\u0001';

/** A field as it goes on the wire: tag number and its already formatted value. */
export type FixField = readonly [tag: number, value: string];

/**
 * Data-typed fields carry raw bytes whose length goes in the preceding Len field; only there may a
 * value leave printable ASCII (EncodedSecurityDesc holds a Chinese short name as UTF-8).
 */
const DATA_TAGS: ReadonlySet<number> = new Set([89, 91, 213, 349, 351]);
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

const utf8 = new TextEncoder();

export function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** Sum of the bytes modulo 256, zero-padded to three digits (FIX "CheckSum" is a 3-char string). */
export function fixChecksum(bytes: string | Uint8Array): string {
  const b = typeof bytes === 'string' ? utf8.encode(bytes) : bytes;
  let sum = 0;
  for (const x of b) sum = (sum + x) & 0xff;
  return String(sum).padStart(3, '0');
}

function fieldText([tag, value]: FixField): string {
  if (!Number.isInteger(tag) || tag <= 0) throw new OperationError(`FIX tag ${tag} is not a positive whole number`);
  if (value === '') throw new OperationError(`FIX tag ${tag} has an empty value`);
  if (DATA_TAGS.has(tag)) {
    if (value.includes(SOH)) throw new OperationError(`FIX data tag ${tag} contains SOH`);
  } else if (!PRINTABLE_ASCII.test(value)) {
    throw new OperationError(`FIX tag ${tag} value ${JSON.stringify(value)} is not printable ASCII`);
  }
  return `${tag}=${value}${SOH}`;
}

/**
 * A complete message: `8=<beginString>|9=<n>|` + fields + `10=<sum>|` (| = SOH). `fields` start at
 * MsgType (35); header order is the caller's. The result is a JS string whose UTF-8 bytes are the
 * message: write it as UTF-8.
 */
export function encodeFixMessage(beginString: string, fields: readonly FixField[]): string {
  if (fields[0]?.[0] !== 35) throw new OperationError('a FIX message body starts with MsgType (35)');
  const body = fields.map(fieldText).join('');
  const head = `${fieldText([8, beginString])}${fieldText([9, String(byteLength(body))])}`;
  return `${head}${body}10=${fixChecksum(head + body)}${SOH}`;
}

/** The same message with SOH shown as `|`, for people and logs; not for the wire. */
export function fixForHumans(message: string): string {
  return message.replaceAll(SOH, '|');
}

export interface FixFraming {
  bodyLength: { declared: number; actual: number };
  checksum: { declared: string; actual: string };
  ok: boolean;
}

/** Recomputes 9 and 10 of one SOH-delimited message (the check a receiving engine makes). */
export function checkFixFraming(message: string): FixFraming {
  const bytes = utf8.encode(message);
  const at = (needle: string, from: number) => indexOfBytes(bytes, utf8.encode(needle), from);
  if (at(`8=`, 0) !== 0) throw new OperationError('a FIX message starts with 8=');
  const lenStart = at(`${SOH}9=`, 0);
  if (lenStart < 0) throw new OperationError('no BodyLength (9) after BeginString');
  const lenEnd = at(SOH, lenStart + 1);
  const declaredLength = Number(new TextDecoder().decode(bytes.subarray(lenStart + 3, lenEnd)));
  const bodyStart = lenEnd + 1;
  // The trailer is the last field; search from the end so a 10= inside a data field cannot fool it.
  const trailer = lastIndexOfBytes(bytes, utf8.encode(`${SOH}10=`));
  if (trailer < 0 || bytes[bytes.length - 1] !== 1) throw new OperationError('no CheckSum (10) trailer ending in SOH');
  const bodyEnd = trailer + 1;
  const declaredSum = new TextDecoder().decode(bytes.subarray(trailer + 4, bytes.length - 1));
  const actualSum = fixChecksum(bytes.subarray(0, bodyEnd));
  const actualLength = bodyEnd - bodyStart;
  return {
    bodyLength: { declared: declaredLength, actual: actualLength },
    checksum: { declared: declaredSum, actual: actualSum },
    ok: declaredLength === actualLength && declaredSum === actualSum,
  };
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
