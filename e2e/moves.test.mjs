// Moving a job: choosing another location on the job's form says, before saving, that the
// next backup starts a new series there and that the older snapshots stay readable where
// they are; choosing the saved location again takes the note away. A new job's form has
// nothing to move, so it says nothing.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { apiCall, apiCleanup, browserForFile, login, unique, withPage } from './lib.mjs';

const browser = browserForFile();

test('changing a job\'s location warns that a new series starts there', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const req = page.request;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-location-'));
    const [policies, locations] = await Promise.all([
      apiCall(req, 'GET', '/api/policies'),
      apiCall(req, 'GET', '/api/locations'),
    ]);
    const first = locations.items[0].id;
    const second = await apiCall(req, 'POST', '/api/locations', {
      name: unique('moved-to'),
      directory: dir,
    });
    const client = await apiCall(req, 'POST', '/api/clients', {
      name: unique('mover'),
      connection: { kind: 'local' },
    });
    try {
      const job = await apiCall(req, 'POST', '/api/jobs', {
        client_id: client.id,
        name: 'docs',
        source_path: dir,
        policy_id: policies.items[0].id,
        location_id: first,
      });
      await page.goto(`/jobs/${job.id}`);
      const select = page.locator('#job-location');
      await page.waitForFunction(
        (id) => document.querySelector('#job-location')?.value === String(id),
        first,
      );
      assert.equal(await page.locator('#job-location-moved').count(), 0);
      await select.selectOption(String(second.id));
      const note = page.locator('#job-location-moved');
      await note.waitFor();
      assert.match(await note.innerText(), /new series/);
      assert.match(await note.innerText(), /still be browsed and restored/);
      await select.selectOption(String(first));
      await note.waitFor({ state: 'detached' });

      // A new job of the same client: no saved location, so no note.
      await page.goto(`/clients/${client.id}/jobs/new`);
      await page.locator('#job-location').waitFor();
      await page.locator('#job-location').selectOption(String(second.id));
      assert.equal(await page.locator('#job-location-moved').count(), 0);
    } finally {
      await apiCleanup(req, `/api/clients/${client.id}`);
      await apiCleanup(req, `/api/locations/${second.id}`);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
