/**
 * Events counted over a sliding window, in O(1) per event whatever the rate: the window is cut into
 * `buckets` slots and the oldest slot is dropped as time moves on, so the count is exact to one slot
 * (a tenth of the window by default). A list of timestamps would cost a scan per event, which at a
 * few thousand calls a second became most of the gateway's CPU.
 */
export interface WindowCount {
  add(): void;
  /** Events in the last window (the current slot included). */
  count(): number;
  clear(): void;
}

export function createWindowCount(windowMs: number, { buckets = 10, now = Date.now }: { buckets?: number; now?: () => number } = {}): WindowCount {
  const slotMs = Math.max(1, Math.ceil(windowMs / buckets));
  const counts = new Array<number>(buckets).fill(0);
  /** The slot number (time / slotMs) that `counts` is current up to. */
  let head = Math.floor(now() / slotMs);
  let total = 0;

  const advance = () => {
    const slot = Math.floor(now() / slotMs);
    // Clear every slot that time has moved past, at most all of them.
    for (let next = head + 1; next <= slot && next <= head + buckets; next++) {
      const index = next % buckets;
      total -= counts[index] as number;
      counts[index] = 0;
    }
    head = Math.max(head, slot);
  };

  return {
    add() {
      advance();
      counts[head % buckets] = (counts[head % buckets] as number) + 1;
      total++;
    },
    count() {
      advance();
      return total;
    },
    clear() {
      counts.fill(0);
      total = 0;
      head = Math.floor(now() / slotMs);
    },
  };
}
