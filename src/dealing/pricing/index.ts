/** Pricing library (pure): dates, calendars, bond yield↔price, accrued, durations, money, curves, FX. */
export * from './dates.js';
export * from './tenor.js';
export * from './calendar.js';
export * from './bond-period.js';
export * from './accrued.js';
export * from './bond-yield.js';
export * from './solver.js';
export * from './money.js';
export * from './curve.js';
export * from './fx.js';
