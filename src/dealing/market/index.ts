/** Market data: bond master, curves, fixings, FX, calendars, clients and limits (loaders + lookups). */
export * from './bond-csv.js';
export * from './bond-master.js';
export * from './calendars.js';
export * from './clients.js';
export * from './curves.js';
export * from './desk-bonds.js';
export * from './fx-data.js';
export * from './limits.js';
export * from './load-json.js';
export * from './market-data.js';
export * from './money-market.js';
export * from './schema-helpers.js';
