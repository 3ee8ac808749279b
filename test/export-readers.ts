/**
 * Independent readers of the booking exports for end-to-end tests (CLI and HTTP): jspurefix (an
 * outside FIX 4.4 engine) for the FIX messages, and a small RFC 4180 reader for the CSV. Test-only:
 * not part of the build (tsconfig.build.json leaves test/ out).
 */
import type { MsgView } from 'jspurefix';
import { createRequire } from 'node:module';

export interface ParsedFix {
  msgType: string;
  /** The first value of each tag, as jspurefix split it. */
  tag(n: number): string | undefined;
  /** jspurefix's own checksum of the bytes vs the declared 10=. */
  checksumOk: boolean;
  missing: number[];
  invalid: number[];
  undefinedForMsg: string | null;
}

/**
 * jspurefix's FIX 4.4 parser with its bundled QuickFIX dictionary, set up once: the returned
 * function parses SOH-delimited text and calls `onMessage` with each message's type and view (a view
 * is only valid inside the callback).
 */
export async function jspurefixReader(): Promise<(wire: string, onMessage: (msgType: string, view: MsgView) => void) => void> {
  // tsyringe (jspurefix's DI container) needs the reflect polyfill first; take jspurefix's own.
  const require = createRequire(import.meta.url);
  createRequire(require.resolve('jspurefix'))('reflect-metadata');
  const jf = await import('jspurefix');
  const sys = new jf.SessionContainer();
  sys.registerGlobal('error');
  // A session description only to build the parser: no transport starts, nothing listens.
  const container = await sys.makeSystem({
    application: { type: 'initiator', name: 'export-reader', protocol: 'ascii', dictionary: 'qf44', tcp: { host: 'localhost', port: 0 }, resilient: false, reconnectSeconds: 0 },
    Name: 'export-reader',
    SenderCompId: 'MIDDLEOFFICE',
    TargetCompID: 'FINAGENT',
    SenderSubID: 'test',
    TargetSubID: 'test',
    ResetSeqNumFlag: true,
    Username: '',
    Password: '',
    BeginString: 'FIX.4.4',
    HeartBtInt: 30,
  });
  const config = container.resolve<import('jspurefix').IJsFixConfig>(jf.DITokens.IJsFixConfig);
  const sc = config.sessionContainer;
  return (wire, onMessage) => {
    const parser = new jf.AsciiParser(config, null, sc.resolve(jf.DITokens.ParseBuffer), sc.resolve<number>(jf.DITokens.maxMessageLen));
    parser.on('msg', onMessage);
    parser.parseText(wire);
  };
}

/** A parser of SOH-delimited FIX 4.4 messages: each message's first value per tag and jspurefix's checks. */
export async function fixParser(): Promise<(wire: string) => ParsedFix[]> {
  const read = await jspurefixReader();
  return (wire: string) => {
    const out: ParsedFix[] = [];
    read(wire, (msgType, view) => {
      // Views are only valid inside the callback: copy what the tests read.
      const tags = new Map<number, string>();
      const positions = view.structure!.tags;
      for (let i = 0; i < positions.nextTagPos; i++) {
        const t = positions.tagPos[i]!.tag;
        if (!tags.has(t)) tags.set(t, view.getString(t) ?? '');
      }
      out.push({
        msgType,
        tag: (n) => tags.get(n),
        checksumOk: Number.parseInt(view.getString(10) ?? '', 10) === view.checksum(),
        missing: view.missing(),
        invalid: view.invalid(),
        undefinedForMsg: view.undefinedForMsg(),
      });
    });
    return out;
  };
}

/** RFC 4180: quoted fields with doubled quotes, CRLF record ends; returns header-keyed rows. */
export function readCsv(text: string): Array<Record<string, string>> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || record.length) throw new Error('CSV does not end with CRLF');
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`CSV row has ${r.length} fields, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}
