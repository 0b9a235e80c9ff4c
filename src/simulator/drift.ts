import type { Random } from './random.js';

/**
 * The `drift` fault: what a live vendor sends that its docs never show (VENDORS.md "Drift is
 * normal"). The vendor logic runs as usual; then every user record in the answer (any JSON object
 * with an `id`, wherever the envelope puts it) gets one drifted field — null, missing, a wrong type or
 * a value the enum never had — and an unknown extra field. With `withoutId`, that share of records
 * also loses its id. The simulator's state is untouched: only the answer drifts.
 */

export type DriftKind = 'null' | 'missing' | 'wrong-type' | 'unknown-value';
export const DRIFT_KINDS: readonly DriftKind[] = ['null', 'missing', 'wrong-type', 'unknown-value'];

/** The field every drifted record gains. */
export const DRIFT_EXTRA_FIELD = 'x_switchboard_drift';

export interface DriftOptions {
  /** Share of records that also lose their `id`. @default 0 */
  withoutId?: number;
}

/** One field of one record, drifted in place. */
export function driftField(record: Record<string, unknown>, field: string, kind: DriftKind): void {
  const value = record[field];
  switch (kind) {
    case 'null':
      record[field] = null;
      break;
    case 'missing':
      delete record[field];
      break;
    case 'wrong-type':
      // A string becomes a number, anything else a string: never the documented type.
      record[field] = typeof value === 'string' ? 42 : typeof value === 'number' ? String(value) : value !== null && typeof value === 'object' ? 'not-an-object' : 7;
      break;
    case 'unknown-value':
      // A value no enum documents; for a non-string field this is a wrong type as well.
      record[field] = 'value_added_by_vendor';
      break;
  }
}

export function driftBody(text: string, random: Random, { withoutId = 0 }: DriftOptions = {}): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ('id' in record && Object.keys(record).length > 3) {
      const fields = Object.keys(record).filter((field) => field !== 'id');
      driftField(record, random.pick(fields), random.pick(DRIFT_KINDS));
      record[DRIFT_EXTRA_FIELD] = { added: 'by the vendor' };
      if (random.chance(withoutId)) delete record.id;
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(body);
  return JSON.stringify(body);
}
