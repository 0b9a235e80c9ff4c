import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/**
 * Adds the errors of list fields that returned data anyway (`users`, `usersByEmail` when one vendor
 * failed) to the response. GraphQL can only attach an error to a field by nulling it; for a list of
 * people, nulling everyone because one vendor is down would be the wrong trade.
 */
export function usePartialResults(): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const extra = (args.contextValue as Partial<Context>).partialErrors;
          if (!extra?.length || Symbol.asyncIterator in result) return;
          setResult({ ...result, errors: [...(result.errors ?? []), ...extra] });
        },
      };
    },
  };
}
