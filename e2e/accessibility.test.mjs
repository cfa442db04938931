// Accessibility audit (WCAG 2.1 A and AA rules of axe-core, run in Chromium on the real
// CSS): every page of the app, signed out and signed in as an administrator, and its
// dialogs (deletions, replacing a trigger token, a file's versions, restore), in Basque,
// Spanish and English, on a desktop (1366×860) and a phone (390×844); and every tab title
// names its page. A serious or critical violation fails the test; lesser ones are printed.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  CONTEXT,
  PASSWORD,
  USER,
  apiCall,
  apiCleanup,
  apiJob,
  apiLocalClient,
  apiLogin,
  browserForFile,
  runJob,
  unique,
  url,
  waitForLang,
} from './lib.mjs';
import { WCAG_21_AA, axeRun, violationLines } from './axe.mjs';

const browser = browserForFile();
const SIZES = [
  { width: 1366, height: 860 },
  { width: 390, height: 844 },
];
const LANGUAGES = ['eu', 'es', 'en'];
/** The pages of a signed-in administrator that need no object (see `objectPages`). */
const PAGES = [
  '/', '/jobs', '/jobs/priorities', '/status', '/clients/new', '/policies', '/policies/new',
  '/scripts', '/scripts/new', '/locations', '/locations/new', '/users', '/users/new', '/logs',
  '/settings', '/notifications', '/webhooks', '/webhooks/new', '/replications',
  '/replications/new', '/replication-accesses', '/replication-accesses/new', '/preferences',
  '/password', '/two-factor', '/tokens', '/sessions', '/guides', '/guides/linux', '/guides/nas',
  '/guides/databases', '/about', '/accessibility', '/no-such-page',
];

/**
 * A client, a job, its run and snapshot (and the first user and policy): the pages of
 * objects. Returns their paths and what to delete afterwards.
 */
async function objectPages(request, source) {
  await writeFile(path.join(source, 'file.txt'), 'audited\n');
  const client = await apiLocalClient(request, unique('e2e-a11y'));
  const job = await apiJob(request, client.id, { source_path: `${source}/` });
  const run = await runJob(request, job.id);
  await apiCall(request, 'POST', `/api/jobs/${job.id}/token`);
  const snapshots = await apiCall(request, 'GET', `/api/jobs/${job.id}/snapshots`);
  const users = await apiCall(request, 'GET', '/api/users');
  const policies = await apiCall(request, 'GET', '/api/policies');
  const snapshot = `/snapshots/${snapshots[0].id}`;
  const file = 'tr[data-testid="entry-row"][data-name="file.txt"]';
  return {
    dialogs: [
      { at: `/clients/${client.id}`, opener: '#client-delete', dialog: '#delete-dialog' },
      { at: `/jobs/${job.id}`, opener: '#job-delete', dialog: '#delete-dialog' },
      // The job has a token (made below), so this button asks before replacing it.
      { at: `/jobs/${job.id}`, opener: '#job-token-create', dialog: '#token-dialog' },
      { at: `/policies/${policies.items[0].id}`, opener: '#policy-delete', dialog: '#delete-dialog' },
      { at: snapshot, opener: `${file} [data-testid="entry-versions"]`, dialog: '#versions-dialog' },
      { at: snapshot, opener: `${file} [data-testid="entry-restore"]`, dialog: '#restore-dialog' },
    ],
    paths: [
      `/clients/${client.id}`,
      `/jobs/${job.id}`,
      `/runs/${run.id}`,
      snapshot,
      `/users/${users.items[0].id}`,
      `/policies/${policies.items[0].id}`,
    ],
    cleanup: `/api/clients/${client.id}`,
  };
}

/** Runs axe on the page as it is now; the violations, as one line each. */
async function audit(page) {
  return violationLines(await axeRun(page, null, { runOnly: { type: 'tag', values: WCAG_21_AA }, resultTypes: ['violations'] }));
}

/**
 * The browser tab's title must name the page (WCAG 2.4.2): "<the page's heading> ·
 * ElkarBackup". A finding in `audit`'s form when it does not.
 */
async function titleNamesPage(page) {
  const named = await page
    .waitForFunction(
      () => {
        const heading = document.querySelector('h1')?.textContent.trim();
        return Boolean(heading) && document.title === `${heading} · ElkarBackup`;
      },
      null,
      { timeout: 3_000 },
    )
    .then(() => true, () => false);
  if (named) return [];
  const [title, heading] = await page.evaluate(() => [document.title, document.querySelector('h1')?.textContent]);
  return [{ impact: 'serious', line: `serious page-title: the tab's title "${title}" does not name the page "${heading}"` }];
}

/** Opens `path` and waits until its content has loaded (title shown, no spinner left). */
async function open(page, path) {
  await page.goto(url(path));
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.loading, .spinner').length === 0, null, {
    timeout: 10_000,
  });
}

/**
 * Opens each dialog of `dialogs` (`{ at, opener, dialog }`: the page, the button that opens
 * it, the dialog), audits the page with it open, and closes it with Escape.
 */
async function auditDialogs(page, dialogs, where, record) {
  for (const { at, opener, dialog } of dialogs) {
    await open(page, at);
    await page.locator(opener).click();
    await page.locator(`${dialog}[open]`).waitFor();
    // Whatever the dialog loads (the versions list, the restore form's clients) first.
    await page.waitForFunction(() => document.querySelectorAll('dialog .loading, dialog .spinner').length === 0);
    record(where(`${at} ${dialog}`), await audit(page));
    await page.keyboard.press('Escape');
    await page.locator(dialog).waitFor({ state: 'detached' });
  }
}

/** Audits every page and dialog at `viewport` in every language; `record(where, violations)`. */
async function auditAt(viewport, objects, record) {
  // axe is injected as an inline script, which the app's Content-Security-Policy forbids.
  const context = await browser().newContext({ ...CONTEXT, viewport, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    for (const lang of LANGUAGES) {
      const where = (address) => `${lang} ${viewport.width}px ${address}`;
      // Signed out: the login page, in the language picked there.
      await context.clearCookies();
      await page.goto(url('/login'));
      await page.locator('#lang-select').selectOption(lang);
      await waitForLang(page, lang);
      record(where('/login'), await audit(page));
      await apiLogin(page.request, USER, PASSWORD);
      await apiCall(page.request, 'PUT', '/api/me/preferences', { language: lang, page_size: 20 });
      for (const address of [...PAGES, ...objects.paths]) {
        await open(page, address);
        record(where(address), [...(await audit(page)), ...(await titleNamesPage(page))]);
      }
      await auditDialogs(page, objects.dialogs, where, record);
    }
  } finally {
    await apiCall(page.request, 'PUT', '/api/me/preferences', { language: 'en', page_size: 20 }).catch(() => {});
    await context.close();
  }
}

test('no serious or critical accessibility violation on any page, language or size', async () => {
  const serious = [];
  const minor = new Set();
  const record = (where, violations) => {
    for (const v of violations) {
      const entry = `${where}: ${v.line}`;
      if (v.impact === 'serious' || v.impact === 'critical') serious.push(entry);
      else minor.add(entry);
    }
  };
  const setup = await browser().newContext(CONTEXT);
  await apiLogin(setup.request, USER, PASSWORD);
  const source = await mkdtemp(path.join(os.tmpdir(), 'e2e-a11y-'));
  let objects;
  try {
    objects = await objectPages(setup.request, source);
    for (const viewport of SIZES) {
      await auditAt(viewport, objects, record);
    }
  } finally {
    if (objects) await apiCleanup(setup.request, objects.cleanup);
    await setup.close();
    await rm(source, { recursive: true, force: true });
  }
  if (minor.size > 0) console.log(`minor accessibility findings:\n${[...minor].join('\n')}`);
  assert.deepEqual(serious, [], `serious or critical violations:\n${serious.join('\n')}`);
});
