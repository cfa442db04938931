// Exact copies by default and plain words where a newcomer stumbles (issue 11, parts 1
// and 4): a new job's form leaves "rewrite permissions" off; a job that has it on says
// what it does on its page and in its form; a snapshot taken with it warns in the restore
// dialog and in the preview; a run error the engine produces is explained, not shown raw.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { apiCall, apiCleanup, browserForFile, finished, login, unique, withPage } from './lib.mjs';

const WARNING = /restored files will not get their original permissions, and private files become readable by everyone/;

const browser = browserForFile();

/** A local client with a job over `source` (extra job fields in `fields`). */
async function localJob(request, source, fields) {
  const client = await apiCall(request, 'POST', '/api/clients', {
    name: unique('e2e-perms'),
    connection: { kind: 'local' },
  });
  const policies = await apiCall(request, 'GET', '/api/policies');
  const locations = await apiCall(request, 'GET', '/api/locations');
  const job = await apiCall(request, 'POST', '/api/jobs', {
    client_id: client.id,
    name: 'files',
    source_path: source,
    policy_id: policies.items[0].id,
    location_id: locations.items[0].id,
    ...fields,
  });
  return { client, job };
}

test('rewritten permissions are off for new jobs and said plainly where they are on', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-perms-source-'));
  const target = await mkdtemp(path.join(os.tmpdir(), 'e2e-perms-target-'));
  await mkdir(path.join(dir, 'docs'));
  await writeFile(path.join(dir, 'docs', 'a.txt'), 'alpha\n');
  await withPage(browser(), t, async (page) => {
    await login(page);
    const { client, job } = await localJob(page.request, `${dir}/`, { use_local_permissions: true });
    try {
      // A new job of the same client: the option is off, no warning.
      await page.goto(`/clients/${client.id}/jobs/new`);
      await page.locator('#job-form').waitFor();
      await page.locator('#job-advanced summary').click();
      assert.equal(await page.locator('#job-local-permissions').isChecked(), false);
      assert.equal(await page.locator('#job-local-permissions-warning').count(), 0);
      await page.locator('#job-local-permissions').check();
      assert.match(await page.locator('#job-local-permissions-warning').textContent(), WARNING);

      // The job that has it: its page says so, and so does its form until it is unticked.
      await page.goto(`/jobs/${job.id}`);
      assert.match(await page.locator('#job-permissions-warning').textContent(), WARNING);
      await page.locator('#job-advanced summary').click();
      assert.equal(await page.locator('#job-local-permissions').isChecked(), true);
      await page.locator('#job-local-permissions-warning').waitFor();
      await page.locator('#job-local-permissions').uncheck();
      await page.locator('#job-local-permissions-warning').waitFor({ state: 'detached' });

      // Its snapshot: the restore dialog and the preview warn.
      const run = await apiCall(page.request, 'POST', `/api/jobs/${job.id}/run`);
      assert.equal((await finished(page.request, run.id)).result, 'ok');
      const [snapshot] = await apiCall(page.request, 'GET', `/api/jobs/${job.id}/snapshots`);
      assert.equal(snapshot.rewritten_permissions, true);
      await page.goto(`/snapshots/${snapshot.id}`);
      const docs = page.locator('tr[data-testid="entry-row"][data-name="docs"]');
      await docs.locator('[data-testid="entry-restore"]').click();
      await page.locator('#restore-dialog').waitFor();
      assert.match(
        await page.locator('#restore-rewritten-warning').textContent(),
        /taken with rewritten permissions: the restored files will not get their original permissions/,
      );
      await page.locator('#restore-target').fill(target);
      await page.locator('#restore-preview').click();
      await page.locator('#restore-preview-result').waitFor({ timeout: 60_000 });
      assert.match(
        await page.locator('#restore-preview-rewritten').textContent(),
        /rewritten permissions/,
      );
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
  await rm(dir, { recursive: true, force: true });
  await rm(target, { recursive: true, force: true });
});

test('a run error the engine produces is explained, not shown as its code', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    // A source directory that does not exist: rsync copies nothing (exit 23).
    const missing = path.join(os.tmpdir(), unique('e2e-perms-missing'));
    const { client, job } = await localJob(page.request, `${missing}/`, {});
    try {
      const run = await apiCall(page.request, 'POST', `/api/jobs/${job.id}/run`);
      const done = await finished(page.request, run.id);
      assert.equal(done.error_code, 'rsync_partial_nothing_transferred');
      await page.goto(`/jobs/${job.id}`);
      const error = page.locator(`tr[data-testid="run-row"][data-run-id="${run.id}"] [data-testid="run-error"]`);
      await error.waitFor();
      assert.equal(await error.textContent(), 'No file could be copied (permissions or read errors); see the log.');
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
});
