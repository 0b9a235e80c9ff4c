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
import { GraphQLError } from 'graphql';
import { DateTimeResolver, EmailAddressResolver, LocaleResolver, PhoneNumberResolver } from 'graphql-scalars';
import { Agent, fetch as undiciFetch } from 'undici';
import { UpstreamError, WriteRejected } from '../../src/errors.js';
import { retryAfterSeconds, type HttpClient, type VendorRequest, type VendorResponse } from '../../src/connectors/http.js';
import { WRITABLE_FIELDS, type CanonicalPatch, type CanonicalUser, type VendorId } from '../../src/connectors/types.js';
import {
  createPeerDirectory, createPeerVendors, createSharedImichatToken, endpointsFromEnv, findPerson, parseUserId, toApiUser, updateAccount,
  type PeerVendors, type VendorEndpoint,
} from './kit.js';

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

  async send({ method, path, query, headers, body, signal }: VendorRequest): Promise<VendorResponse> {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) params[name] = String(value);
    const timeout = AbortSignal.timeout(this.endpoint.timeoutMs);
    let result: DataSourceFetchResult<string>;
    try {
      result = await this.fetch<string>(this.prefix + path, {
        method,
        params,
        headers: { accept: 'application/json', ...headers },
        body: body as object | undefined, // RESTDataSource sends a plain object as JSON
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      } as DataSourceRequest);
    } catch (cause) {
      if (cause instanceof UpstreamError) throw cause;
      const delivery = timeout.aborted ? 'timeout' : isRefused(cause) ? 'not-sent' : 'dropped';
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

function isRefused(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return (code ?? cause?.code) === 'ECONNREFUSED';
}

const fetcherName = process.env.APOLLO_FETCHER || 'default';
if (fetcherName !== 'default' && fetcherName !== 'undici') throw new Error(`APOLLO_FETCHER must be default or undici, got "${fetcherName}"`);
const agent = fetcherName === 'undici' ? new Agent({ keepAliveTimeout: 30_000 }) : undefined;
const fetcher: DataSourceConfig['fetch'] = agent ? (url, init) => undiciFetch(url, { ...init, dispatcher: agent }) : undefined;

const endpoints = endpointsFromEnv();
const directory = createPeerDirectory(endpoints);

interface Context {
  dataSources: { [V in VendorId]: VendorAPI };
  vendors: PeerVendors;
  /** Accounts by `vendor:vendorUserId`, each read at most once per request. */
  users: DataLoader<string, CanonicalUser>;
}

type Result = { __typename: 'UpdateUserSuccess'; user: ReturnType<typeof toApiUser> } | { __typename: 'VendorError'; message: string; code: string };

function failure(error: unknown): Result {
  const code = error instanceof UpstreamError ? error.code : error instanceof WriteRejected ? 'VALIDATION_ERROR' : 'INTERNAL_SERVER_ERROR';
  return { __typename: 'VendorError', code, message: error instanceof Error ? error.message : String(error) };
}

function keyOf(id: string): string {
  const parsed = parseUserId(id);
  if (!parsed) throw new GraphQLError(`"${id}" is not a User id.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return `${parsed.vendor}:${parsed.vendorUserId}`;
}

/** Reads one account, plans the patch against it, writes it, and keeps what the vendor answered. */
async function update({ vendors, users }: Context, current: CanonicalUser, patch: CanonicalPatch): Promise<Result> {
  try {
    const user = await updateAccount(vendors, current, patch);
    const key = `${user.vendor}:${user.vendorUserId}`;
    users.clear(key).prime(key, user);
    return { __typename: 'UpdateUserSuccess', user: toApiUser(user) };
  } catch (error) {
    return failure(error);
  }
}

/** The canonical patch: the writable fields the input names (absent stays absent, null clears). */
function patchOf(input: Record<string, unknown>): CanonicalPatch {
  return Object.fromEntries(WRITABLE_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]])) as CanonicalPatch;
}

const resolvers = {
  DateTime: DateTimeResolver,
  EmailAddress: EmailAddressResolver,
  PhoneNumber: PhoneNumberResolver,
  Locale: LocaleResolver,
  Node: { __resolveType: () => 'User' },
  UpdateUserResult: { __resolveType: (result: Result) => result.__typename },
  Query: {
    user: async (_: unknown, { id }: { id: string }, { users }: Context) => toApiUser(await users.load(keyOf(id))),
    nodes: (_: unknown, { ids }: { ids: string[] }, { users }: Context) =>
      ids.map(async (id) => toApiUser(await users.load(keyOf(id)))), // a failing id is null with its error
  },
  Mutation: {
    async updateUser(_: unknown, { input }: { input: { id: string } & Record<string, unknown> }, context: Context): Promise<Result> {
      let current: CanonicalUser;
      try {
        current = await context.users.load(keyOf(input.id));
      } catch (error) {
        return failure(error);
      }
      return update(context, current, patchOf(input));
    },
    async updateUsersByEmail(_: unknown, { email, patch }: { email: string; patch: Record<string, unknown> }, context: Context): Promise<Result[]> {
      const { vendors, users } = context;
      let accounts: CanonicalUser[];
      try {
        accounts = await findPerson(vendors, directory, email, (vendor, id) => users.load(`${vendor}:${id}`));
      } catch (error) {
        return [failure(error)];
      }
      for (const account of accounts) if (account.vendor === 'dialpad') users.prime(`dialpad:${account.vendorUserId}`, account);
      if (accounts.length === 0) return [{ __typename: 'VendorError', code: 'NOT_FOUND', message: `No account in any enabled vendor has the address ${email}.` }];
      return Promise.all(accounts.map((account) => update(context, account, patchOf(patch))));
    },
  },
};

const server = new ApolloServer<Context>({
  typeDefs: readFileSync(new URL('./apollo-schema.graphql', import.meta.url), 'utf8'),
  resolvers,
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
    return { dataSources, vendors, users: new DataLoader((keys: readonly string[]) => readUsers(vendors, keys)) };
  },
});
console.log(`ready http://127.0.0.1:${new URL(url).port} fetcher=${fetcherName}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([server.stop(), directory.close(), agent?.close()]).then(() => process.exit(0));
  });
}
