import { Client, CombinedError, fetchExchange, type AnyVariables, type OperationResult, type TypedDocumentNode } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * The console's GraphQL client: urql's core, chosen over graphql-request because it takes the codegen
 * client preset's TypedDocumentNodes and infers every result and variable type from them; it hands back
 * `data` *and* `errors` together (a partial result is a result, not an exception, which is what a
 * gateway over four vendors answers whenever one of them is down); it sends queries as GET (no CSRF
 * header needed, cacheable) and mutations as POST; and its persisted exchange sends the documents'
 * hashes alone, so the console also runs against a gateway with TRUSTED_DOCUMENTS=only. No normalised cache: an
 * admin console must show what the vendors hold now, so every query goes to the network.
 */

/** Where the gateway is: `?api=<url>` when the console is served from another origin, else this one. */
export const endpoint = new URLSearchParams(location.search).get('api') ?? new URL('/graphql', location.href).toString();

const TOKEN_KEY = 'switchboard.token';

export function storedToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function storeToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

type Meta = { __meta__?: { hash?: string } };

/**
 * Whether the gateway runs only persisted documents (TRUSTED_DOCUMENTS=only): the gateway says so in a
 * meta tag of the page it serves; a console served from elsewhere is told with `?trusted=only`.
 */
export const persistedOnly =
  new URLSearchParams(location.search).get('trusted') === 'only' ||
  document.querySelector<HTMLMetaElement>('meta[name="switchboard-trusted-documents"]')?.content === 'only';

export function createClient(token: string): Client {
  return new Client({
    url: endpoint,
    preferGetMethod: 'within-url-limit',
    requestPolicy: 'network-only',
    fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    exchanges: [
      ...(persistedOnly
        ? [
            persistedExchange({
              // The hash codegen computed for each document (`sha256:<hex>`, the key of
              // persisted-documents.json); the gateway finds it with or without the prefix.
              generateHash: async (_query, document) => ((document as Meta).__meta__?.hash ?? '').replace(/^sha256:/, '') || null,
              enforcePersistedQueries: true,
              enableForMutation: true,
              preferGetForPersistedQueries: 'within-url-limit',
            }),
          ]
        : []),
      fetchExchange,
    ],
  });
}

/** What went wrong with a whole request, in words a console user can act on; null when it answered. */
export interface RequestProblem {
  kind: 'unauthenticated' | 'forbidden' | 'network' | 'refused';
  message: string;
}

export function requestProblem(error: CombinedError | undefined, hasData: boolean): RequestProblem | null {
  if (!error) return null;
  const status = (error.response as Response | undefined)?.status;
  const codes = error.graphQLErrors.map((e) => e.extensions?.['code']);
  if (status === 401 || codes.includes('UNAUTHENTICATED')) return { kind: 'unauthenticated', message: 'The gateway needs a bearer token: enter one under “Access token”.' };
  if (codes.includes('FORBIDDEN') && !hasData) return { kind: 'forbidden', message: 'Your token lacks the scope this needs (users:read to read, users:write to change).' };
  if (error.networkError) return { kind: 'network', message: `Could not reach the gateway at ${endpoint} (offline, or this origin is not in its CORS_ORIGINS).` };
  if (!hasData) return { kind: 'refused', message: error.graphQLErrors.map((e) => e.message).join(' ') || error.message };
  return null;
}

/** The vendors a partial result left out: named in the errors' `extensions.vendor` and in `unavailableVendors`. */
export function failingVendors(error: CombinedError | undefined, named: readonly string[] = []): string[] {
  const vendors = new Set(named);
  for (const e of error?.graphQLErrors ?? []) {
    const vendor = e.extensions?.['vendor'];
    if (typeof vendor === 'string') vendors.add(vendor);
  }
  return [...vendors].sort();
}

export interface QueryState<Data> {
  data: Data | undefined;
  error: CombinedError | undefined;
  fetching: boolean;
  refetch: () => void;
}

/** Runs a typed query whenever its variables change (and on `refetch`); the latest answer wins. */
export function useQuery<Data, Variables extends AnyVariables>(client: Client, document: TypedDocumentNode<Data, Variables>, variables: Variables, pause = false): QueryState<Data> {
  const [result, setResult] = useState<OperationResult<Data, Variables> | undefined>(undefined);
  const [fetching, setFetching] = useState(false);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (pause) return;
    const run = ++latest.current;
    setFetching(true);
    void client.query(document, variables).toPromise().then((next) => {
      if (run !== latest.current) return;
      setResult(next);
      setFetching(false);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, document, key, tick, pause]);
  const refetch = useCallback(() => setTick((n) => n + 1), []);
  return { data: result?.data, error: result?.error, fetching, refetch };
}
