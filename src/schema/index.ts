import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './root.js';
import './user.js';
import './user-mutations.js';
import './vendor.js';

/** Type modules register themselves on import; the printed schema is sorted so it diffs cleanly. */
export const schema = lexicographicSortSchema(builder.toSchema());
