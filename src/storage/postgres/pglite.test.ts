/**
 * The storage contract on PGlite (PostgreSQL compiled to WASM, in-process): the same SQL as the
 * server without a server. It runs when no server answers (so the PostgreSQL engine is always
 * exercised) or when FINAGENT_TEST_PGLITE=1; otherwise the server run covers the same contract and
 * this file skips, saving the WASM start (5–20 s). Concurrency claims need the real server
 * (race.test.ts): PGlite has a single session.
 */
import { PGlite } from '@electric-sql/pglite';
import { describe } from 'vitest';
import { describeStorageContract } from '../contract.js';
import { pgliteDriver } from './driver.js';
import { openPostgresStorageOn } from './storage.js';
import { probeTestServer, testAdminUrl } from './testing.js';

const forced = process.env.FINAGENT_TEST_PGLITE === '1';
const serverDown = await probeTestServer();
const run = forced || serverDown !== null;
if (!run) {
  console.warn(`SKIPPED storage contract on PGlite: the PostgreSQL server at ${testAdminUrl().replace(/:[^:@/]*@/, '@')} runs it (set FINAGENT_TEST_PGLITE=1 to run it here too).`);
}

describe.skipIf(!run)('PostgreSQL storage on PGlite', () => {
  describeStorageContract('pglite', async () => openPostgresStorageOn(pgliteDriver(await PGlite.create()), { location: 'pglite://memory' }));
});
