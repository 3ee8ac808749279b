import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from './config.js';

describe('configuration precedence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'finagent-cfg-'));
  const file = join(dir, 'finagent.config.json');
  writeFileSync(file, JSON.stringify({ provider: 'ollama', model: 'from-file', maxSteps: 5, dealing: { quoteTtlSeconds: 20 } }));

  it('defaults when nothing is set', () => {
    const c = loadConfig({ env: {}, file: join(dir, 'absent.json') });
    expect(c.provider).toBe('offline');
    expect(c.maxSteps).toBe(12);
  });

  it('flags > environment > file > defaults', () => {
    const env = { FINAGENT_MODEL: 'from-env', OPENAI_API_KEY: 'sk-secret-123', OLLAMA_HOST: '10.1.1.1:11434' };
    const c = loadConfig({ env, file });
    expect(c).toMatchObject({ provider: 'ollama', model: 'from-env', maxSteps: 5, dealing: { quoteTtlSeconds: 20 }, ollama: { host: 'http://10.1.1.1:11434' } });
    const f = loadConfig({ env, file, flags: { model: 'from-flag', provider: 'openai' } });
    expect(f).toMatchObject({ provider: 'openai', model: 'from-flag' });
  });

  it('redacts secrets', () => {
    const c = loadConfig({ env: { OPENAI_API_KEY: 'sk-secret-123' }, file });
    expect(JSON.stringify(redactConfig(c))).not.toContain('secret-123');
  });

  it('names the bad field', () => {
    expect(() => loadConfig({ env: { FINAGENT_PROVIDER: 'gpt' }, file })).toThrow(/invalid configuration: provider/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadConfig({ env: {}, file: bad })).toThrow(/is not valid JSON/);
  });
});
