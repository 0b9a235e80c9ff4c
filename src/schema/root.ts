import { builder } from './builder.js';

/** The root types; the type modules add their fields to them. */
builder.queryType({ description: 'Reads across every enabled vendor.' });
builder.mutationType({ description: 'Writes to vendor accounts; every result says, per account, what happened.' });
