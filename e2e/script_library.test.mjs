// The script library on the scripts page, in Spanish at phone width: every library script
// with its source; "Add" makes it a script exactly as shown (same bytes, its uses) and
// opens it; adding it twice says why not; nothing scrolls sideways.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  browserForFile,
  idInUrl,
  login,
  restoreEnglish,
  sidewaysScroll,
  switchLanguage,
  withPage,
  BASE_URL,
} from './lib.mjs';

const browser = browserForFile();

test('a library script is added from the scripts page', async (t) => {
  await withPage(
    browser(),
    t,
    async (page, context) => {
      let id;
      try {
        await login(page);
        await switchLanguage(page, 'es');
        await page.goto('/scripts');
        await page.locator('#script-library-title', { hasText: 'Biblioteca de scripts' }).waitFor();
        const library = await apiCall(page.request, 'GET', '/api/script-library');
        const entries = page.locator('[data-testid="library-entry"]');
        await entries.first().waitFor();
        assert.deepEqual(
          await entries.evaluateAll((els) => els.map((e) => e.dataset.slug)),
          library.map((e) => e.slug),
        );
        const entry = page.locator('[data-slug="fail-if-empty"]');
        await entry.locator('h3', { hasText: 'Fallar si el origen está vacío' }).waitFor();
        // The database dumps warn that the client needs the plain key mode; this one not.
        assert.equal(await entry.locator('[data-testid="library-plain-key"]').count(), 0);
        assert.equal(await page.locator('[data-slug="mysql-dump"] [data-testid="library-plain-key"]').count(), 1);
        await entry.locator('summary', { hasText: 'Ver el código' }).click();
        const source = await entry.locator('[data-testid="library-source"]').textContent();
        const want = library.find((e) => e.slug === 'fail-if-empty');
        assert.equal(source, want.content);
        assert.equal(await sidewaysScroll(page), 0, 'no sideways scroll at 390 px');

        await page.locator('#library-add-fail-if-empty').click();
        await page.waitForURL(/\/scripts\/\d+\?saved=1$/);
        id = idInUrl(page);
        const script = await apiCall(page.request, 'GET', `/api/scripts/${id}`);
        assert.equal(script.name, 'fail-if-empty');
        assert.deepEqual(script.uses, want.uses);
        const content = await page.request.get(`${BASE_URL}/api/scripts/${id}/content`);
        assert.equal(await content.text(), want.content, 'the same bytes as shown');

        // Twice: the name is taken, and the page says what to do.
        await page.goto('/scripts');
        await page.locator('#library-add-fail-if-empty').click();
        await page
          .locator('#script-library-add-error', { hasText: 'Ya existe un script llamado fail-if-empty' })
          .waitFor();
        assert.equal(new URL(page.url()).pathname, '/scripts');
      } finally {
        if (id) await apiCleanup(page.request, `/api/scripts/${id}`);
        await restoreEnglish(context);
      }
    },
    { viewport: { width: 390, height: 844 } },
  );
});
