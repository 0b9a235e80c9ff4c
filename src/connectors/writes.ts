import { isDeepStrictEqual } from 'node:util';
import { mergeDeep } from '../lib/merge-deep.js';
import { UpstreamError, vendorDisplayName } from '../errors.js';
import {
  WRITABLE_FIELDS, type CanonicalPatch, type CanonicalUser, type FieldChange, type FieldIssue, type UpdatePlan, type VendorId, type WritableField,
} from './types.js';

/**
 * A vendor's write mapping as a table: one pure encoder per canonical field it can write, turning the
 * canonical value (null = clear) into a fragment of the vendor's update body, or refusing it with a
 * reason. Like the read table, it is the single source of `writableFields`.
 */

export interface Refusal {
  readonly refused: string;
  readonly acceptedValues?: readonly string[];
}

/** `current` is null while the account is not read yet: refuse then only what is refused for any account. */
export type FieldEncoder<V> = (value: V | null, current: CanonicalUser | null) => Record<string, unknown> | Refusal;

export type WriteTable = { readonly [F in WritableField]?: FieldEncoder<NonNullable<CanonicalUser[F]>> };

/** A vendor's own patch (the `rinkel:`/`dialpad:`... input, already typed by GraphQL), encoded. */
export interface VendorPatchEncoding {
  readonly body: Record<string, unknown>;
  readonly changes: readonly FieldChange[];
  /** Parts of the patch this vendor cannot take (a null it cannot clear, say), named `vendor.field`; left out of `body`. */
  readonly issues?: readonly FieldIssue[];
}

export function isRefusal(value: Record<string, unknown> | Refusal): value is Refusal {
  return typeof (value as Refusal).refused === 'string';
}

export function writableFieldsOf(table: WriteTable): WritableField[] {
  return WRITABLE_FIELDS.filter((field) => table[field] !== undefined);
}

/** The encoder for a value that cannot be cleared at this vendor. */
export function required<V>(vendor: VendorId, encode: (value: V, current: CanonicalUser | null) => Record<string, unknown> | Refusal): FieldEncoder<V> {
  return (value, current) => (value === null ? { refused: `${vendorDisplayName(vendor)} cannot clear this field` } : encode(value, current));
}

/** The encoder for an enumeration the vendor stores only some values of. */
export function oneOf<W>(vendor: VendorId, table: Readonly<Record<string, W>>, encode: (wire: W) => Record<string, unknown>): FieldEncoder<string> {
  const accepted = Object.keys(table);
  return required(vendor, (value: string) => {
    // hasOwn, not `in` or a bare lookup: "toString" is a valid Locale tag and must not find Object.prototype.
    const wire = Object.hasOwn(table, value) ? table[value] : undefined;
    return wire === undefined ? { refused: `${vendorDisplayName(vendor)} cannot store ${value}`, acceptedValues: accepted } : encode(wire);
  });
}

/**
 * Plans an update: every canonical field through the table (refused or unknown fields become issues),
 * plus the vendor's own patch. Fragments are deep-merged, so `language` and `rinkel.preferences` can
 * share Rinkel's `preferences` object. Once the account is read, a field asked to take the value it
 * already holds is no change: it is neither listed nor sent, so an update that changes nothing sends
 * nothing (and answers `changes: []`). A vendor patch is sent whole when any of its fields changes.
 */
export function planWith(
  vendor: VendorId,
  table: WriteTable,
  current: CanonicalUser | null,
  patch: CanonicalPatch,
  vendorPatch: VendorPatchEncoding | undefined,
): UpdatePlan {
  let body: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const issues: FieldIssue[] = [];
  for (const field of WRITABLE_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const value = patch[field] ?? null;
    const encode = table[field] as FieldEncoder<unknown> | undefined;
    if (!encode) {
      issues.push({ field, reason: `${vendorDisplayName(vendor)} cannot write ${field}` });
      continue;
    }
    const fragment = encode(value, current);
    if (isRefusal(fragment)) {
      issues.push(fragment.acceptedValues ? { field, reason: fragment.refused, acceptedValues: fragment.acceptedValues } : { field, reason: fragment.refused });
      continue;
    }
    const before = current?.[field] ?? null;
    if (current && isDeepStrictEqual(before, value)) continue;
    body = mergeDeep(body, fragment);
    changes.push({ field, before, after: value });
  }
  if (vendorPatch) {
    const real = current ? vendorPatch.changes.filter((change) => !isDeepStrictEqual(change.before, change.after)) : vendorPatch.changes;
    if (!current || real.length > 0) body = mergeDeep(body, vendorPatch.body);
    changes.push(...real);
    issues.push(...(vendorPatch.issues ?? []));
  }
  return { body, changes, issues };
}

/**
 * Changes of a vendor patch: one per leaf of the input, named `vendor.path.to.leaf`, with the value the
 * account has now at the same path of its details (null where details name it differently).
 */
export function vendorPatchChanges(vendor: VendorId, input: Readonly<Record<string, unknown>>, details: object, skip: ReadonlySet<string> = new Set()): FieldChange[] {
  const changes: FieldChange[] = [];
  const walk = (value: unknown, path: string[], before: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !isOpaqueObject(path)) {
      for (const [key, child] of Object.entries(value)) {
        if (child !== undefined) walk(child, [...path, key], before && typeof before === 'object' ? (before as Record<string, unknown>)[key] : undefined);
      }
      return;
    }
    const field = [vendor, ...path].join('.');
    changes.push({ field, before: skip.has(path.join('.')) ? null : (before ?? null), after: skip.has(path.join('.')) ? '[write-only]' : value });
  };
  walk(input, [], details);
  return changes;

  /** Attribute maps are values, not structure: one change for the whole object. */
  function isOpaqueObject(path: string[]): boolean {
    return /Attributes$/.test(path.at(-1) ?? '');
  }
}

/**
 * Runs a write and returns the account afterwards, decoded. A 2xx whose body is empty or unreadable
 * still means the vendor applied the write, so the account is read back instead of reporting a failure
 * that did not happen (and inviting a retry that would apply it twice).
 */
export async function writeThenRead<Wire>(
  decode: (wire: Wire) => CanonicalUser,
  write: () => Promise<Wire | null>,
  read: () => Promise<Wire>,
): Promise<CanonicalUser> {
  try {
    const written = await write();
    return decode(written ?? (await read()));
  } catch (error) {
    const status = error instanceof UpstreamError ? error.httpStatus : null;
    if (error instanceof UpstreamError && error.code === 'BAD_VENDOR_RESPONSE' && status !== null && status >= 200 && status < 300) return decode(await read());
    throw error;
  }
}
