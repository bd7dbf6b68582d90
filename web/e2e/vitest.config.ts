// End-to-end tests: real Chromium (Debian's /usr/bin/chromium, see launch.ts) against
// a running `fupin serve`. Not part of `npm test`; run with
//   FUPIN_E2E_URL=http://127.0.0.1:8080 FUPIN_E2E_USER=… FUPIN_E2E_PASSWORD=… npm run test:e2e
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
