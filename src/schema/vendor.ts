import { VENDOR_IDS, type CanonicalField, type VendorId, type WritableField } from '../connectors/types.js';
import { builder } from './builder.js';
import { VendorEnum } from './enums.js';

/** `vendors`: how each vendor is wired and what it can do, for consoles that adapt their forms. */

const VendorModeEnum = builder.enumType('VendorMode', {
  description: 'How the gateway reaches a vendor.',
  values: {
    SANDBOX: { value: 'SANDBOX', description: 'An in-process simulator of the vendor (no vendor configured).' },
    LIVE: { value: 'LIVE', description: "The vendor's real API, with credentials from the environment." },
    OFF: { value: 'OFF', description: 'Not configured; its accounts are not listed and cannot be read.' },
  },
});

const VendorHealthEnum = builder.enumType('VendorHealth', {
  description: 'Whether the vendor answered a cheap authenticated call in the last few seconds.',
  values: {
    UP: { value: 'UP', description: 'It answered.' },
    DOWN: { value: 'DOWN', description: 'It failed, refused the credentials, or did not answer in time.' },
    DISABLED: { value: 'DISABLED', description: 'The vendor is off.' },
  },
});

const VendorInfo = builder.objectRef<{ vendor: VendorId }>('VendorInfo').implement({
  description: 'One vendor as this gateway sees it.',
  fields: (t) => ({
    vendor: t.expose('vendor', { type: VendorEnum, description: 'Which vendor.' }),
    enabled: t.boolean({ description: 'Whether its accounts are served (mode is not OFF).', resolve: ({ vendor }, _, context) => context.connectors[vendor] !== undefined }),
    mode: t.field({ type: VendorModeEnum, description: 'Sandbox, live or off.', resolve: ({ vendor }, _, context) => context.vendorStatus.mode(vendor) }),
    health: t.field({ type: VendorHealthEnum, description: 'Up, down or disabled.', resolve: ({ vendor }, _, context) => context.vendorStatus.health(vendor) }),
    readableFields: t.stringList({
      description: 'Canonical `User` fields this vendor fills; the others are always null (or empty) for its accounts.',
      resolve: ({ vendor }, _, context): CanonicalField[] => [...(context.connectors[vendor]?.readableFields ?? [])],
    }),
    writableFields: t.stringList({
      description: 'Canonical fields `updateUser` can change for its accounts; others are refused (or skipped by `updateUsersByEmail`).',
      resolve: ({ vendor }, _, context): WritableField[] => [...(context.connectors[vendor]?.writableFields ?? [])],
    }),
  }),
});

builder.queryField('vendors', (t) =>
  t.field({
    type: [VendorInfo],
    description: 'Every vendor Switchboard knows, in `Vendor` order, enabled or not.',
    resolve: () => VENDOR_IDS.map((vendor) => ({ vendor })),
  }),
);
