import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The schema has no Subscription type; graphql-js only notices at execution, with a 200 and no code. */
const NoSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('This API has no subscriptions.', { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    }
  },
});

export function useNoSubscriptions(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSubscriptions);
    },
  };
}
