import { unreadableIn } from '../connectors/drift.js';
import { userKey } from '../connectors/fan-out.js';
import { UpstreamError } from '../errors.js';
import { VENDOR_IDS, type CanonicalUser, type UserSlot, type VendorId } from '../connectors/types.js';
import type { Context } from '../context.js';
import { User } from './user.js';

/**
 * One person's accounts: Dialpad by its `?email=` search, the others from the directory snapshot,
 * each candidate confirmed by a fresh read (through the request's loader, so `user` on the same
 * account costs nothing more). Used by `usersByEmail` and `updateUsersByEmail`.
 *
 * A vendor that could not confirm a candidate is a failure of that vendor, never an absence: a
 * snapshot can hold the person while the vendor is down now, and "no such person" would be a lie a
 * client may act on (`updateUsersByEmail` answering NotFoundError). Only the vendor's own NOT_FOUND
 * (deleted since the snapshot) drops a candidate. A list that left out records without a usable id
 * is reported too: the person may be among them.
 *
 * `forWrite`: the confirming reads are fresh (no cached account, no read another request started
 * earlier), so a write may be planned against them without reading each account again. Dialpad's
 * search is fresh either way: it is a request made now.
 */
export async function findAccountsByEmail(
  context: Context,
  email: string,
  { forWrite = false }: { forWrite?: boolean } = {},
): Promise<{ accounts: CanonicalUser[]; failures: { vendor: VendorId; error: unknown }[] }> {
  const needle = email.toLowerCase();
  const hasAddress = (user: CanonicalUser) => user.emails.some((address) => address.toLowerCase() === needle);
  const loader = User.getDataloader(context);
  const failures: { vendor: VendorId; error: unknown }[] = [];
  const perVendor = await Promise.all(
    VENDOR_IDS.map(async (vendor): Promise<CanonicalUser[]> => {
      const connector = context.connectors[vendor];
      if (!connector) return [];
      try {
        if (connector.findByEmail) {
          const found = await connector.findByEmail(email, context.signal);
          const unreadable = unreadableIn(found);
          if (unreadable) failures.push({ vendor, error: unreadable });
          for (const user of found) loader.prime(userKey(vendor, user.vendorUserId), user);
          return found.filter(hasAddress);
        }
        const snapshot = await context.directory.list(vendor, context.signal);
        const unreadable = unreadableIn(snapshot);
        if (unreadable) failures.push({ vendor, error: unreadable });
        const candidates = snapshot.filter(hasAddress);
        const keys = candidates.map((user) => userKey(vendor, user.vendorUserId));
        const loaded = forWrite ? await readFresh(context, keys) : await loader.loadMany(keys);
        const failed = loaded.find((slot) => slot instanceof Error && !(slot instanceof UpstreamError && slot.code === 'NOT_FOUND'));
        if (failed) failures.push({ vendor, error: failed });
        return loaded.filter((slot): slot is CanonicalUser => !(slot instanceof Error) && hasAddress(slot));
      } catch (error) {
        failures.push({ vendor, error });
        return [];
      }
    }),
  );
  return { accounts: perVendor.flat(), failures };
}

/** Fresh reads of `keys`, kept in the request's loader so later fields on the same accounts cost nothing. */
async function readFresh(context: Context, keys: readonly string[]): Promise<UserSlot[]> {
  const slots = await context.reads.load(keys, context.signal, { fresh: true });
  const loader = User.getDataloader(context);
  slots.forEach((slot, i) => {
    if (!(slot instanceof Error)) loader.clear(keys[i] as string).prime(keys[i] as string, slot);
  });
  return slots;
}
