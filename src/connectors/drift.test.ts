import { describe, expect, it } from 'vitest';
import { createMetrics } from '../resilience/metrics.js';
import { createDriftSink } from './drift.js';

describe('createDriftSink', () => {
  it('counts every drifted field and warns at most once a minute per vendor and field, naming the field, never the value', async () => {
    const metrics = createMetrics();
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const logger = { warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } as never;
    let now = 0;
    const sink = createDriftSink('imichat', { metrics, logger, now: () => now });

    sink(['job_description', 'custom_attributes']);
    sink(['job_description']);
    now = 59_999;
    sink(['job_description']);
    now = 60_000;
    sink(['job_description']);

    const counted = (await metrics.vendorDrift.get()).values.map(({ labels, value }) => [labels.field, labels.vendor, value]);
    expect(counted).toEqual([['job_description', 'imichat', 4], ['custom_attributes', 'imichat', 1]]);
    expect(lines.map((line) => line.fields)).toEqual([
      { vendor: 'imichat', field: 'job_description' },
      { vendor: 'imichat', field: 'custom_attributes' },
      { vendor: 'imichat', field: 'job_description' },
    ]);
  });
});
