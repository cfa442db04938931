// The web app served under a path prefix (`url_prefix`), over HTTPS: the same build finds
// its prefix in the page's <base href>, signs in, reaches the dashboard, follows links and
// deep links (also after a reload), calls the API and opens the live event stream, all
// under the prefix; nothing is served outside it.
//
// Runs only against a server started with ELKARBACKUP_URL_PREFIX, with E2E_URL_PREFIX set
// to the same value and E2E_BASE_URL including it (`cargo xtask test` starts one); skipped
// otherwise.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, browserForFile, login, logout, submitLogin, url, withPage } from './lib.mjs';

const PREFIX = process.env.E2E_URL_PREFIX ?? '';
const skip = PREFIX === '' ? 'needs a server under a path prefix (E2E_URL_PREFIX)' : false;
const ORIGIN = new URL(BASE_URL).origin;

const browser = browserForFile();

/** Every request the page makes to the server's API, from now on. */
function apiRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.includes('/api/')) seen.push(r.url());
  });
  return seen;
}

test('signing in under the prefix lands on the dashboard; links and deep links stay under it', { skip }, async (t) => {
  assert.ok(BASE_URL.endsWith(PREFIX), `E2E_BASE_URL ${BASE_URL} must end with ${PREFIX}`);
  await withPage(browser(), t, async (page, context) => {
    const requests = apiRequests(page);
    await page.goto(url('/'));
    await page.waitForURL(`${BASE_URL}/login`);
    await submitLogin(page);
    await page.locator('#logout').waitFor();
    assert.match(new URL(page.url()).pathname, new RegExp(`^${PREFIX}/?$`));
    await page.locator('[data-testid="dashboard"][data-loaded="true"]').waitFor();
    assert.equal(await page.locator('nav [data-testid="nav-dashboard"]').getAttribute('aria-current'), 'page');

    // The session cookie belongs to the prefix and is Secure over HTTPS.
    const session = (await context.cookies()).find((c) => c.name === 'elkarbackup_session');
    assert.ok(session, 'no session cookie');
    assert.equal(session.path, PREFIX);
    assert.equal(session.secure, BASE_URL.startsWith('https:'));

    // Links are under the prefix, and followed inside the app.
    const jobs = page.locator('nav [data-testid="nav-jobs"]');
    assert.equal(await jobs.getAttribute('href'), `${PREFIX}/jobs`);
    await jobs.click();
    await page.waitForURL(`${BASE_URL}/jobs`);
    await page.locator('#clients-table').waitFor();
    assert.equal(await jobs.getAttribute('aria-current'), 'page');

    // A reload of a deep link loads the app there again.
    await page.reload();
    await page.locator('#clients-table').waitFor();
    assert.equal(new URL(page.url()).pathname, `${PREFIX}/jobs`);

    // A deep link typed in: the in-app not-found page, inside the frame.
    await page.goto(url('/clients/3/nothing'));
    await page.locator('#not-found').waitFor();
    await page.locator('#logout').waitFor();

    // Every API call went under the prefix.
    assert.ok(requests.length > 0, 'the app made no API call');
    for (const r of requests) {
      assert.ok(r.startsWith(`${BASE_URL}/api/`), `API call outside the prefix: ${r}`);
    }
  });
});

test('the live event stream connects under the prefix', { skip }, async (t) => {
  await withPage(browser(), t, async (page) => {
    const stream = page.waitForRequest((r) => r.url() === `${BASE_URL}/api/events`);
    await login(page);
    await stream;
    await page.goto(url('/status'));
    await page.locator('#live-status[data-state="open"]').waitFor();
  });
});

test('a deep link before signing in comes back after login; logout stays under the prefix', { skip }, async (t) => {
  await withPage(browser(), t, async (page) => {
    await page.goto(url('/tokens'));
    await page.locator('#login-form').waitFor();
    assert.equal(new URL(page.url()).pathname, `${PREFIX}/login`);
    await submitLogin(page);
    await page.waitForURL(`${BASE_URL}/tokens`);
    await page.locator('#logout').waitFor();
    await logout(page);
    assert.equal(new URL(page.url()).pathname, `${PREFIX}/login`);
  });
});

test('the start page names the prefix; nothing is served outside it', { skip }, async (t) => {
  await withPage(browser(), t, async (page) => {
    const html = await (await page.request.get(url('/jobs'))).text();
    assert.ok(html.includes(`<base href="${PREFIX}/">`), html);
    const health = await page.request.get(url('/api/health'));
    assert.equal(health.status(), 200);
    assert.equal((await page.request.get(`${ORIGIN}/api/health`)).status(), 404);
    assert.equal((await page.request.get(`${ORIGIN}/jobs`)).status(), 404);
    const root = await page.request.get(`${ORIGIN}/`, { maxRedirects: 0 });
    assert.equal(root.status(), 302);
    assert.equal(root.headers().location, `${PREFIX}/`);
    const docs = await page.request.get(url('/api/docs/'));
    assert.equal(docs.status(), 200);
    const spec = await (await page.request.get(url('/api/openapi.json'))).json();
    assert.deepEqual(spec.servers, [{ url: PREFIX }]);
  });
});
