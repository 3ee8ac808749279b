/**
 * The whole market-data bundle from one folder (default: the bundled data/market; a user may point
 * `settings.marketDataDir` at their own copy with the same file names). Loaded once per folder.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../../runtime/paths.js';
import { parseIsoDate, type DaySerial } from '../pricing/dates.js';
import { FxPointsCurve } from '../pricing/fx.js';
import { BondMaster, BondMasterFileSchema } from './bond-master.js';
import { buildCalendars, CalendarsFileSchema, type Calendars } from './calendars.js';
import { ClientBook, ClientsFileSchema } from './clients.js';
import { buildCurves, CurvesFileSchema, type CurveSet } from './curves.js';
import { FxFileSchema, type FxFile } from './fx-data.js';
import { buildLimits, LimitsFileSchema, type Limits } from './limits.js';
import { deskBondsPath, loadDeskBonds, mergeBondMasters } from './desk-bonds.js';
import { loadMarketJson } from './load-json.js';
import { asOfDate, asOfInstant } from './schema-helpers.js';
import { buildMoneyMarket, MoneyMarketFileSchema, type MoneyMarket } from './money-market.js';

export const MARKET_FILES = ['bonds.json', 'curves.json', 'money-market.json', 'fx.json', 'calendars.json', 'clients.json', 'limits.json'] as const;

export interface FxMarket {
  pair: 'USD/CNY';
  asOf: string;
  spot: number;
  pillars: FxFile['swapPoints'];
  /** Swap-point curve with value dates for a trade date (the table's points, re-dated). */
  curveFor(tradeDate: DaySerial): FxPointsCurve;
}

export interface MarketData {
  dir: string;
  /** The data date (YYYY-MM-DD). */
  asOf: string;
  /** The snapshot instant (ISO): the oldest file's `asOf`, which governs the data's age. */
  snapshotAt: string;
  /** False when a file gave only a date (its snapshot time is then the documented default). */
  snapshotTimed: boolean;
  /** Files whose data is (partly) made up, for "illustrative" labels in replies. */
  illustrativeFiles: string[];
  bonds: BondMaster;
  curves: CurveSet;
  moneyMarket: MoneyMarket;
  fx: FxMarket;
  calendars: Calendars;
  clients: ClientBook;
  limits: Limits;
}

function buildFx(file: FxFile, calendars: Calendars): FxMarket {
  const cache = new Map<DaySerial, FxPointsCurve>();
  const pillars = file.swapPoints.map((p) => ({ tenor: p.tenor, points: p.points }));
  return {
    pair: file.pair,
    asOf: asOfDate(file.asOf),
    spot: file.spot.mid,
    pillars: file.swapPoints,
    curveFor(trade) {
      let c = cache.get(trade);
      if (!c) {
        c = new FxPointsCurve(calendars.usdCny, trade, pillars);
        cache.set(trade, c);
      }
      return c;
    },
  };
}

/** Load and validate every file of the bundle; the first bad file throws naming file and field. */
export function loadMarketDataUncached(dir: string = dataPath('market'), home?: string): MarketData {
  const bundledBonds = loadMarketJson(BondMasterFileSchema, dir, 'bonds.json', 'BondMasterFileSchema');
  // A desk's own bond list (`finagent dealing import-bonds`) overlays the bundled master by code.
  const bondsFile = home ? mergeBondMasters(bundledBonds, loadDeskBonds(home)).file : bundledBonds;
  const curvesFile = loadMarketJson(CurvesFileSchema, dir, 'curves.json', 'CurvesFileSchema');
  const mmFile = loadMarketJson(MoneyMarketFileSchema, dir, 'money-market.json', 'MoneyMarketFileSchema');
  const fxFile = loadMarketJson(FxFileSchema, dir, 'fx.json', 'FxFileSchema');
  const calFile = loadMarketJson(CalendarsFileSchema, dir, 'calendars.json', 'CalendarsFileSchema');
  const clientsFile = loadMarketJson(ClientsFileSchema, dir, 'clients.json', 'ClientsFileSchema');
  const limitsFile = loadMarketJson(LimitsFileSchema, dir, 'limits.json', 'LimitsFileSchema');
  const calendars = buildCalendars(calFile);
  const files: [string, { illustrative: boolean }][] = [
    ['bonds.json', bondsFile], ['curves.json', curvesFile], ['money-market.json', mmFile], ['fx.json', fxFile],
    ['calendars.json', calFile], ['clients.json', clientsFile], ['limits.json', limitsFile],
  ];
  parseIsoDate(asOfDate(curvesFile.asOf), 'curves.json asOf');
  // Market files (not reference data: clients, limits, calendars) carry the prices' age; the oldest governs.
  const priced = [bondsFile, curvesFile, mmFile, fxFile].map((f) => asOfInstant(f.asOf));
  const oldest = priced.reduce((a, b) => (b.at.getTime() < a.at.getTime() ? b : a));
  return {
    dir,
    asOf: asOfDate(curvesFile.asOf),
    snapshotAt: oldest.at.toISOString(),
    snapshotTimed: priced.every((p) => p.timed),
    illustrativeFiles: files.filter(([, f]) => f.illustrative).map(([n]) => n),
    bonds: new BondMaster(bondsFile),
    curves: buildCurves(curvesFile),
    moneyMarket: buildMoneyMarket(mmFile),
    fx: buildFx(fxFile, calendars),
    calendars,
    clients: new ClientBook(clientsFile.clients),
    limits: buildLimits(limitsFile),
  };
}

const cache = new Map<string, { stamp: string; data: MarketData }>();

function mtime(path: string): string {
  try {
    return String(statSync(path).mtimeMs);
  } catch {
    return 'missing';
  }
}

function stampOf(dir: string, home: string | undefined): string {
  return [...MARKET_FILES.map((f) => mtime(join(dir, f))), home ? mtime(deskBondsPath(home)) : 'no-desk'].join('|');
}

/** Cached per folder; reloaded when any file's mtime changes. */
/** Cached per folder (and desk list); reloaded when any file's mtime changes. `home` adds the desk's own bonds. */
export function loadMarketData(dir: string = dataPath('market'), home?: string): MarketData {
  const key = `${dir}\u0000${home ?? ''}`;
  const stamp = stampOf(dir, home);
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.data;
  const data = loadMarketDataUncached(dir, home);
  cache.set(key, { stamp, data });
  return data;
}
