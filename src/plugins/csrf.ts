import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Bodies a browser may send cross-site without a CORS preflight (an HTML form can produce each). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export interface CsrfOptions {
  /** Headers that prove a request was preflighted (a form or `<img>` cannot set them). @default ['x-graphql-csrf', 'graphql-require-preflight'] */
  requestHeaders?: readonly string[];
}

/**
 * Cross-site request forgery is a page on another origin making the user's browser send a request that
 * the browser's ambient credentials (cookies, a network position behind a firewall) make count. What it
 * could abuse here is a side effect, and only mutations have one:
 *
 * - **GET is always let through.** A GET can only carry a query: Yoga refuses a mutation over GET with 405
 *   before executing anything (GraphQL over HTTP), so a forged GET changes nothing, and its answer is
 *   unreadable to the forging page unless CORS_ORIGINS allows that page. This is what urql sends by
 *   default and what CDNs cache.
 * - **A POST must have been preflighted**: a JSON body (not a CORS-safelisted content type), or one of
 *   `requestHeaders`. A form-encoded or `text/plain` POST without one is refused with 403 `CSRF_REJECTED`
 *   before its body is parsed, so a `<form>` on another site can never run a mutation.
 */
export function useCsrfPrevention({ requestHeaders = ['x-graphql-csrf', 'graphql-require-preflight'] }: CsrfOptions = {}): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method === 'GET') return;
      const contentType = (request.headers.get('content-type') ?? '').toLowerCase().trim();
      const preflighted = contentType !== '' && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple));
      if (preflighted || requestHeaders.some((name) => request.headers.has(name))) return;
      throw createGraphQLError(
        `A POST with content-type "${contentType || '(none)'}" needs a preflight: send application/json, or the header ${requestHeaders[0]}.`,
        { extensions: { code: 'CSRF_REJECTED', http: { status: 403 } } },
      );
    },
  };
}
