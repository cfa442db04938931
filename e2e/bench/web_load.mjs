// Times the web app's first loads for `cargo xtask bench web`, each in a fresh browser
// context (empty cache), in two modes that alternate round by round:
//   compressed: what Chromium asks for by itself (Accept-Encoding: gzip, deflate, br, zstd);
//   identity:   the baseline, compression refused (Accept-Encoding: identity).
// Per load it measures the time from the navigation to
//   login: the login form drawn by the app (it exists only once the wasm runs), and
//   jobs:  `/jobs` signed in (through the API first) with every client row drawn;
// and the bytes on the wire (CDP's encodedDataLength of every response, headers included).
// Each network profile in BENCH_PROFILES runs the whole set: `loopback` as is, `link` with
// Chromium's emulated 20 Mbit/s down, 40 ms round trip.
// Prints one JSON line: {"loopback": {"compressed": {...}, "identity": {...}}, ...}.
//
// Environment: E2E_BASE_URL, E2E_USER, E2E_PASSWORD (see ../lib.mjs), BENCH_ROUNDS
// (default 5), BENCH_ROWS (client rows the jobs page must show). Not a test file.

import { BASE_URL, apiLogin, launch, url } from '../lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 500);
const PROFILES = (process.env.BENCH_PROFILES ?? 'loopback,link').split(',');
const MODES = ['compressed', 'identity'];
const NETWORK = {
  loopback: null,
  link: { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 },
};

/** One page load in a fresh context: {ms, bytes, wasmEncoding}. */
async function load(browser, profile, mode, what) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    ignoreHTTPSErrors: true,
    locale: 'en-US',
    viewport: { width: 1366, height: 860 },
    extraHTTPHeaders: mode === 'identity' ? { 'Accept-Encoding': 'identity' } : {},
  });
  try {
    if (what === 'jobs') await apiLogin(context.request);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (NETWORK[profile]) await cdp.send('Network.emulateNetworkConditions', NETWORK[profile]);
    let bytes = 0;
    let wasmEncoding = null;
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
    });
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.url.endsWith('.wasm')) {
        const h = Object.fromEntries(
          Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
        );
        wasmEncoding = h['content-encoding'] ?? 'identity';
      }
    });
    const start = performance.now();
    if (what === 'login') {
      await page.goto(url('/login'));
      await page.locator('#login-form').waitFor();
    } else {
      await page.goto(url('/jobs'));
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="client-row"]').length >= n,
        ROWS,
        { polling: 50 },
      );
    }
    const ms = Math.round((performance.now() - start) * 10) / 10;
    // What is still on its way (the icon, a late chunk) counts as sent, not as waited for.
    await page.waitForLoadState('networkidle');
    return { ms, bytes, wasmEncoding };
  } finally {
    await context.close();
  }
}

const browser = await launch();
try {
  const out = {};
  for (const profile of PROFILES) {
    out[profile] = {};
    for (const mode of MODES) {
      out[profile][mode] = { login_ms: [], login_bytes: [], jobs_ms: [], jobs_bytes: [], wasm: [] };
    }
    // One untimed load of each page warms the server and the browser's process.
    await load(browser, profile, 'compressed', 'login');
    await load(browser, profile, 'compressed', 'jobs');
    for (let i = 0; i < ROUNDS; i += 1) {
      const order = i % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const f = out[profile][mode];
        for (const what of ['login', 'jobs']) {
          const r = await load(browser, profile, mode, what);
          f[`${what}_ms`].push(r.ms);
          f[`${what}_bytes`].push(r.bytes);
          f.wasm.push(r.wasmEncoding);
        }
      }
    }
  }
  console.log(JSON.stringify(out));
} finally {
  await browser.close();
}
