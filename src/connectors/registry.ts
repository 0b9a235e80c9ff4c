import { createCommpeakConnector } from './commpeak/index.js';
import { COMMPEAK_SANDBOX_PASSWORD, COMMPEAK_SANDBOX_USERNAME } from './commpeak/simulator.js';
import { createDialpadConnector } from './dialpad/index.js';
import { DIALPAD_SANDBOX_KEY } from './dialpad/simulator.js';
import { createImichatConnector } from './imichat/index.js';
import { IMICHAT_SANDBOX_DOMAIN, IMICHAT_SANDBOX_KEY, IMICHAT_SANDBOX_TEAM_ID } from './imichat/simulator.js';
import { createRinkelConnector } from './rinkel/index.js';
import { RINKEL_SANDBOX_KEY } from './rinkel/simulator.js';
import type { TransportOptions } from './http.js';
import type { UserConnector, VendorId } from './types.js';

/**
 * Everything that differs per vendor at wiring time, as `Record`s over `VendorId`: adding a vendor to
 * VENDOR_IDS fails to compile until it has a factory, credentials, env names and sandbox values.
 */

export interface VendorCredentials {
  rinkel: { apiKey: string };
  dialpad: { apiKey: string };
  imichat: { apiKey: string; domain: string; teamId: string };
  commpeak: { username: string; password: string };
}


export type ConnectorOptions<V extends VendorId> = TransportOptions & VendorCredentials[V];

export const CONNECTOR_FACTORIES: { readonly [V in VendorId]: (options: ConnectorOptions<V>) => UserConnector } = {
  rinkel: createRinkelConnector,
  dialpad: createDialpadConnector,
  imichat: createImichatConnector,
  commpeak: createCommpeakConnector,
};

/** The environment variable behind each credential (VENDORS.md "config env"). */
export const CREDENTIAL_ENV: { readonly [V in VendorId]: { readonly [K in keyof VendorCredentials[V]]: string } } = {
  rinkel: { apiKey: 'RINKEL_API_KEY' },
  dialpad: { apiKey: 'DIALPAD_API_KEY' },
  imichat: { apiKey: 'IMICHAT_API_KEY', domain: 'IMICHAT_DOMAIN', teamId: 'IMICHAT_TEAM_ID' },
  commpeak: { username: 'COMMPEAK_USERNAME', password: 'COMMPEAK_PASSWORD' },
};

/** What the simulators accept (VENDORS.md "Sandbox credentials"). */
export const SANDBOX_CREDENTIALS: VendorCredentials = {
  rinkel: { apiKey: RINKEL_SANDBOX_KEY },
  dialpad: { apiKey: DIALPAD_SANDBOX_KEY },
  imichat: { apiKey: IMICHAT_SANDBOX_KEY, domain: IMICHAT_SANDBOX_DOMAIN, teamId: IMICHAT_SANDBOX_TEAM_ID },
  commpeak: { username: COMMPEAK_SANDBOX_USERNAME, password: COMMPEAK_SANDBOX_PASSWORD },
};

export function createConnector<V extends VendorId>(vendor: V, options: ConnectorOptions<V>): UserConnector {
  return CONNECTOR_FACTORIES[vendor](options);
}
