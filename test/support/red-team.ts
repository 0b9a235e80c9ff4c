import { SignJWT, type JWTPayload } from 'jose';

/**
 * The red-team suites' shared ground: the two modes every hostile request is tried in, the tokens,
 * and generators for the path and Host variants (generated, so a new trick is a new table entry, not
 * a new test).
 */

export const TOKENS = { read: 'rt-read-token-0123456789abcdef', write: 'rt-write-token-0123456789abcdef' } as const;
export const JWT_SECRET = 'red-team-secret-0123456789abcdef0123';
export const ORIGINS = ['https://console.example', 'https://admin.example:8443'] as const;

const BASE = {
  AUTH_TOKENS: JSON.stringify({ [TOKENS.read]: ['users:read'], [TOKENS.write]: ['users:write'] }),
  AUTH_JWT_SECRET: JWT_SECRET,
  CORS_ORIGINS: ORIGINS.join(','),
};

/** Production with static tokens, HS256 JWTs and two CORS origins; development the same, with its defaults (GraphiQL, introspection, public metrics). */
export const MODES: [string, Record<string, string>][] = [
  ['production', { ...BASE, NODE_ENV: 'production' }],
  ['development', { ...BASE }],
];

export const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];

/** HS256 with the suite's secret; `claims` overrides the defaults (`sub`, `scope`, `iat` now, `exp` in 5 min). */
export function signJwt(claims: JWTPayload & { exp?: number | undefined; iat?: number | undefined }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { sub: 'red-team', scope: 'users:read', iat: now, exp: now + 300, ...claims };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(JWT_SECRET));
}

/** A document that calls Dialpad once when it runs: a refused request shows in the simulator's log as no call. */
export const ONE_CALL = '{ userByVendorId(vendor: DIALPAD, vendorUserId: "1000") { id } }';

/**
 * Request targets around `/graphql`: prefixes, letter case, escapes, dot segments, suffixes and query
 * strings that try to reach GraphQL by a path that is not exactly `/graphql`, each in origin form and
 * absolute form. `runs` says whether the exact path is what was sent (only those may run).
 */
export function pathVariants(): { target: string; runs: boolean }[] {
  const heads = ['/', '//', '/x/', '/./', '/%2e/', '/graphql/../', '/graphql/'];
  const names = ['graphql', 'GRAPHQL', 'graphq%6C'];
  const tails = ['', '/', '/.', '/..', '//', '/x', '.', '%2F', '#x', '?', '?query={__typename}'];
  const extra = ['/?x=/graphql', '/anything?/graphql', '/?/graphql', '/x?/graphql', '/healthz/../graphql', '/graphql?/graphql'];
  const origin = new Set<string>(extra);
  for (const head of heads) for (const name of names) for (const tail of tails) origin.add(`${head}${name}${tail}`);
  const all = [...origin].flatMap((target) => [target, `http://evil.example${target}`, `http://127.0.0.1${target}`]);
  return all.map((target) => {
    const path = target.replace(/^http:\/\/[^/?]*/, '').split('?')[0];
    return { target, runs: path === '/graphql' };
  });
}

/** Host header values that are not `host[:port]`: broken IPv6 literals, bad ports, characters outside RFC 3986's reg-name. */
export function badHosts(): string[] {
  const characters = [' ', '"', '<', '>', '\\', '/', '^', '`', '{', '|', '}', '@', '#', '?', '%zz'];
  return [
    ...characters.map((c) => `exa${c}mple`),
    ...['99999', '65536', '-1', '8o', '1.5', '80:80'].map((port) => `evil.example:${port}`),
    '[::1', '::1]', '[::1]x', '[:::1]', '[zz::1]', '[::1]:99999', '[]',
    '',
    'x'.repeat(300),
  ];
}

export const GOOD_HOSTS = ['localhost', 'localhost:4000', '127.0.0.1', '[::1]:8080', 'Example.COM.', 'a-b.example:0', 'example.com:'];

/** Runs `task` over `items`, `width` at a time, in order of completion; the results in item order. */
export async function inParallel<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }));
  return results;
}
