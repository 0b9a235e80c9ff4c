import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { tokenGrants, TokensSchema, type AuthSettings } from './auth.js';
import { parseQuotaLimits, type QuotaLimit } from './resilience/quota.js';
import { CREDENTIAL_ENV, type VendorCredentials } from './connectors/registry.js';
import { VENDOR_IDS, type VendorId } from './connectors/types.js';
import type { StoreSettings } from './stores/index.js';

/**
 * Environment → typed configuration, parsed once at start-up. Every problem is reported with the
 * variable's name and all problems at once, so a misconfigured deploy fails with one readable message
 * instead of at the first request. Every variable here is in the README's configuration table.
 */

export interface VendorSettings<V extends VendorId = VendorId> {
  /** LIVE when `*_BASE_URL` and the credentials are set; SANDBOX when no vendor is configured at all. */
  mode: 'LIVE' | 'SANDBOX' | 'OFF';
  baseUrl?: string;
  credentials?: VendorCredentials[V];
  timeoutMs: number;
  concurrency: number;
  /** Outbound quota, from `<VENDOR>_RATE_LIMITS` (Dialpad: its published 20/1s,1200/60s). */
  rateLimits: QuotaLimit[];
}

export interface ResilienceSettings {
  /** Attempts per read, the first included. */
  maxAttempts: number;
  breakerThreshold: number;
  breakerWindowMs: number;
  breakerHalfOpenMs: number;
}

export interface Config {
  host: string;
  port: number;
  /** One GraphQL request, end to end. */
  requestDeadlineMs: number;
  directoryTtlMs: number;
  logLevel: string;
  resilience: ResilienceSettings;
  /** NODE_ENV=production: auth required, GraphiQL and introspection off unless enabled. */
  production: boolean;
  auth: AuthSettings;
  /** GraphiQL on GET /graphql. */
  graphiql: boolean;
  /** The reference console at `/` (CONSOLE; on unless production). */
  console: boolean;
  introspection: boolean;
  /** Origins a browser frontend may call from; empty: no CORS headers. */
  corsOrigins: string[];
  /** `off`: arbitrary documents only; `allow`: persisted ids too; `only`: persisted ids and nothing else. */
  trustedDocuments: { mode: 'off' | 'allow' | 'only'; file: string };
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** The HTTP listener's limits against slow and numerous clients (src/http/server.ts). */
  http: HttpLimits;
  /** Most vendor calls one request may cause: refused at validation above it, and failed at run time past it. */
  maxVendorCalls: number;
  /** `GET /metrics`: `public`, `token` (any credential the API accepts) or `off` (404). */
  metrics: 'public' | 'token' | 'off';
  /** FEDERATION=off: serve the public schema alone, without `_service`, `_entities` and `Person`. */
  federation: boolean;
  /** Set when no vendor is configured: the simulators start in-process. */
  sandbox: { portBase: number; seed: number; users: number } | null;
  vendors: { [V in VendorId]: VendorSettings<V> };
  /** Running it: the access log, request metrics and shutdown (issue 17). */
  operations: OperationsSettings;
  /** Shared state (quota, idempotency, entity cache): REDIS_URL, REDIS_KEY_PREFIX, REPLICAS, CACHE_TTL_MS. */
  stores: StoreSettings;
}

export interface OperationsSettings {
  /** Share of successful requests logged at info (0..1); failed ones are always logged. */
  accessLogSampleRate: number;
  /** Distinct names of untrusted operations kept as metric labels; later ones count as `other`. */
  metricsMaxOperationNames: number;
  /**
   * On SIGTERM, how long in-flight requests may take to finish before the process closes anyway. Vendor
   * calls still running then finish within their own timeout while the pools close, so keep this plus
   * the longest `<VENDOR>_TIMEOUT_MS` under the orchestrator's grace period (Kubernetes: 30 s).
   */
  drainTimeoutMs: number;
}

export interface HttpLimits {
  /** The whole header block must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this; then 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** A kept-alive connection with no request in flight is closed after this. */
  idleTimeoutMs: number;
  /** Open connections at once per listener; more are closed on arrival. */
  maxConnections: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Published limits (VENDORS.md): Dialpad's per second and minute, IMIchat's per day; the others can be set by env. */
const DEFAULT_RATE_LIMITS: Record<VendorId, string> = { rinkel: '', dialpad: '20/1s,1200/60s', imichat: '10000/1d', commpeak: '' };

const BASE_URL_ENV: Record<VendorId, string> = {
  rinkel: 'RINKEL_BASE_URL',
  dialpad: 'DIALPAD_BASE_URL',
  imichat: 'IMICHAT_BASE_URL',
  commpeak: 'COMMPEAK_BASE_URL',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = z.coerce.number().int().min(min).max(max).safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  };

  const vendors = {} as { [V in VendorId]: VendorSettings<V> };
  let anyConfigured = false;
  for (const vendor of VENDOR_IDS) {
    const prefix = vendor.toUpperCase();
    const names = { baseUrl: BASE_URL_ENV[vendor], ...CREDENTIAL_ENV[vendor] } as Record<string, string>;
    const set = Object.entries(names).filter(([, name]) => env[name] !== undefined && env[name] !== '');
    let rateLimits: QuotaLimit[] = [];
    try {
      rateLimits = parseQuotaLimits(env[`${prefix}_RATE_LIMITS`] ?? DEFAULT_RATE_LIMITS[vendor]);
    } catch (error) {
      problems.push(`${prefix}_RATE_LIMITS: ${(error as Error).message}`);
    }
    const settings: VendorSettings = { mode: 'OFF', timeoutMs: int(`${prefix}_TIMEOUT_MS`, 5000, 1), concurrency: int(`${prefix}_CONCURRENCY`, 32, 1, 256), rateLimits };
    if (set.length > 0) {
      anyConfigured = true;
      const missing = Object.values(names).filter((name) => env[name] === undefined || env[name] === '');
      if (missing.length > 0) {
        problems.push(`${vendor} is half-configured: ${set.map(([, name]) => name).join(', ')} set but ${missing.join(', ')} missing`);
      } else {
        const baseUrl = env[BASE_URL_ENV[vendor]] ?? '';
        if (!z.url({ protocol: /^https?$/ }).safeParse(baseUrl).success) problems.push(`${BASE_URL_ENV[vendor]} must be an http(s) URL, got "${baseUrl}"`);
        const credentials = Object.fromEntries(Object.entries(CREDENTIAL_ENV[vendor]).map(([key, name]) => [key, env[name as string] ?? '']));
        Object.assign(settings, { mode: 'LIVE', baseUrl, credentials });
      }
    }
    (vendors as Record<VendorId, VendorSettings>)[vendor] = settings;
  }
  if (!anyConfigured) for (const vendor of VENDOR_IDS) vendors[vendor].mode = 'SANDBOX';

  const production = env.NODE_ENV === 'production';
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === '1' || raw === 'on') return true;
    if (raw === 'false' || raw === '0' || raw === 'off') return false;
    problems.push(`${name} must be on or off (true or false), got "${raw}"`);
    return fallback;
  };
  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    // Browsers send an origin serialised exactly so (scheme://host[:port], no path, no slash); anything else could never match.
    if (origin !== '*' && !(URL.canParse(origin) && new URL(origin).origin === origin.toLowerCase() && /^https?:/.test(origin))) {
      problems.push(`CORS_ORIGINS entries must be origins like https://console.example.com (scheme, host, optional port; no path), or *, got "${origin}"`);
    }
  }
  const metricsMode = (env.METRICS || (production ? 'token' : 'public')) as Config['metrics'];
  if (!['public', 'token', 'off'].includes(metricsMode)) problems.push(`METRICS must be public, token or off, got "${env.METRICS}"`);
  const ratio = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = z.coerce.number().min(0).max(1).safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push(`${name} must be a number between 0 and 1, got "${raw}"`);
    return fallback;
  };
  const onOff = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['on', 'true', '1'].includes(raw)) return true;
    if (['off', 'false', '0'].includes(raw)) return false;
    problems.push(`${name} must be on or off, got "${raw}"`);
    return fallback;
  };
  const trustedMode = env.TRUSTED_DOCUMENTS || 'off';
  if (!['off', 'allow', 'only'].includes(trustedMode)) problems.push(`TRUSTED_DOCUMENTS must be off, allow or only, got "${trustedMode}"`);

  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 4000, 0, 65535),
    requestDeadlineMs: int('REQUEST_DEADLINE_MS', 15_000, 1),
    directoryTtlMs: int('DIRECTORY_TTL_MS', 30_000, 0),
    logLevel: env.LOG_LEVEL || 'info',
    resilience: {
      maxAttempts: int('RETRY_MAX_ATTEMPTS', 3, 1, 10),
      breakerThreshold: int('BREAKER_THRESHOLD_PERCENT', 50, 1, 100) / 100,
      breakerWindowMs: int('BREAKER_WINDOW_MS', 10_000, 100),
      breakerHalfOpenMs: int('BREAKER_HALF_OPEN_MS', 5000, 10),
    },
    production,
    auth: loadAuth(env, production, problems, int),
    graphiql: flag('GRAPHIQL', !production),
    console: flag('CONSOLE', !production),
    introspection: flag('INTROSPECTION', !production),
    corsOrigins,
    trustedDocuments: { mode: trustedMode as 'off' | 'allow' | 'only', file: env.TRUSTED_DOCUMENTS_FILE || 'test/generated/persisted-documents.json' },
    maxBodyBytes: int('MAX_BODY_BYTES', 100_000, 1000),
    http: {
      headersTimeoutMs: int('HTTP_HEADERS_TIMEOUT_S', 10, 1, 600) * 1000,
      requestTimeoutMs: int('HTTP_REQUEST_TIMEOUT_S', 15, 1, 600) * 1000,
      idleTimeoutMs: int('HTTP_IDLE_TIMEOUT_S', 5, 1, 600) * 1000,
      maxConnections: int('HTTP_MAX_CONNECTIONS', 1000, 1, 1_000_000),
    },
    maxVendorCalls: int('MAX_VENDOR_CALLS', 200, 1, 100_000),
    metrics: metricsMode,
    federation: onOff('FEDERATION', true),
    sandbox: anyConfigured ? null : { portBase: int('SIM_PORT_BASE', 4101, 0, 65532), seed: int('SIM_SEED', 1), users: int('SIM_USERS', 200, 1, 100_000) },
    vendors,
    operations: {
      accessLogSampleRate: ratio('ACCESS_LOG_SAMPLE_RATE', 1),
      metricsMaxOperationNames: int('METRICS_MAX_OPERATION_NAMES', 100, 0, 10_000),
      drainTimeoutMs: int('DRAIN_TIMEOUT_MS', 20_000, 0, 600_000),
    },
    stores: loadStores(env, int, problems),
  };
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) problems.push('HTTP_HEADERS_TIMEOUT_S may not exceed HTTP_REQUEST_TIMEOUT_S (the headers are part of the request)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Shared state: in memory unless REDIS_URL is set. The message never repeats the URL (it may hold a password). */
function loadStores(env: NodeJS.ProcessEnv, int: (name: string, fallback: number, min?: number, max?: number) => number, problems: string[]): StoreSettings {
  const redisUrl = env.REDIS_URL ? env.REDIS_URL : null;
  if (redisUrl !== null && !z.url({ protocol: /^rediss?$/ }).safeParse(redisUrl).success) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  const keyPrefix = env.REDIS_KEY_PREFIX ?? 'switchboard:';
  if (!/^[\w:.-]{0,64}$/.test(keyPrefix)) problems.push(`REDIS_KEY_PREFIX may hold up to 64 letters, digits and _ : . -, got "${keyPrefix}"`);
  return { redisUrl, keyPrefix, replicas: int('REPLICAS', 1, 1, 1000), cacheTtlMs: int('CACHE_TTL_MS', 0, 0, 86_400_000) };
}

/**
 * AUTH=none disables authentication explicitly. Otherwise any of AUTH_TOKENS(_FILE), AUTH_JWT_SECRET or
 * AUTH_JWKS_URL turns it on. With none of them, a development gateway runs open (and says so loudly at
 * start-up); a production one refuses to start.
 */
function loadAuth(env: NodeJS.ProcessEnv, production: boolean, problems: string[], int: (name: string, fallback: number, min?: number, max?: number) => number): AuthSettings {
  if (env.AUTH === 'none') return { mode: 'none', explicit: true };
  if (env.AUTH !== undefined && env.AUTH !== '') problems.push(`AUTH may only be "none" (to disable authentication), got "${env.AUTH}"`);
  const tokensText = env.AUTH_TOKENS_FILE ? readTokensFile(env.AUTH_TOKENS_FILE, problems) : env.AUTH_TOKENS;
  const configured = Boolean(tokensText || env.AUTH_JWT_SECRET || env.AUTH_JWKS_URL);
  if (!configured) {
    if (production) problems.push('NODE_ENV=production needs authentication: set AUTH_TOKENS, AUTH_JWT_SECRET or AUTH_JWKS_URL, or AUTH=none to run without it');
    return { mode: 'none', explicit: false };
  }
  let tokens = new Map<string, { subject: string; scopes: readonly ('users:read' | 'users:write' | 'users:raw')[] }>();
  if (tokensText) {
    try {
      const parsed = TokensSchema.safeParse(JSON.parse(tokensText));
      // The message names the rule broken, never the token: it would end up in a log.
      if (parsed.success) tokens = tokenGrants(parsed.data);
      else problems.push(`AUTH_TOKENS must map tokens to scopes (${parsed.error.issues.map((issue) => issue.message).join('; ')})`);
    } catch {
      problems.push('AUTH_TOKENS is not valid JSON');
    }
  }
  if (env.AUTH_JWT_SECRET && env.AUTH_JWT_SECRET.length < 32) problems.push('AUTH_JWT_SECRET must be at least 32 characters');
  if (env.AUTH_JWT_SECRET && env.AUTH_JWKS_URL) problems.push('set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256/ES256), not both');
  if (env.AUTH_JWKS_URL && !z.url({ protocol: /^https?$/ }).safeParse(env.AUTH_JWKS_URL).success) problems.push('AUTH_JWKS_URL must be an http(s) URL');
  return {
    mode: 'bearer',
    tokens,
    jwtMaxLifetimeSeconds: int('AUTH_JWT_MAX_LIFETIME_S', 86_400, 60, 31_536_000),
    jwtClockToleranceSeconds: int('AUTH_JWT_CLOCK_TOLERANCE_S', 60, 0, 600),
    ...(env.AUTH_JWT_SECRET ? { jwtSecret: env.AUTH_JWT_SECRET } : {}),
    ...(env.AUTH_JWKS_URL ? { jwksUrl: env.AUTH_JWKS_URL } : {}),
    ...(env.AUTH_JWT_ISSUER ? { issuer: env.AUTH_JWT_ISSUER } : {}),
    ...(env.AUTH_JWT_AUDIENCE ? { audience: env.AUTH_JWT_AUDIENCE } : {}),
  };
}

function readTokensFile(path: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    problems.push(`AUTH_TOKENS_FILE cannot be read: ${path}`);
    return undefined;
  }
}
