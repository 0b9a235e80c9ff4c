import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
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

/** Records a vendor failure for a field that still returns the other vendors' data. */
export function reportPartial(context: Context, info: GraphQLResolveInfo, error: unknown): void {
  const original = error instanceof GraphQLError ? error : new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  context.partialErrors.push(new GraphQLError(original.message, { path: responsePathAsArray(info.path), extensions: original.extensions }));
}
