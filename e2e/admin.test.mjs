// The administrators' catalog forms against the real server: a script uploaded from a
// file and downloaded again, a backup location whose directory does not exist, a user
// (with the password repeat checked), and the settings (write-only mail password).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiCall, apiCleanup, browserForFile, idInUrl, login, unique, withPage } from './lib.mjs';

const browser = browserForFile();

test('upload a script, see where it may run, download it, delete it', async (t) => {
  await withPage(browser(), t, async (page) => {
    const name = unique('e2e-script');
    const content = '#!/bin/sh\necho "dump $ELKARBACKUP_ID"\n';
    let id;
    try {
      await login(page);
      await page.locator('nav [data-testid="nav-scripts"]').click();
      await page.locator('#script-new').click();
      await page.locator('#script-name').fill(name);
      // Without a file the form says so, next to the file input.
      await page.locator('#script-save').click();
      await page.locator('#script-file-error', { hasText: 'required' }).waitFor();
      await page.locator('#script-use-job-pre').check();
      await page.locator('#script-file').setInputFiles({
        name: 'dump.sh',
        mimeType: 'text/x-sh',
        buffer: Buffer.from(content),
      });
      await page.locator('#script-file-help', { hasText: 'dump.sh' }).waitFor();
      await page.locator('#script-save').click();
      await page.locator('#script-saved').waitFor();
      id = idInUrl(page);
      await page.locator('#script-unused').waitFor();
      const script = await apiCall(page.request, 'GET', `/api/scripts/${id}`);
      assert.deepEqual(script.uses, { client_pre: false, client_post: false, job_pre: true, job_post: false });
      assert.equal(script.size_bytes, content.length);

      const href = await page.locator('#script-download').getAttribute('href');
      const body = await (await page.request.get(href)).text();
      assert.equal(body, content);

      await page.locator('#script-delete').click();
      await page.locator('#delete-dialog [data-testid="confirm-ok"]').click();
      await page.waitForURL('**/scripts');
      id = undefined;
      assert.equal(await page.locator(`tr[data-script-name="${name}"]`).count(), 0);
    } finally {
      if (id) await apiCleanup(page.request, `/api/scripts/${id}`);
    }
  });
});

test('a backup location must be an existing directory', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await page.locator('nav [data-testid="nav-locations"]').click();
    await page.locator('#locations-table [data-testid="location-row"]').first().waitFor();
    await page.locator('#location-new').click();
    await page.locator('#location-name').fill(unique('e2e-location'));
    await page.locator('#location-directory').fill('relative/path');
    await page.locator('#location-save').click();
    await page.locator('#location-directory-error', { hasText: 'not valid' }).waitFor();
    await page.locator('#location-directory').fill(`/nonexistent/${unique('dir')}`);
    await page.locator('#location-save').click();
    await page.locator('#location-directory-error', { hasText: 'does not exist' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/locations/new');
  });
});

test('create a user, checking the repeated password', async (t) => {
  await withPage(browser(), t, async (page) => {
    const username = unique('e2e-user');
    let id;
    try {
      await login(page);
      await page.locator('nav [data-testid="nav-users"]').click();
      await page.locator('#user-new').click();
      await page.locator('#user-username').fill(username);
      await page.locator('#user-email').fill(`${username}@example.org`);
      await page.locator('#user-password').fill('a good long passphrase');
      await page.locator('#user-password-repeat').fill('another one');
      await page.locator('#user-save').click();
      await page.locator('#user-password-repeat-error', { hasText: 'do not match' }).waitFor();
      await page.locator('#user-password-repeat').fill('a good long passphrase');
      await page.locator('#user-language').selectOption('eu');
      await page.locator('#user-save').click();
      await page.locator('#user-saved').waitFor();
      id = idInUrl(page);
      const user = await apiCall(page.request, 'GET', `/api/users/${id}`);
      assert.equal(user.role, 'operator');
      assert.equal(user.language, 'eu');
      assert.equal(user.email, `${username}@example.org`);

      // The first administrator is protected: its delete button is disabled.
      await page.goto('/users');
      const protectedRow = page.locator('[data-testid="user-row"]', { has: page.locator('text=admin') }).first();
      await protectedRow.waitFor();
      const users = await apiCall(page.request, 'GET', '/api/users?per_page=500');
      const first = users.items.find((u) => u.protected);
      assert.equal(
        await page.locator(`tr[data-user-id="${first.id}"] [data-testid="user-delete"]`).isDisabled(),
        true,
      );
    } finally {
      if (id) await apiCleanup(page.request, `/api/users/${id}`);
    }
  });
});

test('settings are saved, and the mail password is never shown', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const before = await apiCall(page.request, 'GET', '/api/settings');
    try {
      await page.locator('nav [data-testid="nav-settings"]').click();
      await page.locator('#settings-form').waitFor();
      await page.locator('#settings-mail-host').fill('smtp.example.org');
      await page.locator('#settings-mail-password').fill('smtp secret');
      await page.locator('#settings-quota-warning').fill('150');
      await page.locator('#settings-save').click();
      await page.locator('#settings-quota-warning-error', { hasText: '100' }).waitFor();
      await page.locator('#settings-quota-warning').fill('85');
      await page.locator('#settings-save').click();
      await page.locator('#settings-saved').waitFor();
      const after = await apiCall(page.request, 'GET', '/api/settings');
      assert.equal(after.mail_host, 'smtp.example.org');
      assert.equal(after.quota_warning_percent, 85);
      assert.equal(after.mail_password_set, true);
      assert.equal(await page.locator('#settings-mail-password').inputValue(), '');
      assert.equal((await page.content()).includes('smtp secret'), false);
    } finally {
      const { mail_password_set: wasSet, ...rest } = before;
      await apiCall(page.request, 'PUT', '/api/settings', { ...rest, mail_password: wasSet ? undefined : '' });
    }
  });
});
