/** Quote engine (pure): settings, request/quote schemas, pre-trade checks, grid, buildQuote. */
export * from './checks.js';
export * from './grid.js';
export * from './instrument-pricing.js';
export * from './market-rules.js';
export * from './quote-engine.js';
export * from './schemas.js';
export * from './settings.js';
