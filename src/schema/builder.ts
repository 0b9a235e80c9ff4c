import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import {
  DateTimeResolver, EmailAddressResolver, JSONObjectResolver, JSONResolver, LocaleResolver, PhoneNumberResolver, URLResolver,
} from 'graphql-scalars';
import type { Scope } from '../auth.js';
import type { Context } from '../context.js';

/**
 * The one SchemaBuilder. Plugin order matters: scope-auth first (it must wrap every other plugin's
 * resolvers, so a refused field never runs), then Relay (it defines Node and the global-id helpers the
 * dataloader plugin's `loadableNode` builds on), then Errors, which must come before Dataloader to see
 * errors of loaded objects. Directives and Federation last, as the federation plugin asks: its
 * `@key`s are printed through the directives plugin, and its entities (schema/federation.ts) sit on top
 * of fields the others have already wrapped. No types live here.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    EmailAddress: { Input: string; Output: string };
    PhoneNumber: { Input: string; Output: string };
    Locale: { Input: string; Output: string };
    URL: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: Record<string, unknown>; Output: Readonly<Record<string, unknown>> };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  AuthScopes: Record<Scope, boolean>;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ErrorsPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      'users:read': context.principal.scopes.has('users:read'),
      'users:write': context.principal.scopes.has('users:write'),
      'users:raw': context.principal.scopes.has('users:raw'),
    }),
    unauthorizedError: (_parent, _context, info) =>
      new GraphQLError(`Not allowed: \`${info.parentType.name}.${info.fieldName}\` needs the ${SCOPE_OF[info.parentType.name] ?? (info.fieldName === 'raw' ? 'users:raw' : 'users:read')} scope.`, {
        extensions: { code: 'FORBIDDEN' },
      }),
  },
  relay: {
    // `node`/`nodes` are defined with User (schema/user.ts): the plugin's versions fail the whole
    // `nodes` list for one malformed id and give no error code.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: { description: 'An object with a Relay global id, refetchable through `node(id:)`.' },
    // Shareable: PageInfo is the one value type every Relay subgraph defines, and composition refuses
    // the same non-shareable field in two subgraphs.
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.', shareable: true },
    idFieldOptions: { description: 'Relay global id; opaque to clients, stable for the object.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow the last one of this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede the first one of this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item; pass it as `after` for the next page. Null when the page is empty.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    cursorFieldOptions: { description: 'Names this item; pass it as `after` or `before` to page from here.' },
    nodeFieldOptions: { description: 'The item.' },
  },
});

/** Which scope each root type demands; `User.raw` asks for users:raw on its own. */
const SCOPE_OF: Record<string, Scope> = { Query: 'users:read', Mutation: 'users:write' };

/**
 * graphql-scalars' EmailAddress with RFC 5321's 254-character limit checked first: a 95 KB "address"
 * must not reach the pattern, nor a vendor's `?email=`.
 */
const MAX_EMAIL_LENGTH = 254;
const checkEmailLength = (value: unknown): unknown => {
  if (typeof value === 'string' && value.length > MAX_EMAIL_LENGTH) {
    throw new GraphQLError(`EmailAddress may be at most ${MAX_EMAIL_LENGTH} characters, got ${value.length}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
};
builder.addScalarType(
  'EmailAddress',
  new GraphQLScalarType({
    ...EmailAddressResolver.toConfig(),
    parseValue: (value) => EmailAddressResolver.parseValue(checkEmailLength(value)),
    parseLiteral: (ast, variables) => {
      if (ast.kind === Kind.STRING) checkEmailLength(ast.value);
      return EmailAddressResolver.parseLiteral(ast, variables);
    },
  }),
);
/**
 * E.164 exactly (`+` and 7–15 digits, no spaces): graphql-scalars' PhoneNumber lets "+31 6 12" through,
 * and every vendor here stores E.164, so anything else would only be refused by the vendor later.
 */
const E164 = /^\+[1-9]\d{6,14}$/;
const checkE164 = (value: unknown): string => {
  if (typeof value !== 'string' || !E164.test(value)) throw new GraphQLError(`PhoneNumber must be E.164 (+ and 7 to 15 digits, no spaces), got ${JSON.stringify(value)}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value;
};
builder.addScalarType(
  'PhoneNumber',
  new GraphQLScalarType({
    ...PhoneNumberResolver.toConfig(),
    description: 'A phone number in E.164 form: + and 7 to 15 digits, no spaces, e.g. +31201234567.',
    parseValue: checkE164,
    parseLiteral: (ast) => checkE164(ast.kind === Kind.STRING ? ast.value : null),
  }),
);
builder.addScalarType('Locale', LocaleResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);
builder.addScalarType('JSON', JSONResolver);
