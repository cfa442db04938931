// The "Late" badge: a job without any snapshot, created weeks ago (its creation moved
// back in the database: no API call can age a job), shows the badge on the main page's
// row and on the job page's header, in eu, es and en; a job created now shows none.
//
// Environment: besides lib.mjs's, E2E_DATABASE_URL (a libpq URL of the server's
// database; `cargo xtask test` sets it). psql runs with an argument vector, no shell.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  apiJob,
  browserForFile,
  login,
  restoreEnglish,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

/** Runs one SQL statement on the server's database. */
function sql(statement) {
  const url = process.env.E2E_DATABASE_URL;
  assert.ok(url, 'E2E_DATABASE_URL is not set (cargo xtask test sets it)');
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], { stdio: 'pipe' });
}

const BADGE = { eu: 'Berandu', es: 'Retrasada', en: 'Late' };

test('a late job shows the badge on the main page and its page, in every language', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    const name = unique('e2e-late');
    await login(page);
    const client = await apiCall(page.request, 'POST', '/api/clients', {
      name,
      connection: { kind: 'ssh', user: 'root', host: 'client.example.org' },
    });
    try {
      const late = await apiJob(page.request, client.id, { name: 'late', source_path: '/late/' });
      const fresh = await apiJob(page.request, client.id, { name: 'fresh', source_path: '/fresh/' });
      // 30 days old and never backed up: its policy has expected runs since, long past
      // any grace. Ids are integers from the API, not text from outside.
      sql(`UPDATE jobs SET created_at = now() - interval '30 days' WHERE id = ${Number(late.id)}`);
      const answer = await apiCall(page.request, 'GET', `/api/jobs/${late.id}`);
      assert.equal(answer.late, true, 'the API says it is late');
      assert.ok(answer.late_since);
      assert.equal((await apiCall(page.request, 'GET', `/api/jobs/${fresh.id}`)).late, false);

      for (const lang of ['eu', 'es', 'en']) {
        await page.goto(`/jobs?q=${name}`);
        await switchLanguage(page, lang);
        const lateRow = page.locator(`tr[data-job-id="${late.id}"]`);
        const badge = lateRow.locator('[data-testid="late-badge"]');
        await badge.waitFor();
        assert.equal((await badge.textContent()).trim(), BADGE[lang], lang);
        const freshRow = page.locator(`tr[data-job-id="${fresh.id}"]`);
        await freshRow.waitFor();
        assert.equal(await freshRow.locator('[data-testid="late-badge"]').count(), 0, lang);

        await page.goto(`/jobs/${late.id}`);
        const header = page.locator('.page-badges [data-testid="late-badge"]');
        await header.waitFor();
        assert.equal((await header.textContent()).trim(), BADGE[lang], lang);
        assert.ok((await header.getAttribute('title')).length > 0, 'the tooltip says since when');

        await page.goto(`/jobs/${fresh.id}`);
        await page.locator('#job-facts').waitFor();
        assert.equal(await page.locator('[data-testid="late-badge"]').count(), 0, lang);
      }
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
      await restoreEnglish(context);
    }
  });
});
