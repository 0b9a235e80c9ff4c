import { trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Names the request's span after the GraphQL operation it runs ("query UsersPage"), so traces read
 * like the API. The span itself is opened per HTTP request (src/app.ts), around everything the request
 * causes, which is what makes the vendor-call spans its children.
 */
export function useOperationSpan(): Plugin {
  return {
    onExecute({ args }) {
      const span = trace.getActiveSpan();
      if (!span) return;
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const type = operation?.operation ?? 'unknown';
      const name = operation?.name?.value ?? 'anonymous';
      span.updateName(`graphql ${type} ${name}`);
      span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': name });
    },
  };
}
