import { GraphQLError } from 'graphql';
import { UpstreamError, vendorDisplayName } from '../errors.js';
import { VENDOR_IDS, type UserConnector, type UserSlot, type VendorId } from './types.js';

/**
 * The batch function behind the User loader. Keys are `vendor:vendorUserId`; the loader has already
 * removed duplicates. Keys are split by vendor, each vendor's connector is called once with all its
 * ids, the vendors run in parallel, and the slots are put back in key order — dataloader matches
 * results to keys by position, so order is the contract, and an error stays in its own slot.
 */

export function userKey(vendor: VendorId, vendorUserId: string): string {
  return `${vendor}:${vendorUserId}`;
}

export function parseUserKey(key: string): { vendor: VendorId; vendorUserId: string } | null {
  const colon = key.indexOf(':');
  const vendor = key.slice(0, colon) as VendorId;
  const vendorUserId = key.slice(colon + 1);
  return colon > 0 && VENDOR_IDS.includes(vendor) && vendorUserId !== '' ? { vendor, vendorUserId } : null;
}

export async function loadUsers(
  keys: readonly string[],
  connectors: Readonly<Partial<Record<VendorId, UserConnector>>>,
  signal?: AbortSignal,
): Promise<UserSlot[]> {
  const slots: UserSlot[] = new Array<UserSlot>(keys.length);
  const byVendor = new Map<VendorId, { ids: string[]; positions: number[] }>();
  keys.forEach((key, position) => {
    const parsed = parseUserKey(key);
    if (!parsed) {
      slots[position] = new GraphQLError(`No user has the id "${key}".`, { extensions: { code: 'NOT_FOUND' } });
      return;
    }
    const group = byVendor.get(parsed.vendor) ?? { ids: [], positions: [] };
    group.ids.push(parsed.vendorUserId);
    group.positions.push(position);
    byVendor.set(parsed.vendor, group);
  });

  await Promise.all(
    [...byVendor].map(async ([vendor, { ids, positions }]) => {
      const connector = connectors[vendor];
      const results: UserSlot[] = connector
        ? await connector.getUsers(ids, signal).catch((error: unknown) => ids.map(() => asError(error)))
        : ids.map(() => new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor, httpStatus: null, message: `${vendorDisplayName(vendor)} is not enabled on this gateway.` }));
      positions.forEach((position, i) => {
        slots[position] = results[i] ?? new Error(`${vendor} connector returned ${results.length} results for ${ids.length} ids`);
      });
    }),
  );
  return slots;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
