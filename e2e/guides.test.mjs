// The built-in guides, in Basque at phone width: reached from the menu and from the client
// form; the Linux guide shows its commands as they are run (the API tests run the same
// ones); nothing scrolls sideways; an unknown guide is "not found".

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { browserForFile, login, restoreEnglish, sidewaysScroll, switchLanguage, withPage } from './lib.mjs';

const browser = browserForFile();

test('the guides are reached from the menu and the client form', async (t) => {
  await withPage(
    browser(),
    t,
    async (page, context) => {
      try {
        await login(page);
        await switchLanguage(page, 'eu');
        // From the client form: the link under the connection.
        await page.goto('/clients/new');
        await page.locator('#client-guides-link', { hasText: 'Nola prestatu bezero bat: gidak' }).click();
        await page.waitForURL('**/guides');
        await page.locator('#page-title', { hasText: 'Gidak' }).waitFor();
        assert.equal(await page.title(), 'Gidak · ElkarBackup');
        assert.equal(await page.locator('[data-testid="guide-link"]').count(), 7);

        await page.locator('#guide-link-linux').click();
        await page.waitForURL('**/guides/linux');
        await page.locator('#page-title', { hasText: 'Linux bezeroa' }).waitFor();
        assert.equal(await page.locator('#guide-linux-packages').inputValue(), 'apt-get install rsync openssh-server');
        assert.equal(
          await page.locator('#guide-linux-key').textContent(),
          "umask 077 && mkdir -p ~/.ssh && echo '<babeskopia-gakoaren lerroa>' >> ~/.ssh/authorized_keys",
        );
        assert.equal(await sidewaysScroll(page), 0, 'no sideways scroll at 390 px');

        // The menu (folded on a phone) has the guides too.
        await page.goto('/guides/nas');
        await page.locator('#page-title', { hasText: 'NAS edo rsync deabrua' }).waitFor();
        assert.match(await page.locator('#guide-nas-module').inputValue(), /auth users = elkarbackup/);
        assert.equal(await sidewaysScroll(page), 0);
        await page.locator('#guide-back').click();
        await page.waitForURL('**/guides');
        await page.goto('/guides/nowhere');
        await page.locator('[data-testid="not-found"]').waitFor();
      } finally {
        await restoreEnglish(context);
      }
    },
    { viewport: { width: 390, height: 844 } },
  );
});
