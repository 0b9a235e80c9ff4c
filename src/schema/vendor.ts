import { VENDOR_IDS, type CanonicalField, type VendorId, type VendorQuota, type WritableField } from '../connectors/types.js';
import { builder } from './builder.js';
import { VendorEnum } from './enums.js';

const StoreStateEnum = builder.enumType('StoreState', {
  description: 'Where shared state (quotas, idempotency keys, the entity cache) is kept.',
  values: {
    MEMORY: { value: 'MEMORY', description: 'In this process: no `REDIS_URL` set; one replica.' },
    REDIS_UP: { value: 'REDIS_UP', description: 'In Redis, shared by every replica, and Redis answers.' },
    REDIS_DOWN: { value: 'REDIS_DOWN', description: "Redis is unreachable: each replica keeps its share of the vendor's limit (limit ÷ REPLICAS), reads skip the cache, keyed writes are refused." },
  },
});

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

const CircuitStateEnum = builder.enumType('CircuitState', {
  description: "The gateway's circuit breaker for a vendor.",
  values: {
    CLOSED: { value: 'CLOSED', description: 'Calls go through.' },
    HALF_OPEN: { value: 'HALF_OPEN', description: 'After failures: one probe call at a time decides whether to close again.' },
    OPEN: { value: 'OPEN', description: 'Too many recent calls failed: calls fail fast with VENDOR_UNAVAILABLE for a few seconds.' },
  },
});

const VendorQuotaRef = builder.objectRef<VendorQuota>('VendorQuota').implement({
  description: 'A request quota as the vendor last reported it.',
  fields: (t) => ({
    limit: t.exposeInt('limit', { description: 'Calls allowed per period.' }),
    remaining: t.exposeInt('remaining', { description: 'Calls left in the period, as of `observedAt`.' }),
    resetsAt: t.field({ type: 'DateTime', description: 'When the vendor said calls are given back.', resolve: (quota) => new Date(quota.observedAt + quota.resetSeconds * 1000) }),
    observedAt: t.field({ type: 'DateTime', description: 'When the response that reported it arrived.', resolve: (quota) => new Date(quota.observedAt) }),
  }),
});

const VendorInfo = builder.objectRef<{ vendor: VendorId }>('VendorInfo').implement({
  description: 'One vendor as this gateway sees it.',
  fields: (t) => ({
    vendor: t.expose('vendor', { type: VendorEnum, description: 'Which vendor.' }),
    enabled: t.boolean({ description: 'Whether its accounts are served (mode is not OFF).', resolve: ({ vendor }, _, context) => context.connectors[vendor] !== undefined }),
    mode: t.field({ type: VendorModeEnum, description: 'Sandbox, live or off.', resolve: ({ vendor }, _, context) => context.vendorStatus.mode(vendor) }),
    health: t.field({ type: VendorHealthEnum, description: 'Up, down or disabled; DOWN at once while the circuit is open.', resolve: ({ vendor }, _, context) => context.vendorStatus.health(vendor) }),
    quotaStore: t.field({
      type: StoreStateEnum,
      nullable: true,
      description: "Where this vendor's outbound quota is kept; null when the vendor is off.",
      resolve: ({ vendor }, _, context) => (context.connectors[vendor] ? context.storeState() : null),
    }),
    circuit: t.field({ type: CircuitStateEnum, nullable: true, description: 'The circuit breaker; null when the vendor is off.', resolve: ({ vendor }, _, context) => context.vendorStatus.circuit(vendor) }),
    quota: t.field({
      type: VendorQuotaRef,
      nullable: true,
      description: "The vendor's own report of its request quota (IMIchat: 10,000 calls a day); null where the vendor reports none or before the first call.",
      resolve: ({ vendor }, _, context) => context.connectors[vendor]?.quota?.() ?? null,
    }),
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
