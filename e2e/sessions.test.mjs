// Sessions: a user sees every browser signed in as them, this one marked; ending another
// asks first and signs it out at once. An administrator signs a user out everywhere from
// the user's page, this browser included.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, apiCall, apiCleanup, browserForFile, login, unique, url, withPage } from './lib.mjs';

const browser = browserForFile();

/** Signs `username` in from outside the browser, as another browser saying `agent`. */
async function otherBrowser(username, password, agent) {
  const r = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': agent },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(r.status, 200);
  return (await r.json()).token;
}

/** The status of `GET /api/auth/me` with session token `token`. */
async function meStatus(token) {
  return (await fetch(`${BASE_URL}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

test('see your sessions, end another one; an admin signs a user out everywhere', async (t) => {
  const name = unique('e2e-sessions');
  const password = 'sessions-password-1';
  await withPage(browser(), t, async (admin) => {
    await login(admin);
    const user = await apiCall(admin.request, 'POST', '/api/users', {
      username: name,
      password,
      role: 'operator',
      language: 'en',
    });
    try {
      const phone = await otherBrowser(name, password, 'E2E-Phone/1.0');
      await withPage(browser(), t, async (page) => {
        await login(page, name, password);
        await page.locator('nav [data-testid="nav-sessions"]').click();
        await page.waitForURL('**/sessions');
        await page.locator('#page-title', { hasText: 'Sessions' }).waitFor();
        const rows = page.locator('tr[data-testid="session-row"]');
        await rows.nth(1).waitFor();
        assert.equal(await rows.count(), 2);
        const current = page.locator('tr[data-current="true"]');
        await current.locator('[data-testid="session-current"]', { hasText: 'This browser' }).waitFor();
        assert.equal(await current.locator('[data-testid="session-end"]').count(), 0, 'this one ends by logging out');
        const other = page.locator('tr[data-current="false"]');
        // In short, the whole User-Agent in its title.
        assert.equal((await other.locator('.session-browser').textContent()).trim(), 'E2E-Phone 1');
        assert.equal(await other.locator('.session-browser').getAttribute('title'), 'E2E-Phone/1.0');
        assert.equal((await other.locator('td').nth(1).textContent()).trim(), '127.0.0.1');

        // Ending asks first; cancelling keeps it.
        await other.locator('[data-testid="session-end"]').click();
        await other.locator('[data-testid="session-end-cancel"]').click();
        assert.equal(await meStatus(phone), 200);
        await other.locator('[data-testid="session-end"]').click();
        await other.locator('[data-testid="session-end-confirm"]').click();
        await other.waitFor({ state: 'detached' });
        await page.locator('#sessions-success').waitFor();
        assert.equal(await meStatus(phone), 401, 'signed out at once');

        // The admin's "Sign out everywhere" ends this browser's session too.
        const laptop = await otherBrowser(name, password, 'E2E-Laptop/1.0');
        await admin.goto(url(`/users/${user.id}`));
        await admin.locator('#user-end-sessions').click();
        await admin.locator('#user-end-sessions-confirm').click();
        await admin.locator('#user-sessions-ended').waitFor();
        assert.equal(await meStatus(laptop), 401);
        await page.reload();
        await page.locator('#login-form').waitFor();
      });
    } finally {
      await apiCleanup(admin.request, `/api/users/${user.id}`);
    }
  });
});
