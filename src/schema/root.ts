import { builder } from './builder.js';

/** The root types; the type modules add their fields to them. */
builder.queryType({ description: 'Reads across every enabled vendor.' });
