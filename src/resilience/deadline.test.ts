import { describe, expect, it } from 'vitest';
import { remainingMs, startDeadline } from './deadline.js';

describe('startDeadline', () => {
  it('aborts with a TimeoutError when its time is up, and carries the time left meanwhile', async () => {
    const deadline = startDeadline(20, undefined, 1_000);
    expect(remainingMs(deadline.signal, 1_005)).toBe(15);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('never fires once finished, and lets go of its parent', async () => {
    const parent = new AbortController();
    const deadline = startDeadline(10, parent.signal);
    deadline.finish();
    await new Promise((resolve) => setTimeout(resolve, 30));
    parent.abort(new Error('late'));
    expect(deadline.signal.aborted).toBe(false);
  });

  it('follows its parent: aborted with the parent reason, and no later than the parent deadline', () => {
    const parent = startDeadline(50, undefined, 0);
    const child = startDeadline(5_000, parent.signal, 0);
    expect(remainingMs(child.signal, 10)).toBe(40);
    parent.cancel(new Error('client left'));
    expect((child.signal.reason as Error).message).toBe('client left');
    child.finish();
    parent.finish();
  });

  it('takes any number of attempts under one request without a listener warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const request = startDeadline(1_000);
    const attempts = Array.from({ length: 80 }, () => startDeadline(500, request.signal));
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
    for (const attempt of attempts) attempt.finish();
    request.finish();
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
