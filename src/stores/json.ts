/**
 * JSON that keeps `Date`s (accounts hold `createdAt`, `updatedAt` and some dated details): a Date is
 * written as `{"$date": iso}` and read back as a Date. Any other object with a `$date` key is left as
 * it is unless it has no other key, which vendor payloads (`raw`) do not produce.
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, current: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: Number.isNaN(original.getTime()) ? null : original.toISOString() } : current;
  });
}

export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === '$date') {
        const iso = (value as { $date: string | null }).$date;
        return iso === null ? new Date(Number.NaN) : new Date(iso);
      }
    }
    return value;
  });
}
