// Live queue and progress: a slow local backup (rsync limited to about 2 MB/s) started
// from the main page shows a progress bar that grows on the Status page without a reload,
// while the main page's row shows the run and then its OK badge, also without a reload;
// then a second slow run is aborted from the Status page after confirmation.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { BASE_URL, CSRF, apiCall, apiCleanup, browserForFile, login, unique, withPage } from './lib.mjs';

const browser = browserForFile();

const FILES = 30;
const MIB = 1024 * 1024;

/** 30 files of 1 MiB of random data: about 15 s of copying at --bwlimit=2000. */
async function bigTree() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-slow-'));
  for (let i = 0; i < FILES; i += 1) {
    await writeFile(path.join(dir, `part-${String(i).padStart(2, '0')}.bin`), randomBytes(MIB));
  }
  return dir;
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks the page's window, to prove later that it was not reloaded. */
async function mark(page) {
  await page.evaluate(() => {
    window.e2eNotReloaded = true;
  });
}

async function notReloaded(page) {
  assert.equal(await page.evaluate(() => window.e2eNotReloaded === true), true, 'the page was reloaded');
}

/**
 * Reads `attribute` of `locator` until it has grown `times` times (strictly), and
 * returns the values seen.
 */
async function growing(locator, attribute, times, timeout = 60_000) {
  const seen = [];
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const raw = await locator.getAttribute(attribute).catch(() => null);
    const value = raw === null ? NaN : Number(raw);
    if (Number.isFinite(value) && value > 0 && (seen.length === 0 || value > seen[seen.length - 1])) {
      seen.push(value);
      if (seen.length > times) return seen;
    }
    await pause(200);
  }
  throw new Error(`${attribute} did not grow ${times} times: ${seen.join(', ')}`);
}

/** Aborts what is left of the runs of `jobIds` and waits until they have finished. */
async function stopRuns(request, jobIds) {
  try {
    for (let i = 0; i < 120; i += 1) {
      const queue = await apiCall(request, 'GET', '/api/queue');
      const ours = queue.filter((q) => jobIds.includes(q.run.job_id));
      if (ours.length === 0) return;
      for (const q of ours.filter((o) => o.run.state !== 'aborting')) {
        await request.fetch(`${BASE_URL}/api/runs/${q.run.id}/abort`, { method: 'POST', headers: CSRF });
      }
      await pause(500);
    }
  } catch (err) {
    console.error(`could not stop the runs: ${err}`);
  }
}

test('the Status page follows a slow backup live, the main page shows its result, and a run is aborted from the queue', async (t) => {
  const dir = await bigTree();
  await withPage(browser(), t, async (page, context) => {
    await login(page);
    const name = unique('e2e-status');
    const client = await apiCall(page.request, 'POST', '/api/clients', {
      name,
      connection: { kind: 'local' },
      rsync_options: ['--bwlimit=2000'],
    });
    const jobIds = [];
    try {
      const policies = await apiCall(page.request, 'GET', '/api/policies');
      const locations = await apiCall(page.request, 'GET', '/api/locations');
      const newJob = async (jobName) => {
        const job = await apiCall(page.request, 'POST', '/api/jobs', {
          client_id: client.id,
          name: jobName,
          source_path: `${dir}/`,
          policy_id: policies.items[0].id,
          location_id: locations.items[0].id,
          use_local_permissions: false,
        });
        jobIds.push(job.id);
        return job;
      };
      const job = await newJob('slow');

      // The main page in this tab, the Status page in a second one.
      await page.goto(`/jobs?q=${name}`);
      const row = page.locator(`tr[data-testid="job-row"][data-job-id="${job.id}"]`);
      await row.waitFor();
      assert.equal(await row.locator('[data-testid="job-result"]').getAttribute('data-result'), 'none');
      const status = await context.newPage();
      status.setDefaultTimeout(15_000);
      await status.goto('/status');
      await status.locator('#live-status[data-state="open"]').waitFor();
      await status.locator('#queue-empty, #queue-table').first().waitFor();
      await mark(page);
      await mark(status);

      // Run it from the row menu (POST /api/jobs/run).
      await row.locator('[data-testid="job-more"]').click();
      await row.locator('[data-testid="job-run"]').click();
      await page.locator('#jobs-notice', { hasText: '1 backup started' }).waitFor();
      await row.locator('[data-testid="job-progress"]').waitFor();

      // The Status page shows it and its progress grows, without a reload.
      const queued = status.locator(`tr[data-testid="queue-row"][data-job-id="${job.id}"]`);
      await queued.waitFor();
      const runId = Number(await queued.getAttribute('data-run-id'));
      await status.locator(`tr[data-testid="queue-row"][data-run-id="${runId}"] [data-testid="run-state"][data-state="running"]`).waitFor({ timeout: 60_000 });
      const running = status.locator(`tr[data-testid="queue-row"][data-run-id="${runId}"]`);
      assert.match(await running.textContent(), new RegExp(name));
      const bytes = await growing(running.locator('[data-testid="run-progress"]'), 'data-bytes-done', 3);
      assert.ok(bytes[bytes.length - 1] <= FILES * MIB * 1.1, `more bytes than the tree: ${bytes}`);
      // The file being copied is shown as text.
      await status.waitForFunction(
        (id) => /part-\d\d\.bin/.test(document.querySelector(`tr[data-run-id="${id}"] .current-file`)?.textContent ?? ''),
        runId,
      );
      assert.equal(await running.locator('.current-file *').count(), 0);
      await notReloaded(status);

      // When it ends, it leaves the queue and the main page's badge turns OK by itself.
      await running.waitFor({ state: 'detached', timeout: 90_000 });
      await row.locator('[data-testid="job-result"][data-result="ok"].badge-ok').waitFor({ timeout: 15_000 });
      await row.locator('[data-testid="job-progress"]').waitFor({ state: 'detached' });
      await notReloaded(page);
      const done = await apiCall(page.request, 'GET', `/api/runs/${runId}`);
      assert.equal(done.state, 'finished');
      assert.equal(done.result, 'ok');

      // A second slow job, started through the API, is aborted from the Status page.
      const second = await newJob('second');
      const started = await apiCall(page.request, 'POST', `/api/jobs/${second.id}/run`);
      const victim = status.locator(`tr[data-testid="queue-row"][data-run-id="${started.id}"]`);
      await victim.waitFor();
      assert.equal(await victim.getAttribute('data-job-id'), String(second.id));
      await status.locator(`tr[data-testid="queue-row"][data-run-id="${started.id}"] [data-testid="run-state"][data-state="running"]`).waitFor({ timeout: 60_000 });
      await status.locator(`tr[data-testid="queue-row"][data-run-id="${started.id}"] [data-testid="run-abort"]`).click();
      const dialog = status.locator('#abort-dialog');
      await dialog.waitFor();
      assert.match(await dialog.textContent(), new RegExp(`${name} / second`));
      await dialog.locator('[data-testid="confirm-ok"]').click();
      await dialog.waitFor({ state: 'detached' });
      await victim.waitFor({ state: 'detached', timeout: 60_000 });
      await notReloaded(status);
      const aborted = await apiCall(page.request, 'GET', `/api/runs/${started.id}`);
      assert.equal(aborted.state, 'finished');
      assert.equal(aborted.result, 'aborted');
      assert.deepEqual(await apiCall(page.request, 'GET', `/api/jobs/${second.id}/snapshots`), []);
      await status.close();
    } finally {
      await stopRuns(page.request, jobIds);
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
  await rm(dir, { recursive: true, force: true });
});
