// Prints one request body of a workload, drawn from the simulators in /tmp/env.sh: for hand runs with autocannon -b.
import { createConnector, SANDBOX_CREDENTIALS } from '../../src/connectors/registry.js';
import { VENDOR_IDS } from '../../src/connectors/types.js';
import { MANY_USERS } from '../operations.js';
import { globalUserId } from '../peers/kit.js';
const ids: string[] = [];
for (const vendor of VENDOR_IDS) {
  const c = createConnector(vendor, { baseUrl: process.env[`${vendor.toUpperCase()}_BASE_URL`]!, timeoutMs: 5000, concurrency: 4, ...SANDBOX_CREDENTIALS[vendor] } as never);
  const users = await c.listAllUsers();
  ids.push(...users.slice(0, Number(process.argv[2] ?? 20)).map((u) => globalUserId(vendor, u.vendorUserId)));
  await c.close();
}
console.log(JSON.stringify({ query: MANY_USERS, variables: { ids } }));
