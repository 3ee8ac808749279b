/**
 * JWT identities: verified with `jose` against a JWKS URL or a configured public key, with the
 * configured issuer, audience and clock tolerance. The user id comes from a claim (default `sub`)
 * and must exist in the user directory; roles come from the directory, never from the token.
 */
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../runtime/config.js';

type JwtConfig = NonNullable<Config['auth']['jwt']>;

export interface JwtVerifier {
  verify(token: string, now: Date): Promise<{ userId: string; payload: JWTPayload }>;
}

/** Builds a verifier from config; null when JWT is not configured. */
export async function jwtVerifier(cfg: JwtConfig | undefined): Promise<JwtVerifier | null> {
  if (!cfg || (!cfg.jwksUrl && !cfg.publicKey)) return null;
  let key: JWTVerifyGetKey | CryptoKey;
  if (cfg.jwksUrl) key = createRemoteJWKSet(new URL(cfg.jwksUrl));
  else {
    const pem = cfg.publicKey!;
    if (pem.trim().startsWith('{')) key = createLocalJWKSet(JSON.parse(pem) as Parameters<typeof createLocalJWKSet>[0]);
    else {
      const alg = /BEGIN PUBLIC KEY/.test(pem) ? await guessAlg(pem) : 'RS256';
      key = await importSPKI(pem, alg);
    }
  }
  return {
    async verify(token, now) {
      const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        ...(cfg.issuer ? { issuer: cfg.issuer } : {}),
        ...(cfg.audience ? { audience: cfg.audience } : {}),
        clockTolerance: cfg.clockToleranceSeconds,
        currentDate: now,
      });
      const claim = payload[cfg.userClaim];
      if (typeof claim !== 'string' || !claim) throw new Error(`token has no "${cfg.userClaim}" claim`);
      return { userId: claim, payload };
    },
  };
}

/** SPKI PEM keys do not say their algorithm: try the common ones (RSA, EC P-256, Ed25519). */
async function guessAlg(pem: string): Promise<string> {
  for (const alg of ['RS256', 'ES256', 'EdDSA', 'ES384', 'PS256']) {
    try {
      await importSPKI(pem, alg);
      return alg;
    } catch {
      /* try the next */
    }
  }
  return 'RS256';
}
