import { z } from 'zod';
import type { Simulator } from './create-simulator.js';
import { FaultRuleSchema } from './faults.js';
import { json, parseJsonBody, type SimRequest, type SimResponse } from './protocol.js';

/**
 * The admin endpoint under `/__admin`, so faults can be switched from curl or another process while
 * the simulator runs. It bypasses auth, faults and the request log: inspecting a simulator must not
 * change what it recorded. Loopback sandbox only; there is nothing to protect here.
 *
 *   GET    /__admin              summary: vendor, connections, faults, settings, record counts and totals
 *   GET    /__admin/faults       the fault rules
 *   PUT    /__admin/faults       replace them with a JSON array of rules
 *   POST   /__admin/faults       append one rule (or an array of rules)
 *   DELETE /__admin/faults       remove every rule
 *   GET    /__admin/requests     the request log          GET /__admin/ledger   the write ledger
 *   GET    /__admin/connections  TCP connections opened    DELETE /__admin/records  clear log and ledger
 *   GET    /__admin/settings     vendor behaviour (rate limits, token lifetime); PATCH to change
 *   POST   /__admin/reset        seed state, no faults, empty records
 */
export async function handleAdmin(sim: Simulator, request: SimRequest): Promise<SimResponse> {
  const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__admin':
        return json(200, {
          vendor: sim.vendor,
          url: sim.url ?? null,
          connections: sim.connections(),
          faults: sim.faults.list(),
          settings: sim.app.settings,
          requests: sim.requests().entries.length,
          writes: sim.ledger().entries.length,
          // Totals include what the bounded logs let go: a load run reads these before and after.
          totals: sim.counts(),
        });
      case 'GET /__admin/faults':
        return json(200, sim.faults.list());
      case 'PUT /__admin/faults':
        sim.faults.set(z.array(FaultRuleSchema).parse(body(request)));
        return json(200, sim.faults.list());
      case 'POST /__admin/faults': {
        const input = body(request);
        const rules = z.array(FaultRuleSchema).parse(Array.isArray(input) ? input : [input]);
        for (const rule of rules) sim.faults.add(rule);
        return json(201, sim.faults.list());
      }
      case 'DELETE /__admin/faults':
        sim.faults.clear();
        return json(200, []);
      case 'GET /__admin/requests':
        return json(200, sim.requests());
      case 'GET /__admin/ledger':
        return json(200, sim.ledger());
      case 'GET /__admin/connections':
        return json(200, sim.connections());
      case 'DELETE /__admin/records':
        sim.clearRecords();
        return { status: 204 };
      case 'GET /__admin/settings':
        return json(200, sim.app.settings);
      case 'PATCH /__admin/settings':
        Object.assign(sim.app.settings, sim.app.settingsSchema.parse(body(request)));
        return json(200, sim.app.settings);
      case 'POST /__admin/reset':
        sim.reset();
        return { status: 204 };
      default:
        return json(404, { error: `No admin route ${route}; see GET /__admin` });
    }
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    return json(400, { error: message });
  }
}

function body(request: SimRequest): unknown {
  const parsed = parseJsonBody(request);
  if (parsed instanceof Error) throw new Error(`Body is not JSON: ${parsed.message}`);
  return parsed;
}
