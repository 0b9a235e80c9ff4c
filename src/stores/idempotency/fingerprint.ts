import { createHash } from 'node:crypto';

/** A stable digest of a mutation's input: key order does not matter, values do. */
export function fingerprintOf(operation: string, input: unknown): string {
  return createHash('sha256').update(`${operation}\n${stableJson(input)}`).digest('base64url');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
