import type { Plugin } from 'graphql-yoga';
import { AuthError, type Authenticate, type Principal } from '../auth.js';
import { refusalResponse } from './refusals.js';

export interface AuthPluginOptions {
  authenticate: Authenticate;
  /** Where the principal of each request is left for the context factory. */
  principals: WeakMap<Request, Principal>;
  /** @default '/graphql' */
  graphqlPath?: string;
}

/**
 * Authenticates every GraphQL request before it is parsed, so a caller without valid credentials
 * costs one header check and gets 401, not a GraphQL error. The GraphiQL page itself and CORS
 * preflights carry no credentials and are let through; the queries GraphiQL then sends are not.
 */
export function useAuth({ authenticate, principals, graphqlPath = '/graphql' }: AuthPluginOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, serverContext }) {
      // Behind the HTTP router the request is already authenticated (src/http/router.ts).
      if ((serverContext as { principal?: Principal } | undefined)?.principal) return;
      if (url.pathname !== graphqlPath || request.method === 'OPTIONS') return;
      // GraphiQL's page only: a GET that carries an operation needs credentials whatever it accepts.
      if (request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html') && !url.searchParams.has('query') && !url.searchParams.has('extensions')) return;
      try {
        principals.set(request, await authenticate(request.headers.get('authorization')));
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        // In the media type the client accepts, like every other GraphQL answer.
        endResponse(refusalResponse(401, 'UNAUTHENTICATED', error.message, request.headers.get('accept'), { 'www-authenticate': 'Bearer realm="switchboard"' }));
      }
    },
  };
}
