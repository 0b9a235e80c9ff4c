import type { Plugin } from 'graphql-yoga';

/**
 * Strips what an error may reveal beyond its rule: graphql-js's "Did you mean …?" (variables, enum
 * values, input fields, arguments; graphql-armor only covers fields), and `extensions.originalError`,
 * which Yoga fills with the parser's message, and so with a piece of the body, on an invalid JSON body.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function useNoSuggestions(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(clean));
      else if (result && typeof result === 'object' && 'errors' in result) setResult(clean(result));
    },
  };
}

/**
 * Errors are changed in place, not copied: Yoga decides the HTTP status from what kind of error each
 * one is, and a plain object in place of a GraphQLError would count as an unexpected one (500).
 */
function clean<T>(result: T): T {
  for (const error of (result as { errors?: readonly unknown[] }).errors ?? []) {
    if (!error || typeof error !== 'object') continue;
    const target = error as { message?: unknown; extensions?: Record<string, unknown> };
    if (typeof target.message === 'string' && SUGGESTION.test(target.message)) target.message = target.message.replace(SUGGESTION, '');
    SUGGESTION.lastIndex = 0;
    if (target.extensions && 'originalError' in target.extensions) {
      const { originalError: _dropped, ...kept } = target.extensions;
      Object.defineProperty(target, 'extensions', { value: kept, writable: true, enumerable: true, configurable: true });
    }
  }
  return result;
}
