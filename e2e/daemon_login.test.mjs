// An rsync-daemon client with a login, through the client form in Basque: a bad login
// name is refused at its field; the password is stored and never shown again (the form
// says one is stored), kept by a save that leaves it empty, and removed on request.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  browserForFile,
  idInUrl,
  login,
  restoreEnglish,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

test('a daemon login is saved write-only from the client form', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    const name = unique('e2e-nas');
    const password = unique('pw');
    let id;
    try {
      await login(page);
      await switchLanguage(page, 'eu');
      await page.goto('/clients/new');
      await page.locator('#client-name').fill(name);
      await page.locator('#client-kind').selectOption('rsync_daemon');
      // The ssh user is not asked for; the port moves to rsync's.
      await page.locator('#client-daemon-user').waitFor();
      assert.equal(await page.locator('#client-user').count(), 0);
      assert.equal(await page.locator('#client-port').inputValue(), '873');
      await page.locator('#client-host').fill('nas.example.org');
      await page.locator('#client-daemon-password-help', { hasText: 'Ez dago pasahitzik gordeta' }).waitFor();

      // A login name rsync:// cannot carry: refused at its field, nothing created.
      await page.locator('#client-daemon-user').fill('backup@nas');
      await page.locator('#client-daemon-password').fill(password);
      await page.locator('#client-save').click();
      await page.locator('#client-daemon-user-error', { hasText: 'Balio hau ez da baliozkoa.' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/clients/new');

      await page.locator('#client-daemon-user').fill('backup');
      await page.locator('#client-save').click();
      await page.locator('#client-saved').waitFor();
      id = idInUrl(page);
      const saved = await apiCall(page.request, 'GET', `/api/clients/${id}`);
      assert.deepEqual(saved.connection, { kind: 'rsync_daemon', host: 'nas.example.org', port: 873, user: 'backup' });
      assert.equal(saved.daemon_password_set, true);
      assert.ok(!JSON.stringify(saved).includes(password), 'the password is never sent back');

      // Opened again: the field is empty and says a password is stored; saving keeps it.
      await page.reload();
      await page.locator('#client-daemon-password-help', { hasText: 'Pasahitz bat gordeta dago' }).waitFor();
      assert.equal(await page.locator('#client-daemon-password').inputValue(), '');
      assert.equal(await page.locator('#client-daemon-password').getAttribute('type'), 'password');
      await page.locator('#client-description').fill('NAS');
      await page.locator('#client-save').click();
      await page.locator('#client-saved').waitFor();
      const kept = await apiCall(page.request, 'GET', `/api/clients/${id}`);
      assert.equal(kept.description, 'NAS');
      assert.equal(kept.daemon_password_set, true);

      // Removed on request.
      await page.locator('#client-daemon-password-forget').check();
      await page.locator('#client-save').click();
      await page.locator('#client-daemon-password-help', { hasText: 'Ez dago pasahitzik gordeta' }).waitFor();
      assert.equal((await apiCall(page.request, 'GET', `/api/clients/${id}`)).daemon_password_set, false);
      assert.equal(await page.locator('#client-daemon-password-forget').count(), 0);
    } finally {
      if (id) await apiCleanup(page.request, `/api/clients/${id}`);
      await restoreEnglish(context);
    }
  });
});
