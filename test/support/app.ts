import type { Logger } from 'pino';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { VENDOR_IDS } from '../../src/connectors/types.js';
import type { Simulators } from '../../src/simulator/start.js';

/**
 * The app exactly as `npm start` runs it in sandbox mode (config from env, simulators in-process), on
 * free ports, with a small GraphQL client. Tests talk to it over real HTTP only.
 */
export interface TestApp extends App {
  readonly simulators: Simulators;
  /** POSTs a GraphQL request; returns the HTTP status and the parsed body. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Back to the seed: vendor state, faults, records; circuit breakers closed; Dialpad's own rate limit off. */
  reset(): void;
}

export interface GraphQLResponse<T> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
  text: string;
}

export async function startTestApp(env: Record<string, string> = {}, logger?: Logger): Promise<TestApp> {
  const config = loadConfig({ PORT: '0', SIM_PORT_BASE: '0', SIM_SEED: '5', DIRECTORY_TTL_MS: '0', ...env });
  const app = await startApp(config, logger);
  const simulators = app.simulators;
  if (!simulators) throw new Error('startTestApp needs sandbox mode');
  const testApp: TestApp = {
    ...app,
    simulators,
    async graphql(query, variables, headers) {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: never; errors?: GraphQLResponse<never>['errors'] };
      return { status: response.status, data: body.data, errors: body.errors, text };
    },
    reset() {
      for (const vendor of VENDOR_IDS) {
        simulators[vendor].reset();
        app.policies[vendor]?.reset();
        // Dialpad's 20 req/s is the subject of the resilience tests; here it would only add noise.
        if ('perSecond' in simulators[vendor].app.settings) Object.assign(simulators[vendor].app.settings, { perSecond: null, perMinute: null });
      }
    },
  };
  testApp.reset();
  return testApp;
}

/** Requests a simulator saw, as `METHOD /path`, without IMIchat's token calls. */
export function calls(simulators: Simulators, vendor: (typeof VENDOR_IDS)[number]): string[] {
  return simulators[vendor].requests().entries.filter((entry) => entry.url !== '/authorize').map((entry) => `${entry.method} ${entry.url}`);
}
