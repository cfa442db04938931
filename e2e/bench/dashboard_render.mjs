// Times the dashboard page for `cargo xtask bench dashboard`: signs in once, then loads `/`
// BENCH_ROUNDS times (default 5) and measures from the navigation to the board drawn
// (`[data-testid="dashboard"][data-loaded="true"]`, set once the board and the storage
// have answered). Prints one JSON line: {"ms": [...]}.
//
// Environment: E2E_BASE_URL, E2E_USER, E2E_PASSWORD (an administrator), as for the
// browser tests (see ../lib.mjs). Not a test file: node --test does not pick it up.

import { BASE_URL, launch, login } from '../lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DRAWN = '[data-testid="dashboard"][data-loaded="true"]';

const browser = await launch();
try {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'en-US',
    viewport: { width: 1366, height: 860 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await login(page);
  const ms = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    await page.goto('/');
    await page.locator(DRAWN).waitFor();
    ms.push(Math.round((performance.now() - start) * 10) / 10);
  }
  // A board that answered with a failure is drawn too: say so rather than time it.
  const failed = await page.locator(`${DRAWN} .alert-error`).count();
  if (failed > 0) throw new Error('the dashboard shows an error');
  console.log(JSON.stringify({ ms }));
} finally {
  await browser.close();
}
