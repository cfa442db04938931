// Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7): the everyday journeys done with the
// keyboard alone — Tab, Shift+Tab, Enter, Space, arrows, Escape and typing; no click. Every
// element reached shows a focus ring; the skip link leads to the content; every dialog
// takes the focus when it opens and gives it back to its opener when it closes.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  PASSWORD,
  USER,
  apiCall,
  apiCleanup,
  apiJob,
  apiLocalClient,
  browserForFile,
  filesUnder,
  restoreEnglish,
  unique,
  url,
  waitForLang,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

/** Whether the focused element matches `selector`. */
function focusIs(page, selector) {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/**
 * Presses Tab (Shift+Tab when `back`) until the focus is on `selector`, then checks that
 * the element shows a focus ring. Fails when `max` presses do not reach it.
 */
async function tabTo(page, selector, { back = false, max = 120 } = {}) {
  for (let i = 0; i <= max; i += 1) {
    if (await focusIs(page, selector)) {
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      });
      assert.ok(ring, `${selector} shows a focus ring`);
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${selector} is not reached with ${back ? 'Shift+Tab' : 'Tab'} (focus on ${at})`);
}

/** Tabs to `selector` and presses Enter on it. */
async function activate(page, selector, options) {
  await tabTo(page, selector, options);
  await page.keyboard.press('Enter');
}

/** Tabs to the text field `selector` and types `text` into it (replacing what it held). */
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Waits until the focus is on `selector` (a dialog's first control, a restored opener). */
async function focusReaches(page, selector, what) {
  try {
    await page.waitForFunction((s) => document.activeElement?.matches(s), selector, { timeout: 5_000 });
  } catch {
    const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
    assert.fail(`${what}: the focus is on ${at}, not ${selector}`);
  }
}

/** Signs in on the login page with the keyboard. */
async function keyboardLogin(page) {
  await page.goto(url('/login'));
  await page.locator('#login-form').waitFor();
  await typeInto(page, '#login-username', USER);
  await typeInto(page, '#login-password', PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('#logout').waitFor();
}

test('keyboard only: sign in, add a client and a job, run it, browse, download and restore', async (t) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'e2e-keys-source-'));
  const target = await mkdtemp(path.join(os.tmpdir(), 'e2e-keys-target-'));
  await mkdir(path.join(source, 'docs'));
  await writeFile(path.join(source, 'docs', 'note.txt'), 'typed, not clicked\n');
  const name = unique('e2e-keys');
  await withPage(browser(), t, async (page) => {
    try {
      await keyboardLogin(page);

      // On a fresh page the first Tab reaches the skip link, shown; Enter puts the focus on
      // the content and stays on the page.
      await page.goto(url('/jobs'));
      await page.locator('#clients-table').waitFor();
      await page.keyboard.press('Tab');
      assert.ok(await focusIs(page, '.skip-link'), 'the first Tab reaches the skip link');
      assert.ok(await page.locator('.skip-link').isVisible());
      await page.keyboard.press('Enter');
      await focusReaches(page, '#main', 'the skip link');
      assert.equal(new URL(page.url()).pathname, new URL(url('/jobs')).pathname);

      // A client of this server's own directories, then its job.
      await activate(page, '#add-client');
      await page.locator('#client-name').waitFor();
      await typeInto(page, '#client-name', name);
      await tabTo(page, '#client-kind');
      await page.keyboard.press('End');
      await page.locator('#client-host').waitFor({ state: 'detached' });
      await activate(page, '#client-save');
      await page.locator('#client-saved').waitFor();
      await activate(page, '#client-add-job');
      await page.locator('#job-name').waitFor();
      await typeInto(page, '#job-name', 'files');
      await typeInto(page, '#job-source-path', `${source}/`);
      await activate(page, '#job-save');
      await page.locator('#job-saved').waitFor();
      const jobId = Number(new URL(page.url()).pathname.split('/').pop());
      const job = await apiCall(page.request, 'GET', `/api/jobs/${jobId}`);
      assert.equal(job.client.name, name);
      assert.equal(job.source_path, `${source}/`);

      // Run it and follow it to its snapshot.
      await activate(page, '#job-run');
      await page.locator('#job-run-notice').waitFor();
      const browse = '[data-testid="snapshot-row"] [data-testid="snapshot-browse"]';
      await page.locator(browse).first().waitFor({ timeout: 60_000 });
      await activate(page, browse);
      await page.waitForURL(/\/snapshots\/\d+$/);
      const docs = 'tr[data-testid="entry-row"][data-name="docs"]';
      await page.locator(docs).waitFor();
      await activate(page, `${docs} [data-testid="entry-open"]`);
      const note = 'tr[data-testid="entry-row"][data-name="note.txt"]';
      await page.locator(note).waitFor();

      // Download the file.
      await tabTo(page, `${note} [data-testid="entry-download"]`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(await readFile(await download.path(), 'utf8'), 'typed, not clicked\n');

      // Its versions: the dialog takes the focus; Escape gives it back to the button.
      const versions = `${note} [data-testid="entry-versions"]`;
      await activate(page, versions);
      await page.locator('#versions-dialog [data-testid="version-row"]').first().waitFor();
      await focusReaches(page, '#versions-dialog *', 'the versions dialog');
      await page.keyboard.press('Escape');
      await page.locator('#versions-dialog').waitFor({ state: 'detached' });
      await focusReaches(page, versions, 'closing the versions dialog');

      // Restore it, preview first, into a new folder; the close button gives the focus back.
      const restore = `${note} [data-testid="entry-restore"]`;
      await activate(page, restore);
      await page.locator('#restore-dialog').waitFor();
      await focusReaches(page, '#restore-dialog *', 'the restore dialog');
      await page.waitForFunction((id) => document.querySelector('#restore-client')?.value === String(id), job.client.id);
      await typeInto(page, '#restore-target', target);
      await activate(page, '#restore-preview');
      await page.locator('#restore-preview-result [data-testid="restore-change"]').first().waitFor({ timeout: 60_000 });
      await activate(page, '#restore-submit');
      await page.locator('#restore-queued[data-state="finished"]').waitFor({ timeout: 60_000 });
      // Screen readers are told the end in the polite live region.
      await page.locator('#restore-announce[role="status"]', { hasText: 'Finished: OK' }).waitFor({ state: 'attached' });
      // Shift+Tab: the dialog keeps the focus inside (the page behind is inert).
      for (let i = 0; i < 15; i += 1) {
        await page.keyboard.press('Shift+Tab');
        assert.ok(await focusIs(page, '#restore-dialog *'), 'the focus stays in the dialog');
      }
      await activate(page, '#restore-dialog-close');
      await page.locator('#restore-dialog').waitFor({ state: 'detached' });
      await focusReaches(page, restore, 'closing the restore dialog');
      // The file lands in a new folder of the target, with its content.
      const restored = (await filesUnder(target)).filter((f) => path.basename(f) === 'note.txt');
      assert.equal(restored.length, 1, `restored: ${JSON.stringify(restored)}`);
      assert.equal(await readFile(path.join(target, restored[0]), 'utf8'), 'typed, not clicked\n');

      // Delete the client from its page: Escape cancels and gives the focus back; then
      // confirming moves the focus to the page the app goes to.
      await page.goto(url(`/clients/${job.client.id}`));
      await page.locator('#client-name').waitFor();
      await activate(page, '#client-delete');
      await focusReaches(page, '#delete-dialog [data-testid="confirm-cancel"]', 'the delete dialog');
      await page.keyboard.press('Escape');
      await page.locator('#delete-dialog').waitFor({ state: 'detached' });
      await focusReaches(page, '#client-delete', 'cancelling the deletion');
      await page.keyboard.press('Enter');
      await activate(page, '#delete-dialog [data-testid="confirm-ok"]');
      await page.waitForURL(/\/jobs(\?|$)/);
      await focusReaches(page, '#main, #main *', 'after the deletion');
      const left = await page.request.get(url(`/api/clients/${job.client.id}`));
      assert.equal(left.status(), 404);
    } finally {
      const clients = await apiCall(page.request, 'GET', `/api/clients?q=${name}`).catch(() => ({ items: [] }));
      for (const c of clients.items ?? []) await apiCleanup(page.request, `/api/clients/${c.id}`);
    }
  });
  await rm(source, { recursive: true, force: true });
  await rm(target, { recursive: true, force: true });
});

test('keyboard only: edit a policy, reorder priorities, change the language', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    let client;
    let policyId;
    try {
      await keyboardLogin(page);
      // A policy of this test's own, edited from the policies list.
      const policies = await apiCall(page.request, 'GET', '/api/policies');
      const policy = await apiCall(page.request, 'POST', '/api/policies', {
        name: unique('e2e-keys-policy'),
        schedule: policies.items[0].schedule,
      });
      policyId = policy.id;
      await activate(page, 'nav [data-testid="nav-policies"]');
      await page.waitForURL(/\/policies$/);
      await activate(page, `a[href$="/policies/${policy.id}"]`);
      await page.locator('#policy-name').waitFor();
      await typeInto(page, '#policy-description', 'edited with the keyboard');
      await activate(page, '#policy-save');
      await page.locator('#policy-saved').waitFor();
      const saved = await apiCall(page.request, 'GET', `/api/policies/${policy.id}`);
      assert.equal(saved.description, 'edited with the keyboard');

      // Two jobs of one client; the second moved above the first with Alt+↑, then saved.
      client = await apiLocalClient(page.request, unique('e2e-keys-prio'));
      const a = await apiJob(page.request, client.id, { name: 'a', source_path: '/nonexistent-a/' });
      const b = await apiJob(page.request, client.id, { name: 'b', source_path: '/nonexistent-b/' });
      const order = async () => {
        const [pa, pb] = await Promise.all(
          [a, b].map(async (j) => (await apiCall(page.request, 'GET', `/api/jobs/${j.id}`)).priority),
        );
        return pa < pb ? [a.id, b.id] : [b.id, a.id];
      };
      assert.deepEqual(await order(), [a.id, b.id]);
      await page.goto(url('/jobs/priorities'));
      await page.locator(`#prio-row-${b.id}`).waitFor();
      await tabTo(page, `#prio-row-${b.id}`);
      await page.keyboard.press('Alt+ArrowUp');
      await focusReaches(page, `#prio-row-${b.id}`, 'the moved row');
      await activate(page, '#priorities-save');
      await page.locator('#priorities-saved').waitFor();
      assert.deepEqual(await order(), [b.id, a.id]);

      // The language, from the top bar's switch: Basque, then back to English.
      await tabTo(page, '#lang-select', { back: true });
      const choose = async (tag) => {
        for (let i = 0; i < 4 && (await page.locator('#lang-select').inputValue()) !== tag; i += 1) {
          await page.keyboard.press('ArrowDown');
        }
        for (let i = 0; i < 4 && (await page.locator('#lang-select').inputValue()) !== tag; i += 1) {
          await page.keyboard.press('ArrowUp');
        }
        await waitForLang(page, tag);
      };
      await choose('eu');
      await page.locator('#priorities-save', { hasText: /[a-z]/ }).waitFor();
      assert.equal((await apiCall(page.request, 'GET', '/api/me/preferences')).language, 'eu');
      await choose('en');
    } finally {
      await restoreEnglish(context);
      if (client) await apiCleanup(page.request, `/api/clients/${client.id}`);
      if (policyId) await apiCleanup(page.request, `/api/policies/${policyId}`);
    }
  });
});
