/** The benchmark's own redis-server: a real one, on a free loopback port, gone after stop(). */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hasRedis, startRedis } from './redis.js';

function ping(url: string): Promise<string> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('startRedis', () => {
  it('finds redis-server (CI installs it), starts one that answers PING on loopback, and stops it', async () => {
    expect(await hasRedis()).toBe(true);
    const redis = await startRedis(null);
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await ping(redis.url)).toBe('+PONG');
    await redis.stop();
    expect(await ping(redis.url)).toBe('ECONNREFUSED');
  }, 20_000);
});
