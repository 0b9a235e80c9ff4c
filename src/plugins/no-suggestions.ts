import type { Plugin } from 'graphql-yoga';

/**
 * Strips what an error may reveal beyond its rule: graphql-js's "Did you mean …?" (variables, enum
 * values, input fields, arguments; graphql-armor only covers fields), and `extensions.originalError`,
 * which Yoga fills with the parser's message, and so with a piece of the body, on an invalid JSON body.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function useNoSuggestions(): Plugin {
  return {
    onResultProcess({ result }) {
      // In place, without setResult: replacing the result makes Yoga forget the status it chose for it.
      if (Array.isArray(result)) result.forEach(clean);
      else if (result && typeof result === 'object' && 'errors' in result) clean(result);
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
      // Yoga answers 400 (not 200) to an application/json client only while a non-GraphQL originalError
      // is there; without it, the status it set must stop being optional ("spec") to stay 400.
      delete target.extensions.originalError;
      const http = target.extensions.http as { spec?: boolean } | undefined;
      if (http?.spec) target.extensions.http = { ...http, spec: false };
    }
  }
  return result;
}
