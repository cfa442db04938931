// The eu / es / en switch: texts and <html lang> change at once, and the choice survives
// a reload, logging out and logging in again (also from a browser that never saw it).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CONTEXT, browserForFile, login, logout, restoreEnglish, switchLanguage, waitForLang, withPage } from './lib.mjs';

const browser = browserForFile();

const navJobs = (page) => page.locator('nav [data-testid="nav-jobs"]');

test('switching to Basque survives reload and logout + login', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    try {
      await login(page);
      await waitForLang(page, 'en');
      assert.equal((await navJobs(page).textContent()).trim(), 'Jobs');

      await switchLanguage(page, 'eu');
      assert.equal((await navJobs(page).textContent()).trim(), 'Lanak');
      assert.equal((await page.locator('[data-testid="nav-policies"]').textContent()).trim(), 'Politikak');
      assert.equal((await page.locator('#logout').textContent()).trim(), 'Amaitu saioa');
      assert.equal(await page.locator('#lang-select').inputValue(), 'eu');

      await page.reload();
      await page.locator('#logout').waitFor();
      await waitForLang(page, 'eu');
      assert.equal((await navJobs(page).textContent()).trim(), 'Lanak');

      await logout(page);
      await waitForLang(page, 'eu');
      assert.equal((await page.locator('#login-submit').textContent()).trim(), 'Sartu');
      await login(page);
      await waitForLang(page, 'eu');
      assert.equal((await navJobs(page).textContent()).trim(), 'Lanak');

      // Another browser, English by default: the saved preference wins after login.
      const other = await browser().newContext({ ...CONTEXT, locale: 'en-US' });
      try {
        const second = await other.newPage();
        await login(second);
        await waitForLang(second, 'eu');
        assert.equal((await navJobs(second).textContent()).trim(), 'Lanak');
      } finally {
        await other.close();
      }

      await switchLanguage(page, 'en');
      assert.equal((await navJobs(page).textContent()).trim(), 'Jobs');
    } finally {
      await restoreEnglish(context);
    }
  });
});

test('the login page follows the browser language and offers the switch', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      await page.goto('/login');
      await waitForLang(page, 'es');
      assert.equal((await page.locator('#login-submit').textContent()).trim(), 'Entrar');
      assert.deepEqual(
        await page.locator('#lang-select option').evaluateAll((os) => os.map((o) => o.value)),
        ['eu', 'es', 'en'],
      );
      await page.locator('#lang-select').selectOption('eu');
      await waitForLang(page, 'eu');
      assert.equal((await page.locator('label[for="login-password"]').textContent()).trim(), 'Pasahitza');
      await page.reload();
      await waitForLang(page, 'eu');
    },
    { locale: 'es-ES' },
  );
});
