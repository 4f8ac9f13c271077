/**
 * kgroup's own server assignors, whose outputs the coordinator trusts without checking.
 */
import { serverRangeAssignor } from '../../assignors/server/range.js';
import type { ServerAssignor } from '../../assignors/server/types.js';
import { uniformAssignor } from '../../assignors/server/uniform.js';

/** The built-in assignor objects. */
export const BUILTIN_ASSIGNORS: ReadonlySet<ServerAssignor> = new Set([uniformAssignor, serverRangeAssignor]);
