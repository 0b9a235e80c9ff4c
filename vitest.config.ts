import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Simulators bind real loopback ports; a short per-test timeout keeps a hung socket from stalling CI.
    testTimeout: 15_000,
  },
});
