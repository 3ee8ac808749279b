/**
 * The desk's own bond list at `<FINAGENT_HOME>/market/bonds.json`, layered over the bundled bond
 * master: desk rows win by code. Written by `finagent dealing import-bonds`; read by whoever loads
 * market data (`mergeBondMasters(bundled, loadDeskBonds(home))`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { UserInputError } from '../../runtime/errors.js';
import { BondSchema, type Bond, type BondMasterFile } from './bond-master.js';
import { validateMarketJson } from './load-json.js';

/** `<home>/market/bonds.json`: same file name as the bundle, so the folder reads like a bundle. */
export function deskBondsPath(home: string): string {
  return join(home, 'market', 'bonds.json');
}

export const DeskBondListSchema = z
  .object({
    /** What wrote the file and when (ISO 8601), for the audit trail of reference data. */
    updatedAt: z.string().optional(),
    /** The CSV file(s) the rows came from, as given on the command line. */
    importedFrom: z.array(z.string()).optional(),
    bonds: z.array(BondSchema),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.bonds.forEach((b, i) => {
      if (seen.has(b.code)) ctx.addIssue({ code: 'custom', path: ['bonds', i, 'code'], message: `duplicate bond code ${b.code}` });
      seen.add(b.code);
    });
  });
export type DeskBondList = z.infer<typeof DeskBondListSchema>;

/** The desk's bonds; none (empty list) when the file does not exist. A bad file names file and field. */
export function loadDeskBonds(home: string): Bond[] {
  return readDeskList(home).bonds;
}

function readDeskList(home: string): DeskBondList {
  const file = deskBondsPath(home);
  if (!existsSync(file)) return { bonds: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserInputError(`desk bond list ${file}: invalid JSON (${(e as Error).message})`, { file });
  }
  return validateMarketJson(DeskBondListSchema, raw, file);
}

/** Write the desk list atomically (temp file + rename) so a reader never sees half a file. */
export function saveDeskBonds(home: string, list: DeskBondList): string {
  const file = deskBondsPath(home);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}

export interface BondMergeNote {
  code: string;
  /** `override`: desk row replaces a bundled bond; `name`: a desk name shadows another bond's name;
   *  `benchmark`: the desk's on-the-run flag replaces the bundled one for that issuer and tenor. */
  kind: 'override' | 'name' | 'benchmark';
  message: string;
}

export interface MergedBondMaster {
  file: BondMasterFile;
  /** Codes that only the desk list has. */
  added: string[];
  /** Codes of bundled bonds the desk list replaced. */
  overridden: string[];
  notes: BondMergeNote[];
}

const COMPARED: (keyof Bond)[] = ['shortName', 'issuer', 'kind', 'coupon', 'frequency', 'issueDate', 'maturityDate'];

function describeChanges(base: Bond, desk: Bond): string {
  const changes = COMPARED.filter((k) => base[k] !== desk[k]).map((k) => `${k} ${String(base[k])} → ${String(desk[k])}`);
  return changes.length ? changes.join(', ') : 'same terms';
}

/**
 * Bundled master + desk list → one master. Desk rows replace bundled rows with the same code (in
 * place, so the bundled order is kept) and new codes are appended. A desk row is the desk's
 * verified data, so it drops the bundled `synthetic` flag and `source`. Each replacement, each name
 * a desk row takes from another bond and each on-the-run flag it moves is reported in `notes`.
 */
export function mergeBondMasters(base: BondMasterFile, desk: readonly Bond[]): MergedBondMaster {
  const deskByCode = new Map(desk.map((b) => [b.code, b]));
  const baseCodes = new Set(base.bonds.map((b) => b.code));
  const notes: BondMergeNote[] = [];
  const overridden: string[] = [];
  const added: string[] = [];

  // On-the-run flags set by the desk take the flag away from bundled bonds of the same issuer and
  // tenor: the master resolves "10Y国开" to the first flagged bond, which must be the desk's.
  const deskBenchmarks = new Map<string, Bond>();
  for (const d of desk) if (d.benchmarkTenor) deskBenchmarks.set(`${d.issuer}|${d.benchmarkTenor}`, d);

  const merged: Bond[] = base.bonds.map((b) => {
    const d = deskByCode.get(b.code);
    if (d) {
      overridden.push(b.code);
      notes.push({ code: b.code, kind: 'override', message: `${b.code}: desk list overrides bundled ${b.shortName} (${describeChanges(b, d)})` });
      return d;
    }
    const flag = b.benchmarkTenor ? deskBenchmarks.get(`${b.issuer}|${b.benchmarkTenor}`) : undefined;
    if (flag && b.benchmarkTenor) {
      notes.push({
        code: b.code,
        kind: 'benchmark',
        message: `${b.code}: ${flag.code} ${flag.shortName} is now the ${b.issuer} ${b.benchmarkTenor} on-the-run bond (was ${b.shortName})`,
      });
      const { benchmarkTenor: _dropped, ...rest } = b;
      return rest;
    }
    return b;
  });
  for (const d of desk) {
    if (!baseCodes.has(d.code)) {
      added.push(d.code);
      merged.push(d);
    }
  }

  // Names: the master maps a short name to the last bond carrying it and an alias to the first, so
  // a desk name that another bond also uses would silently win or lose — say which.
  const owners = new Map<string, string>();
  for (const b of merged) if (!deskByCode.has(b.code)) for (const n of [b.shortName, ...(b.aliases ?? [])]) if (!owners.has(n)) owners.set(n, b.code);
  for (const d of desk) {
    for (const n of [d.shortName, ...(d.aliases ?? [])]) {
      const other = owners.get(n);
      if (other && other !== d.code) notes.push({ code: d.code, kind: 'name', message: `${d.code}: name "${n}" is also used by ${other}` });
    }
  }
  // Replacements first: they change terms a quote is priced on; flags and names come after.
  const rank = { override: 0, benchmark: 1, name: 2 } as const;
  notes.sort((a, b) => rank[a.kind] - rank[b.kind]);
  return { file: { ...base, bonds: merged }, added, overridden, notes };
}

export interface ImportSummary {
  imported: number;
  /** Codes new to the effective master (neither bundled nor on the desk list before). */
  added: number;
  /** Codes that were already known (bundled or on the desk list) and now take the imported terms. */
  updated: number;
  /** The desk list written. */
  file: string;
  notes: string[];
}

/**
 * Store validated bonds in the desk list: merged by code into the existing list, or replacing it
 * (`replace`). Counts are against the bundled master plus the previous desk list.
 */
export function importDeskBonds(
  home: string,
  bonds: readonly Bond[],
  opts: { bundled: BondMasterFile; replace?: boolean; importedFrom?: string; now?: Date },
): ImportSummary {
  const previous = readDeskList(home);
  const known = new Set([...opts.bundled.bonds.map((b) => b.code), ...previous.bonds.map((b) => b.code)]);
  const byCode = new Map<string, Bond>(opts.replace ? [] : previous.bonds.map((b) => [b.code, b]));
  for (const b of bonds) byCode.set(b.code, b);
  const list: DeskBondList = {
    updatedAt: (opts.now ?? new Date()).toISOString(),
    importedFrom: [...new Set([...(opts.replace ? [] : (previous.importedFrom ?? [])), ...(opts.importedFrom ? [opts.importedFrom] : [])])],
    bonds: [...byCode.values()],
  };
  const file = saveDeskBonds(home, list);
  const added = bonds.filter((b) => !known.has(b.code)).length;
  return {
    imported: bonds.length,
    added,
    updated: bonds.length - added,
    file,
    notes: mergeBondMasters(opts.bundled, bonds).notes.map((n) => n.message),
  };
}
