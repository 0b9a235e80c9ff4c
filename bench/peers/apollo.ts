/**
 * The Apollo peer: the benchmark's GraphQL operations served by Apollo Server 5 over
 * `@apollo/datasource-rest`, built the way Apollo's documentation recommends, so the benchmark
 * compares Switchboard with what a team would get by following the Apollo docs:
 *
 * - schema-first: SDL (apollo-schema.graphql, the subset of Switchboard's schema the operations use,
 *   same names and nullability) plus a resolver map, scalars from graphql-scalars as in Switchboard;
 * - one `RESTDataSource` subclass per vendor, made per request in the context function (the docs'
 *   `dataSources` idiom, sharing the server's cache), and a per-request DataLoader so `nodes` and
 *   aliases read each account once;
 * - no retries, breaker, quota or deadline of its own: that is what a plain Apollo gateway has.
 *
 * What it answers comes from Switchboard's own vendor clients and mappings (bench/peers/kit.ts) driven
 * over the data sources: each data source is also the `HttpClient` those clients call, its `send`
 * going through RESTDataSource's `fetch`. Non-2xx answers are returned, not thrown, because the vendor
 * clients decode each vendor's error bodies. Answers are therefore Switchboard's, field for field.
 *
 * APOLLO_FETCHER picks the HTTP client under RESTDataSource: `default` (its own node-fetch over Node's
 * global agent) or `undici` (undici's fetch over one long-lived keep-alive Agent).
 *
 * Run: PORT=… APOLLO_FETCHER=default|undici <vendor env as for Switchboard> npx tsx bench/peers/apollo.ts
 * Prints `ready http://127.0.0.1:<port> fetcher=<name>` once listening; SIGTERM/SIGINT stop it.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type DataSourceConfig, type DataSourceFetchResult, type DataSourceRequest } from '@apollo/datasource-rest';
import DataLoader from 'dataloader';
import { Agent, fetch as undiciFetch } from 'undici';
import { UpstreamError } from '../../src/errors.js';
import { retryAfterSeconds, type HttpClient, type VendorRequest, type VendorResponse } from '../../src/connectors/http.js';
import type { CanonicalUser, VendorId } from '../../src/connectors/types.js';
import { createPeerResolvers, type PeerContext } from './graphql-resolvers.js';
import { createPeerDirectory, createPeerVendors, createSharedImichatToken, endpointsFromEnv, type PeerVendors, type VendorEndpoint } from './kit.js';

type FetcherResponse = DataSourceFetchResult<unknown>['response'];

/** A vendor's REST API as a data source; `send` makes it the `HttpClient` Switchboard's vendor clients take. */
abstract class VendorAPI extends RESTDataSource implements HttpClient {
  abstract readonly vendor: VendorId;
  private readonly prefix: string;

  constructor(private readonly endpoint: VendorEndpoint, config: DataSourceConfig) {
    super(config);
    const base = new URL(endpoint.baseUrl);
    this.baseURL = `${base.origin}/`;
    this.prefix = base.pathname.replace(/\/+$/, '');
  }

  /** Every status is an answer for the vendor client to judge (it reads IMIchat's codes, Rinkel's 400s…). */
  protected override async throwIfResponseIsError(): Promise<void> {}

  /** The body as text; `send` parses it as Switchboard's HttpClient does (empty → undefined). */
  protected override async parseBody(response: FetcherResponse): Promise<string> {
    try {
      return await response.text();
    } catch (cause) {
      throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor: this.vendor, httpStatus: response.status, cause });
    }
  }

  async send({ method, path, query, headers, body }: VendorRequest): Promise<VendorResponse> {
    const params: Record<string, string> = {};
    if (query) for (const [name, value] of Object.entries(query)) if (value !== undefined) params[name] = String(value);
    let result: DataSourceFetchResult<string>;
    try {
      // The timeout is the fetcher's own (see `fetcher` below): no per-call timer or signal here.
      result = await this.fetch<string>(this.prefix + path, {
        method,
        params,
        headers: headers ? { accept: 'application/json', ...headers } : { accept: 'application/json' },
        body: body as object | undefined, // RESTDataSource sends a plain object as JSON
        ...(fetcherName === 'default' ? { timeout: this.endpoint.timeoutMs } : {}),
      } as DataSourceRequest);
    } catch (cause) {
      if (cause instanceof UpstreamError) throw cause;
      const delivery = isTimeout(cause) ? 'timeout' : isRefused(cause) ? 'not-sent' : 'dropped';
      throw new UpstreamError({ code: 'VENDOR_UNAVAILABLE', vendor: this.vendor, httpStatus: null, cause, delivery });
    }
    const { response, parsedBody } = result;
    const flat: Record<string, string> = {};
    for (const [name, value] of response.headers) flat[name.toLowerCase()] = value;
    return { status: response.status, headers: flat, body: this.json(response.status, parsedBody), retryAfterSeconds: retryAfterSeconds(flat['retry-after']) };
  }

  async close(): Promise<void> {}

  private json(status: number, text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new UpstreamError({ code: 'BAD_VENDOR_RESPONSE', vendor: this.vendor, httpStatus: status, cause });
    }
  }
}

class RinkelAPI extends VendorAPI { readonly vendor = 'rinkel'; }
class DialpadAPI extends VendorAPI { readonly vendor = 'dialpad'; }
class ImichatAPI extends VendorAPI { readonly vendor = 'imichat'; }
class CommpeakAPI extends VendorAPI { readonly vendor = 'commpeak'; }

/** node-fetch's `request-timeout`, or undici's headers/body timeout (as fetch's cause). */
function isTimeout(error: unknown): boolean {
  const { type, code, cause } = error as { type?: string; code?: string; cause?: { code?: string } };
  return type === 'request-timeout' || /^UND_ERR_(HEADERS|BODY)_TIMEOUT$/.test(code ?? cause?.code ?? '');
}

function isRefused(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return (code ?? cause?.code) === 'ECONNREFUSED';
}

const fetcherName = process.env.APOLLO_FETCHER || 'default';
if (fetcherName !== 'default' && fetcherName !== 'undici') throw new Error(`APOLLO_FETCHER must be default or undici, got "${fetcherName}"`);
const endpoints = endpointsFromEnv();
/**
 * Timeouts the way each fetcher keeps them itself, as the floor does (peers/bare-http.ts), instead of
 * an `AbortSignal.timeout` + `AbortSignal.any` per call: node-fetch's `timeout` option (one socket
 * timer per request, over Node's global keep-alive agent), undici's `headersTimeout`/`bodyTimeout` on
 * one long-lived Agent. Every vendor has the same timeout in the benchmark; the Agent takes the largest.
 */
const agent = fetcherName === 'undici'
  ? (() => {
      const timeoutMs = Math.max(...Object.values(endpoints).map((endpoint) => endpoint.timeoutMs));
      return new Agent({ keepAliveTimeout: 30_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    })()
  : undefined;
const fetcher: DataSourceConfig['fetch'] = agent ? (url, init) => undiciFetch(url, { ...init, dispatcher: agent }) : undefined;

const directory = createPeerDirectory(endpoints);

interface Context extends PeerContext {
  dataSources: { [V in VendorId]: VendorAPI };
}

const server = new ApolloServer<Context>({
  typeDefs: readFileSync(new URL('./apollo-schema.graphql', import.meta.url), 'utf8'),
  resolvers: createPeerResolvers(directory),
  plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled()],
  stopOnTerminationSignals: false, // ours below also closes the directory, and exits 0
});

const config: DataSourceConfig = { cache: server.cache, fetch: fetcher };
// IMIchat's token outlives requests (kit.ts), so it signs in over a data source kept for the purpose.
const imichatToken = createSharedImichatToken(new ImichatAPI(endpoints.imichat, config), endpoints.imichat);

/** The batch: every account asked for in this tick, all read in parallel; a failure stays in its slot. */
function readUsers(vendors: PeerVendors, keys: readonly string[]): Promise<(CanonicalUser | Error)[]> {
  return Promise.all(
    keys.map((key) => {
      const colon = key.indexOf(':');
      return vendors[key.slice(0, colon) as VendorId].getUser(key.slice(colon + 1)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    }),
  );
}

const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT || 0) },
  context: async () => {
    const dataSources = {
      rinkel: new RinkelAPI(endpoints.rinkel, config),
      dialpad: new DialpadAPI(endpoints.dialpad, config),
      imichat: new ImichatAPI(endpoints.imichat, config),
      commpeak: new CommpeakAPI(endpoints.commpeak, config),
    };
    const vendors = createPeerVendors(endpoints, (vendor) => dataSources[vendor], imichatToken);
    const users = new DataLoader((keys: readonly string[]) => readUsers(vendors, keys));
    return {
      dataSources,
      vendors,
      load: (key: string) => users.load(key),
      // Nothing is shared across requests here (RESTDataSource's memo is per request), so every read is fresh.
      loadFresh: (key: string) => users.load(key),
      remember(user: CanonicalUser) {
        const key = `${user.vendor}:${user.vendorUserId}`;
        users.clear(key).prime(key, user);
      },
    };
  },
});
console.log(`ready http://127.0.0.1:${new URL(url).port} fetcher=${fetcherName}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([server.stop(), directory.close(), agent?.close()]).then(() => process.exit(0));
  });
}
