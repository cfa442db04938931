// API tokens: creating one shows its secret once and lists it; the secret works as a
// Bearer token; revoking (after confirming) removes it and the secret stops working.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, CSRF, browserForFile, login, unique, withPage } from './lib.mjs';

const browser = browserForFile();

test('create a token, see its secret once, revoke it', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    const name = unique('e2e-token');
    try {
      await login(page);
      await page.locator('nav [data-testid="nav-tokens"]').click();
      await page.waitForURL('**/tokens');
      await page.locator('#page-title', { hasText: 'API tokens' }).waitFor();

      await page.locator('#token-name').fill(name);
      await page.locator('#token-create').click();
      const secretBox = page.locator('#token-secret');
      await secretBox.waitFor();
      const secret = await secretBox.inputValue();
      assert.ok(secret.length >= 16, 'the secret is shown');
      await page.getByText('it will not be shown again').waitFor();

      const row = page.locator(`tr[data-token-name="${name}"]`);
      await row.waitFor();
      const prefix = (await row.locator('code').textContent()).replace('…', '').trim();
      assert.ok(prefix.length > 0 && secret.startsWith(prefix), 'the listed prefix starts the secret');
      assert.equal(await page.locator('#tokens-table').textContent().then((s) => s.includes(secret)), false);

      // The secret is a working Bearer token.
      const me = await fetch(`${BASE_URL}/api/auth/me`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(me.status, 200);

      // Shown once: gone after "done", and never again after a reload.
      await page.locator('#token-secret-dismiss').click();
      await secretBox.waitFor({ state: 'detached' });
      await page.reload();
      await row.waitFor();
      assert.equal(await page.locator('#token-secret').count(), 0);
      assert.equal((await page.content()).includes(secret), false);

      // Revoke asks first; cancelling keeps the token.
      await row.locator('[data-testid="token-revoke"]').click();
      await row.locator('[data-testid="token-revoke-cancel"]').click();
      await row.locator('[data-testid="token-revoke"]').waitFor();
      await row.locator('[data-testid="token-revoke"]').click();
      await row.locator('[data-testid="token-revoke-confirm"]').click();
      await row.waitFor({ state: 'detached' });
      await page.locator('#tokens-success').waitFor();

      const after = await fetch(`${BASE_URL}/api/auth/me`, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(after.status, 401);
    } finally {
      await removeToken(context, name);
    }
  });
});

test('a token needs a name', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await page.goto('/tokens');
    await page.locator('#token-create').click();
    await page.locator('#token-name-error', { hasText: 'Give the token a name.' }).waitFor();
    assert.equal(await page.locator('#token-name').getAttribute('aria-invalid'), 'true');
  });
});

/** Revokes the token called `name` through the API if a failed test left it behind. */
async function removeToken(context, name) {
  try {
    const list = await context.request.get(`${BASE_URL}/api/tokens`);
    if (!list.ok()) return;
    for (const token of await list.json()) {
      if (token.name === name) {
        await context.request.delete(`${BASE_URL}/api/tokens/${token.id}`, { headers: CSRF });
      }
    }
  } catch (err) {
    console.error(`could not clean up token ${name}: ${err}`);
  }
}
