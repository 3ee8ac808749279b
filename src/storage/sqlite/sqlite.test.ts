import { describeStorageContract } from '../contract.js';
import { openSqliteStorage } from './storage.js';

// The same contract the PostgreSQL engine passes (src/storage/postgres/postgres.test.ts).
describeStorageContract('sqlite', () => openSqliteStorage({ file: ':memory:' }));
