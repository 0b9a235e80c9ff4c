import { z } from 'zod';
import { parseQuotaLimits, type QuotaLimit } from './resilience/quota.js';
import { CREDENTIAL_ENV, type VendorCredentials } from './connectors/registry.js';
import { VENDOR_IDS, type VendorId } from './connectors/types.js';

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
  /** Set when no vendor is configured: the simulators start in-process. */
  sandbox: { portBase: number; seed: number; users: number } | null;
  vendors: { [V in VendorId]: VendorSettings<V> };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Published limits (VENDORS.md): only Dialpad documents one; the others can be set by env. */
const DEFAULT_RATE_LIMITS: Record<VendorId, string> = { rinkel: '', dialpad: '20/1s,1200/60s', imichat: '', commpeak: '' };

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
    const settings: VendorSettings = { mode: 'OFF', timeoutMs: int(`${prefix}_TIMEOUT_MS`, 5000, 1), concurrency: int(`${prefix}_CONCURRENCY`, 8, 1, 256), rateLimits };
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
    sandbox: anyConfigured ? null : { portBase: int('SIM_PORT_BASE', 4101, 0, 65532), seed: int('SIM_SEED', 1), users: int('SIM_USERS', 200, 1, 100_000) },
    vendors,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
