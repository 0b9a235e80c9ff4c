import { userKey } from '../connectors/fan-out.js';
import { VENDOR_IDS, type CanonicalUser, type VendorId } from '../connectors/types.js';
import type { Context } from '../context.js';
import { User } from './user.js';

/**
 * One person's accounts: Dialpad by its `?email=` search, the others from the directory snapshot,
 * each candidate confirmed by a fresh read (through the request's loader, so `user` on the same
 * account costs nothing more). Used by `usersByEmail` and `updateUsersByEmail`.
 */
export async function findAccountsByEmail(context: Context, email: string): Promise<{ accounts: CanonicalUser[]; failures: { vendor: VendorId; error: unknown }[] }> {
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
          for (const user of found) loader.prime(userKey(vendor, user.vendorUserId), user);
          return found.filter(hasAddress);
        }
        const candidates = (await context.directory.list(vendor, context.signal)).filter(hasAddress);
        const loaded = await loader.loadMany(candidates.map((user) => userKey(vendor, user.vendorUserId)));
        return loaded.filter((slot): slot is CanonicalUser => !(slot instanceof Error) && hasAddress(slot));
      } catch (error) {
        failures.push({ vendor, error });
        return [];
      }
    }),
  );
  return { accounts: perVendor.flat(), failures };
}
