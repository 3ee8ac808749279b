import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../runtime/errors.js';
import { loadSuiteFile, parseSuiteText, selectSuites } from './suite-loader.js';

const fixtures = join(import.meta.dirname, 'testing', 'fixtures');

function errorOf(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserInputError) return e;
    throw e;
  }
  throw new Error('expected a UserInputError');
}

describe('suite loading', () => {
  it('loads every case kind, skipping comments and blank lines', () => {
    const s = loadSuiteFile(join(fixtures, 'fake-dealing.jsonl'));
    expect(s.name).toBe('fake-dealing');
    expect(s.cases.map((c) => c.kind)).toEqual(['tool', 'tool', 'tool', 'tool_calls', 'dialogue', 'dialogue']);
    expect(loadSuiteFile(join(fixtures, 'fake-analysis.jsonl')).cases[0]?.kind).toBe('analysis');
    expect(loadSuiteFile(join(fixtures, 'fake-policy.jsonl')).cases.map((c) => c.id)).toEqual(['kyc-retention', 'no-rule']);
  });

  it('names the file, line and field of a malformed case', () => {
    const file = join(fixtures, 'malformed.jsonl');
    const e = errorOf(() => loadSuiteFile(file));
    expect(e.message).toContain(`${file}:2:`);
    expect(e.message).toContain('expectedCall');
    expect(e.details).toMatchObject({ file, line: 2, field: 'expectedCall' });
  });

  it('reports invalid JSON, wrong types, unknown kinds and duplicate ids with their line', () => {
    expect(errorOf(() => parseSuiteText('\n{"id":', 's.jsonl')).message).toMatch(/^s\.jsonl:2: invalid JSON/);
    const wrongType = errorOf(() => parseSuiteText('{"id":"a","agent":"dealing","kind":"tool","tags":[],"tool":"t","input":{},"expected":{},"tolerance":{"level":"x"}}', 's.jsonl'));
    expect(wrongType.message).toContain('s.jsonl:1: field "tolerance.level"');
    expect(errorOf(() => parseSuiteText('{"id":"a","agent":"dealing","kind":"chat","tags":[]}', 's.jsonl')).message).toContain('field "kind"');
    const badPattern = '{"id":"a","agent":"analyst","kind":"dialogue","tags":[],"turns":[{"message":"m"}],"expectedState":{},"expectedReplyMatches":["(unclosed"]}';
    expect(errorOf(() => parseSuiteText(badPattern, 's.jsonl')).message).toMatch(/s\.jsonl:1: field "expectedReplyMatches\.0": not a valid regular expression/);
    const line = '{"id":"a","agent":"policy","kind":"policy","tags":[],"question":"q","gold":[],"shouldRefuse":true}';
    expect(errorOf(() => parseSuiteText(`${line}\n// c\n${line}`, 's.jsonl')).message).toContain('s.jsonl:3: field "id": duplicate id "a" (first on line 1)');
  });

  it('selects suites from the manifest, skipping missing files with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-manifest-'));
    const manifest = join(dir, 'suites.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        suites: [
          { name: 'fake-dealing', file: join(fixtures, 'fake-dealing.jsonl'), version: '1' },
          { name: 'later', file: 'data/eval/not-yet.jsonl', version: '1' },
        ],
      }),
    );
    const skipped: string[] = [];
    const suites = selectSuites({ manifest, root: dir, onSkip: (_m, name) => skipped.push(name) });
    expect(suites.map((s) => [s.name, s.version, s.cases.length])).toEqual([['fake-dealing', '1', 6]]);
    expect(skipped).toEqual(['later']);
    expect(errorOf(() => selectSuites({ manifest, select: ['nope'] })).message).toContain('unknown suite "nope" (known: fake-dealing, later');
    expect(selectSuites({ select: [join(fixtures, 'fake-policy.jsonl')] })[0]?.version).toBe('adhoc');
    expect(errorOf(() => selectSuites({ select: [join(dir, 'missing.jsonl')] })).message).toContain('suite file not found');
  });

  it('rejects a malformed manifest naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-manifest-'));
    const manifest = join(dir, 'suites.json');
    writeFileSync(manifest, JSON.stringify({ suites: [{ name: 'x', file: 'x.jsonl' }] }));
    expect(errorOf(() => selectSuites({ manifest })).message).toContain('suites[0].version: Invalid input: expected string');
  });
});
