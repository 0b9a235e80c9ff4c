/**
 * Deep merge for PATCH semantics: nested plain objects merge, everything else (arrays included)
 * replaces. Vendors merge nested update bodies this way (Rinkel's `preferences`), and the write planner
 * combines body fragments the same way, so a canonical field and a vendor patch can share an object.
 */
export function mergeDeep<T extends object>(target: T, patch: object): T {
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isPlainObject(value) && isPlainObject(current) ? mergeDeep(current, value) : value;
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
