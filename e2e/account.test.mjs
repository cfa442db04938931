// The user's own pages: preferences validation, password form checks, About, the
// placeholders of pages not built yet, and the phone-width menu.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, browserForFile, login, withPage } from './lib.mjs';

const browser = browserForFile();

test('preferences show the API validation error next to the page size', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await page.goto('/preferences');
    const size = page.locator('#prefs-page-size');
    await page.waitForFunction(() => document.querySelector('#prefs-page-size')?.value !== '');
    const original = await size.inputValue();
    await size.fill('1000');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT');
    await page.locator('#prefs-save').click();
    assert.equal((await answer).status(), 422);
    await page.locator('#prefs-page-size-error', { hasText: 'Enter a whole number from 5 to 500.' }).waitFor();
    assert.equal(await size.getAttribute('aria-invalid'), 'true');

    // Saving the unchanged value works and says so.
    await size.fill(original);
    await page.locator('#prefs-save').click();
    await page.locator('#prefs-success').waitFor();
    assert.equal(await page.locator('#prefs-page-size-error').count(), 0);
  });
});

test('the password form checks the repeat and shows API errors', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await page.locator('nav [data-testid="nav-password"]').click();
    await page.locator('#password-current').fill(PASSWORD);
    await page.locator('#password-new').fill('a-new-long-password');
    await page.locator('#password-repeat').fill('a-different-password');
    await page.locator('#password-submit').click();
    await page.locator('#password-repeat-error', { hasText: 'do not match' }).waitFor();

    // Too short for the server: nothing changes, the message sits next to the field.
    await page.locator('#password-new').fill('short');
    await page.locator('#password-repeat').fill('short');
    await page.locator('#password-submit').click();
    await page.locator('#password-new-error', { hasText: 'at least 12 characters' }).waitFor();
    assert.equal(await page.locator('#password-repeat-error').count(), 0);
    assert.equal(await page.locator('#password-success').count(), 0);

    // Long enough but easy to guess: the server says why, and nothing changes.
    await page.locator('#password-new').fill('password1234');
    await page.locator('#password-repeat').fill('password1234');
    await page.locator('#password-submit').click();
    await page.locator('#password-new-error', { hasText: 'common password' }).waitFor();
    assert.equal(await page.locator('#password-success').count(), 0);
  });
});

test('About shows the server version, the GPL and the accessibility statement', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await page.locator('nav [data-testid="nav-about"]').click();
    const health = await (await page.request.get('/api/health')).json();
    await page.locator('#about-version', { hasText: health.version }).waitFor();
    await page.locator('#about-licence', { hasText: 'GNU General Public License' }).waitFor();
    await page.locator('#about-accessibility').click();
    await page.waitForURL('**/accessibility');
    await page.locator('h1', { hasText: 'Accessibility statement' }).waitFor();
    await page.locator('#a11y-status', { hasText: 'WCAG 2.1 level AA' }).waitFor();
    for (const id of ['#a11y-checked', '#a11y-exceptions', '#a11y-contact']) {
      assert.equal(await page.locator(id).count(), 1, id);
    }
  });
});

test('the catalog pages open from the menu, each with its list or form', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    for (const [testid, title, content] of [
      ['nav-policies', 'Policies', '#policies-table'],
      ['nav-scripts', 'Scripts', '#script-new'],
      ['nav-users', 'Users', '#users-table'],
      ['nav-settings', 'Settings', '#settings-form'],
      ['nav-locations', 'Backup locations', '#locations-table'],
    ]) {
      await page.locator(`nav [data-testid="${testid}"]`).click();
      await page.locator('#page-title', { hasText: title }).waitFor();
      await page.locator(content).waitFor();
      assert.equal(await page.locator(`nav [data-testid="${testid}"]`).getAttribute('aria-current'), 'page');
    }
  });
});

test('on a phone the menu folds behind a button', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      const toggle = page.locator('#nav-toggle');
      const link = page.locator('nav [data-testid="nav-tokens"]');
      assert.equal(await link.isVisible(), false);
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await link.click();
      await page.locator('#page-title', { hasText: 'API tokens' }).waitFor();
      assert.equal(await link.isVisible(), false, 'the menu closes after following a link');
      await page.locator('#lang-select').waitFor();
      await page.locator('#logout').waitFor();
    },
    { viewport: { width: 375, height: 740 } },
  );
});
