import { builder } from './builder.js';

/** The root types; the type modules add their fields to them. */
builder.queryType({ description: 'Reads across every enabled vendor. Every field needs the `users:read` scope.', authScopes: { 'users:read': true } });
builder.mutationType({ description: 'Writes to vendor accounts; every result says, per account, what happened. Every field needs the `users:write` scope.', authScopes: { 'users:write': true } });
