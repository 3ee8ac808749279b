/**
 * JWT identities over HTTP: a token signed with a generated key pair, verified against the configured
 * public key, issuer, audience, expiry and clock tolerance (at the runtime's clock), `sub` (or the
 * configured claim) mapped to a user of the directory — roles from the directory, never the token.
 */
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtVerifier } from '../auth/jwt.js';
import { pinnedClock } from '../runtime/clock.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import { createApp } from './app.js';

const NOW = new Date('2025-12-26T10:00:00+08:00');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const ISSUER = 'https://sso.bank.example';
const AUDIENCE = 'finagent';

let home: string;
let rt: Runtime;
let key: CryptoKey;
let otherKey: CryptoKey;
let app: ReturnType<typeof createApp>['app'];
let byUsername: ReturnType<typeof createApp>['app'];

interface Claims {
  sub?: string;
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  [claim: string]: unknown;
}

function sign(claims: Claims, signer: CryptoKey = key): Promise<string> {
  const { iss = ISSUER, aud = AUDIENCE, iat = NOW_S, exp = NOW_S + 600, nbf, sub, ...rest } = claims;
  let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'ES256' }).setIssuer(iss).setAudience(aud).setIssuedAt(iat).setExpirationTime(exp);
  if (sub) jwt = jwt.setSubject(sub);
  if (nbf !== undefined) jwt = jwt.setNotBefore(nbf);
  return jwt.sign(signer);
}

async function me(token: string, target = app): Promise<{ status: number; body: { user?: { id: string; role: string }; error?: { code: string } } }> {
  const res = await target.request('/me', { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { user?: { id: string; role: string } } };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'finagent-jwt-'));
  const pair = await generateKeyPair('ES256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const publicKey = await exportSPKI(pair.publicKey);
  const jwt = { publicKey, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30 };
  rt = await createRuntime({ home, config: { provider: 'offline', auth: { jwt, rateLimitPerMinute: 0 } }, now: pinnedClock(NOW) });
  app = createApp({ rt, jwt: await jwtVerifier(rt.config.auth.jwt), log: () => {} }).app;
  byUsername = createApp({ rt, jwt: await jwtVerifier({ ...jwt, userClaim: 'preferred_username' }), log: () => {} }).app;
});

afterAll(async () => {
  await rt.close();
  rmSync(home, { recursive: true, force: true });
});

describe('JWT authentication', () => {
  it('maps a valid token to its directory user; the role comes from the directory, not the token', async () => {
    expect(await me(await sign({ sub: 't.zhang' }))).toMatchObject({ status: 200, body: { user: { id: 't.zhang', role: 'trader' } } });
    expect(await me(await sign({ sub: 's.chen', role: 'admin', roles: ['admin'] }))).toMatchObject({ status: 200, body: { user: { id: 's.chen', role: 'staff' } } });
    expect(await me(await sign({ sub: 'ignored', preferred_username: 'l.wang' }), byUsername)).toMatchObject({ status: 200, body: { user: { id: 'l.wang', role: 'desk_head' } } });
  });

  it('checks issuer, audience, signature and expiry, with the configured clock tolerance at the runtime clock', async () => {
    // Within the 30 s tolerance either side.
    expect((await me(await sign({ sub: 't.zhang', exp: NOW_S - 20 }))).status).toBe(200);
    expect((await me(await sign({ sub: 't.zhang', nbf: NOW_S + 20 }))).status).toBe(200);
    const refused = [
      await sign({ sub: 't.zhang', exp: NOW_S - 60 }),
      await sign({ sub: 't.zhang', nbf: NOW_S + 120 }),
      await sign({ sub: 't.zhang', iss: 'https://evil.example' }),
      await sign({ sub: 't.zhang', aud: 'someone-else' }),
      await sign({ sub: 't.zhang' }, otherKey),
      await sign({ sub: 'mallory' }),
      await sign({}),
      'not.a.jwt',
    ];
    for (const token of refused) expect(await me(token)).toEqual({ status: 401, body: { error: { code: 'unauthenticated', message: expect.any(String) } } });
    const reasons = (await rt.stores.audit.byThread('(auth)')).map((r) => String((r.payload as { reason?: string }).reason));
    expect(reasons.some((r) => /exp/.test(r))).toBe(true);
    expect(reasons.some((r) => /iss/.test(r))).toBe(true);
    expect(reasons.some((r) => /aud/.test(r))).toBe(true);
    expect(reasons).toContain('jwt subject mallory is not in the user directory');
    // The refusals do not stop the service.
    expect((await me(await sign({ sub: 'm.zhou' }))).status).toBe(200);
  });

  it('acts as the JWT user on the LangGraph API', async () => {
    const token = await sign({ sub: 's.chen' });
    const res = await app.request('/threads/jwt-1/runs/wait', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'policy', input: { messages: [{ role: 'user', content: '给关系人发放信用贷款可以吗？' }] } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: 's.chen', agent: 'policy' });
    expect((await rt.thread('jwt-1'))?.owner).toBe('s.chen');
  });
});
