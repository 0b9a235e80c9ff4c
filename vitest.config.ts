import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships ESM (.mjs) and CJS builds; Pothos and Yoga load the CJS one, so tests must too,
    // or graphql's instanceof checks see two copies of every type ("from another module or realm").
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Simulators bind real loopback ports; a short per-test timeout keeps a hung socket from stalling CI.
    testTimeout: 15_000,
  },
});
