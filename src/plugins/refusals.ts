import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { GraphQLError } from 'graphql';

/**
 * The media type of a refusal written outside Yoga (401, 411, 413), chosen from the request's `Accept`
 * like Yoga chooses it for its own answers (GraphQL over HTTP): `application/graphql-response+json` when
 * the client prefers it or accepts only it, else `application/json`.
 */
export function refusalMediaType(accept: string | null | undefined): string {
  const ranges = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? 1);
      return { type, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.q > 0);
  const weight = (media: string) =>
    Math.max(-1, ...ranges.filter((range) => range.type === media || range.type === '*/*' || range.type === 'application/*').map((range) => range.q * 1000 - range.index - (range.type === media ? 0 : 500)));
  const graphqlResponse = weight('application/graphql-response+json');
  const json = weight('application/json');
  return graphqlResponse > json ? 'application/graphql-response+json' : 'application/json';
}

/** A refusal body in the GraphQL-over-HTTP error shape, as a Fetch Response in the accepted media type. */
export function refusalResponse(status: number, code: string, message: string, accept: string | null | undefined, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': `${refusalMediaType(accept)}; charset=utf-8`, ...headers },
  });
}

/** Codes for the HTTP refusals Yoga writes without one, by status. */
const CODE_BY_STATUS: Record<number, string> = { 400: 'BAD_REQUEST', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** POST bodies Yoga reads (its request parsers); anything else it answers 415 with an empty body. */
const READABLE_BODIES = ['application/json', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Every refusal carries `extensions.code`, so a client can branch on it: Yoga's own request errors (a
 * mutation over GET is 405, an unreadable request 400) come without one, and its 415 without a body.
 */
export function useRefusalCodes(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
      if (READABLE_BODIES.some((type) => contentType.startsWith(type))) return;
      throw createGraphQLError(`A GraphQL POST body is application/json, not "${contentType || '(none)'}".`, { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } } });
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors || 'data' in result) return;
      let changed = false;
      const errors = result.errors.map((error) => {
        if (!(error instanceof GraphQLError) || error.extensions['code'] !== undefined) return error;
        const status = (error.extensions['http'] as { status?: number } | undefined)?.status;
        if (status === undefined) return error;
        const code = error.message.startsWith('Can only perform a mutation operation from a POST request') ? 'MUTATION_OVER_GET' : CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
        changed = true;
        return new GraphQLError(error.message, { ...error, nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
      });
      if (changed) setResult({ ...result, errors });
    },
  };
}
