/** Helpers the page-numbered vendors (Rinkel, IMIchat, CommPeak) share; each keeps its own envelope. */

export interface Page<T> {
  readonly items: T[];
  readonly totalItems: number;
  /** At least 1, so an empty directory still has a "last page" to link to. */
  readonly totalPages: number;
}

/** 1-based page of `items`; a page past the end is empty, not an error. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    totalItems: items.length,
    totalPages: Math.max(1, Math.ceil(items.length / perPage)),
  };
}

/**
 * Reads an integer query parameter: `fallback` when absent, `null` when present but not an integer in
 * [min, max] (the caller answers in its vendor's error shape).
 */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}
