/**
 * Signed audit checkpoints on a schedule (issue #14): while `finagent serve` runs with an audit
 * signing key, it anchors the head of the hash chain every `audit.checkpointEveryMinutes` and once
 * more on a graceful stop, with the same `writeCheckpoint` as `finagent audit checkpoint`. Files are
 * named after the runtime clock (`checkpoint-2025-12-26T02-00-00.000Z.json`; a suffix `-1`, `-2`…
 * when the clock is pinned and the name is taken). A round with nothing new in the chain since the
 * last checkpoint (only that checkpoint's own record) writes nothing. The timer is unref'd: it never
 * keeps the process alive.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { writeCheckpoint } from '../runtime/audit-anchor.js';
import type { Config } from '../runtime/config.js';
import { readKeyPem } from '../runtime/pem.js';
import type { Runtime } from '../runtime/runtime.js';

export interface CheckpointSettings {
  /** Ed25519 private key (PKCS#8 PEM). */
  keyPem: string;
  /** Folder the checkpoints are written to (created when missing). */
  dir: string;
  /** Interval between scheduled checkpoints, milliseconds (> 0). */
  everyMs: number;
}

/**
 * What the configuration asks for: null without `audit.signingKey` or with `checkpointEveryMinutes`
 * 0. The key is read now, so a server configured with an unreadable key refuses to start instead of
 * running unanchored. Relative paths resolve against the working directory, as for `audit checkpoint`.
 */
export function checkpointSettingsFromConfig(config: Config, home: string): CheckpointSettings | null {
  const { signingKey, checkpointEveryMinutes, checkpointDir } = config.audit;
  if (!signingKey || checkpointEveryMinutes <= 0) return null;
  const dir = checkpointDir ? (isAbsolute(checkpointDir) ? checkpointDir : resolve(checkpointDir)) : join(home, 'checkpoints');
  return { keyPem: readKeyPem(signingKey), dir, everyMs: checkpointEveryMinutes * 60_000 };
}

export interface CheckpointSchedule {
  readonly settings: CheckpointSettings;
  /** Files written so far, oldest first. */
  readonly written: readonly string[];
  /** Writes a checkpoint now unless nothing was appended since the last one; the file, or null. */
  writeNow(reason: 'schedule' | 'stop'): Promise<string | null>;
  /** Clears the timer, lets a write in progress finish, then writes the last checkpoint. */
  stop(): Promise<string | null>;
}

/** `checkpoint-<runtime clock, file-name safe>[-n].json` in `dir`, not yet taken. */
export function checkpointFileName(dir: string, at: Date): string {
  const stamp = at.toISOString().replace(/:/g, '-');
  for (let n = 0; ; n++) {
    const file = join(dir, `checkpoint-${stamp}${n ? `-${n}` : ''}.json`);
    if (!existsSync(file)) return file;
  }
}

export function startCheckpointSchedule(rt: Runtime, settings: CheckpointSettings, log: (event: Record<string, unknown>) => void): CheckpointSchedule {
  const written: string[] = [];
  let lastHeadId: number | undefined;
  let running: Promise<string | null> | undefined;
  let stopped = false;

  const once = async (reason: 'schedule' | 'stop'): Promise<string | null> => {
    const head = await rt.audit.head();
    // Empty trail, or only the previous checkpoint's own record since it: nothing new to anchor.
    if (!head || (lastHeadId !== undefined && head.id <= lastHeadId + 1)) return null;
    const file = checkpointFileName(settings.dir, rt.now());
    const cp = await writeCheckpoint(rt, settings.keyPem, file);
    lastHeadId = cp.headId;
    written.push(file);
    log({ level: 'info', msg: 'audit checkpoint', reason, file, headId: cp.headId, signedAt: cp.signedAt });
    return file;
  };

  const writeNow = (reason: 'schedule' | 'stop'): Promise<string | null> => {
    // One write at a time: a round that finds one in progress waits for it, then decides afresh.
    const next = (running ?? Promise.resolve(null))
      .catch(() => null)
      .then(() => once(reason))
      .catch((e: unknown) => {
        log({ level: 'error', msg: 'audit checkpoint failed', reason, error: (e as Error).message });
        return null;
      });
    running = next;
    return next;
  };

  const timer = setInterval(() => {
    if (!stopped) void writeNow('schedule');
  }, settings.everyMs);
  timer.unref();

  return {
    settings,
    written,
    writeNow,
    async stop() {
      if (stopped) return running ?? null;
      stopped = true;
      clearInterval(timer);
      return writeNow('stop');
    },
  };
}
