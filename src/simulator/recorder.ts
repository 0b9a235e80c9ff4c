/**
 * What a simulator received, kept so tests can prove batching and write safety from the vendor's side:
 * "Dialpad saw exactly these GETs", "this PUT was applied once". Both records are bounded rings, so a
 * long benchmark cannot grow them without limit; `dropped` says how many old entries fell out.
 */

export interface LoggedRequest {
  /** 1-based arrival order, shared by the log and the ledger. */
  readonly seq: number;
  /** Arrival time, epoch milliseconds: comparable across simulators, so tests can see calls overlap. */
  readonly at: number;
  readonly method: string;
  /** Path and query string as received. */
  readonly url: string;
  /** Lower-case names; secret values replaced by `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the body was JSON, else the raw text; null when empty. */
  readonly body: unknown;
  /** Status sent, or null when the connection was reset or left hanging. */
  status: number | null;
  /** The injected fault, when one fired. */
  fault: string | null;
}

export interface LedgerEntry {
  readonly seq: number;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  /** Whether the vendor's state changed: the vendor logic ran and answered 2xx. */
  applied: boolean;
  /** Status the vendor logic produced (even if a fault then kept it from the client), or null if it never ran. */
  status: number | null;
  /** What the client got to see: the full response, or the fault that replaced or spoiled it. */
  delivery: 'response' | 'reset' | 'hang' | 'truncated-body' | 'malformed-json' | 'slow-body' | 'status' | 'rate-limit' | 'drift';
}

export interface Ring<T> {
  readonly entries: readonly T[];
  readonly dropped: number;
}

export function createRing<T>(capacity: number) {
  // A circular buffer: a benchmark pushes thousands of entries a second, so no push may move the others.
  let slots: T[] = [];
  let next = 0;
  let dropped = 0;
  return {
    push(entry: T): T {
      if (slots.length < capacity) slots.push(entry);
      else {
        slots[next] = entry;
        next = (next + 1) % capacity;
        dropped++;
      }
      return entry;
    },
    snapshot: (): Ring<T> => ({ entries: [...slots.slice(next), ...slots.slice(0, next)], dropped }),
    /** Entries ever pushed since the last clear, including those that fell out. */
    total: (): number => slots.length + dropped,
    clear(): void {
      slots = [];
      next = 0;
      dropped = 0;
    },
  };
}

export function redactHeaders(headers: Readonly<Record<string, string>>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = secrets.includes(name) ? '[redacted]' : value;
  return out;
}

export function bodyForRecord(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
