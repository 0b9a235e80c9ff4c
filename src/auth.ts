import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/**
 * Who may call: static API tokens and JWTs (HS256 with a shared secret, or RS256/ES256 against a
 * JWKS), each granting scopes. Scopes are checked per field by Pothos scope-auth (schema/builder.ts);
 * this module only turns an `Authorization` header into a principal, or a reason to refuse it.
 */

export const SCOPES = ['users:read', 'users:write', 'users:raw'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  /** Token name or JWT `sub`; for logs, never the token itself. */
  readonly subject: string;
  readonly scopes: ReadonlySet<Scope>;
}

export type AuthSettings =
  /** No authentication: every caller has every scope. `explicit` when AUTH=none asked for it. */
  | { readonly mode: 'none'; readonly explicit: boolean }
  | {
      readonly mode: 'bearer';
      /** sha256(token) → grant: tokens are compared by digest, so no token is held or compared in clear. */
      readonly tokens: ReadonlyMap<string, { subject: string; scopes: readonly Scope[] }>;
      readonly jwtSecret?: string;
      readonly jwksUrl?: string;
      readonly issuer?: string;
      readonly audience?: string;
      /** Longest a JWT may live: `exp` at most this far after `iat`, and after now. @default 86400 */
      readonly jwtMaxLifetimeSeconds?: number;
      /** Clock skew allowed on `exp`, `nbf` and `iat`. @default 60 */
      readonly jwtClockToleranceSeconds?: number;
    };

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** `AUTH_TOKENS`: `{"<token>": ["users:read", ...]}`; the token's name in logs is its first 4 characters and a digest. */
export const TokensSchema = z.record(z.string(), z.array(z.enum(SCOPES), { error: `each token maps to a list of scopes (${SCOPES.join(', ')})` })).superRefine((tokens, ctx) => {
  // A key check inside z.record reports "Invalid key in record"; the rule is named here instead, with
  // the token's length and never the token: the message ends up in a start-up log.
  const short = Object.keys(tokens).filter((token) => token.length < 16);
  if (short.length > 0) ctx.addIssue({ code: 'custom', message: `tokens must be at least 16 characters (${short.length === 1 ? 'one is' : `${short.length} are`} shorter: ${short.map((token) => token.length).join(', ')})` });
});

export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenGrants(tokens: z.infer<typeof TokensSchema>): Map<string, { subject: string; scopes: readonly Scope[] }> {
  return new Map(Object.entries(tokens).map(([token, scopes]) => [digest(token), { subject: `token:${digest(token).slice(0, 8)}`, scopes }]));
}

export type Authenticate = (authorization: string | null) => Promise<Principal>;

export function createAuthenticator(settings: AuthSettings): Authenticate {
  if (settings.mode === 'none') {
    const everyone: Principal = { subject: 'anonymous', scopes: new Set(SCOPES) };
    return async () => everyone;
  }
  const keys: JWTVerifyGetKey | Uint8Array | null = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : settings.jwtSecret
      ? new TextEncoder().encode(settings.jwtSecret)
      : null;
  // Pinned per key type: a shared secret only verifies HS256, so a public key can never be used as an
  // HMAC secret; a JWKS only RSA and EC signatures (jose also checks each key's type against `alg`).
  const algorithms = settings.jwksUrl ? ['RS256', 'ES256'] : ['HS256'];
  const maxLifetime = settings.jwtMaxLifetimeSeconds ?? 86_400;
  const tolerance = settings.jwtClockToleranceSeconds ?? 60;

  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!authorization) throw new AuthError('Missing credentials: send `Authorization: Bearer <token>`.');
    if (!match?.[1]) throw new AuthError('Malformed Authorization header: expected `Bearer <token>`.');
    const token = match[1];
    const grant = findToken(settings.tokens, token);
    if (grant) return { subject: grant.subject, scopes: new Set(grant.scopes) };
    if (keys && token.split('.').length === 3) {
      try {
        const options = { algorithms, issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp'], clockTolerance: tolerance };
        // Two calls, not one: jose's overloads take a key or a key resolver, not their union.
        const { payload } = await (keys instanceof Uint8Array ? jwtVerify(token, keys, options) : jwtVerify(token, keys, options));
        checkLifetime(payload, maxLifetime, tolerance);
        return { subject: typeof payload.sub === 'string' ? payload.sub : 'jwt', scopes: scopesOf(payload.scope ?? payload.scp) };
      } catch {
        // Which check failed (signature, expiry, audience) is for logs at most; the client learns only that it was refused.
        throw new AuthError('Invalid or expired token.');
      }
    }
    throw new AuthError('Invalid or expired token.');
  };
}

/**
 * What jose leaves to the caller: a token issued in the future (beyond the clock tolerance), or one
 * that lives longer than the policy allows, counted from its `iat` and from now (a token without
 * `iat` could otherwise claim any lifetime).
 */
function checkLifetime(payload: JWTPayload, maxLifetime: number, tolerance: number): void {
  const now = Math.floor(Date.now() / 1000);
  const exp = payload.exp as number;
  if (payload.iat !== undefined && payload.iat > now + tolerance) throw new Error('iat is in the future');
  if (exp - now > maxLifetime + tolerance) throw new Error('exp is too far away');
  if (payload.iat !== undefined && exp - payload.iat > maxLifetime) throw new Error('lifetime exceeds the maximum');
}

function findToken(tokens: ReadonlyMap<string, { subject: string; scopes: readonly Scope[] }>, token: string) {
  const presented = Buffer.from(digest(token), 'hex');
  for (const [known, grant] of tokens) {
    if (timingSafeEqual(presented, Buffer.from(known, 'hex'))) return grant;
  }
  return undefined;
}

/** OAuth's `scope` is a space-separated string; some issuers send an array (`scp`). Unknown scopes are ignored. */
function scopesOf(claim: unknown): Set<Scope> {
  const names = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim.map(String) : [];
  return new Set(names.filter((name): name is Scope => (SCOPES as readonly string[]).includes(name)));
}
