// The catalog forms: a policy, a client and a job created through the web app; the
// client's ssh key panel; a validation error shown in Spanish next to its field; the
// unsaved-changes warning.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  browserForFile,
  gotoJobs,
  idInUrl,
  login,
  restoreEnglish,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

test('create a policy, a client and a job through the forms', async (t) => {
  await withPage(browser(), t, async (page) => {
    const policyName = unique('e2e-policy');
    const clientName = unique('e2e-client');
    let policyId;
    let clientId;
    try {
      await login(page);

      // Policy: daily is on for a new policy; add the weekly level.
      await page.locator('nav [data-testid="nav-policies"]').click();
      await page.locator('#policy-new').click();
      await page.locator('#policy-name').fill(policyName);
      await page.locator('#policy-tab-weekly').click();
      await page.locator('#policy-weekly-enabled').check();
      await page.locator('#policy-weekly-keep').fill('6');
      await page.locator('#policy-keeps', { hasText: '6 weekly' }).waitFor();
      assert.match(await page.locator('#policy-keeps').textContent(), /7 daily/);
      assert.equal(await page.locator('[data-testid="policy-run"]').count(), 10);
      await page.locator('#policy-time-zone', { hasText: 'time zone' }).waitFor();
      await page.locator('#policy-save').click();
      await page.locator('#policy-saved').waitFor();
      policyId = idInUrl(page);
      const policy = await apiCall(page.request, 'GET', `/api/policies/${policyId}`);
      assert.equal(policy.name, policyName);
      assert.equal(policy.schedule.weekly.enabled, true);
      assert.equal(policy.schedule.weekly.keep, 6);
      assert.deepEqual(policy.schedule.weekly.times, ['21:00']);
      assert.equal(policy.schedule.daily.keep, 7);

      // Client, over ssh, with a quota.
      await page.locator('nav [data-testid="nav-jobs"]').click();
      await page.locator('#add-client').click();
      await page.locator('#client-name').fill(clientName);
      await page.locator('#client-description').fill('<b>not markup</b>');
      await page.locator('#client-host').fill('backup-target.example.org');
      await page.locator('#client-port').fill('2222');
      await page.locator('#client-quota').fill('1.5');
      await page.locator('#client-advanced summary').click();
      await page.locator('#client-rsync-options').fill('--bwlimit=5000\n--compress');
      await page.locator('#client-save').click();
      await page.locator('#client-saved').waitFor();
      clientId = idInUrl(page);
      const client = await apiCall(page.request, 'GET', `/api/clients/${clientId}`);
      assert.deepEqual(client.connection, {
        kind: 'ssh',
        user: 'root',
        host: 'backup-target.example.org',
        port: 2222,
      });
      assert.equal(client.quota_bytes, 1.5 * 1024 ** 3);
      assert.deepEqual(client.rsync_options, ['--bwlimit=5000', '--compress']);

      // Its keys, as data: the exact authorized_keys lines (a read-only backup key and a
      // write-only restore key, both confined by rrsync) and their install commands.
      const line = await page.locator('#client-authorized-line').inputValue();
      assert.equal(line, `restrict,command="rrsync -ro /" ${client.public_key.trim()}`);
      const command = await page.locator('#client-install-command').inputValue();
      assert.ok(command.includes(`echo '${line}' >> ~/.ssh/authorized_keys`), command);
      const restore = await page.locator('#client-restore-line').inputValue();
      assert.equal(restore, `restrict,command="rrsync -wo -no-lock /" ${client.restore_public_key.trim()}`);
      assert.ok((await page.locator('#client-restore-install').inputValue()).includes(`echo '${restore}'`));

      // Job of that client, with the new policy.
      await page.locator('#client-add-job').click();
      await page.locator('#job-name').fill('home');
      await page.locator('#job-source-path').fill('/home/');
      await page.locator('#job-policy').selectOption(String(policyId));
      await page.locator('#job-save').click();
      await page.locator('#job-saved').waitFor();
      const jobId = idInUrl(page);
      const job = await apiCall(page.request, 'GET', `/api/jobs/${jobId}`);
      assert.equal(job.client.id, clientId);
      assert.equal(job.policy.id, policyId);
      assert.equal(job.source_path, '/home/');

      // The main page lists the client with its job nested, names as text.
      await page.locator('nav [data-testid="nav-jobs"]').click();
      await page.locator('#jobs-search').fill(clientName);
      const row = page.locator(`tr[data-client-name="${clientName}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), /<b>not markup<\/b>/);
      const group = page.locator('tbody', { has: row });
      await group.locator(`tr[data-job-id="${jobId}"]`, { hasText: `${clientId}.${jobId}` }).waitFor();
      assert.match(await row.textContent(), /of 1\.5 GiB/);
    } finally {
      if (clientId) await apiCleanup(page.request, `/api/clients/${clientId}`);
      if (policyId) {
        // The client's deletion frees the policy; retry briefly in case it is not yet.
        for (let i = 0; i < 5; i += 1) {
          const r = await page.request.fetch(`/api/policies/${policyId}`, {
            method: 'DELETE',
            headers: { 'x-elkarbackup-csrf': '1' },
          });
          if (r.ok() || r.status() === 404) break;
          await page.waitForTimeout(500);
        }
      }
    }
  });
});

test('a validation error is shown in Spanish next to its field', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    try {
      await login(page);
      await switchLanguage(page, 'es');
      await page.goto('/clients/new');
      await page.locator('#page-title', { hasText: 'Nuevo cliente' }).waitFor();
      await page.locator('#client-name').fill(unique('e2e-bad'));
      await page.locator('#client-host').fill('host; rm -rf /');
      await page.locator('#client-advanced summary').click();
      await page.locator('#client-ssh-options').fill('ProxyCommand=nc %h %p');
      await page.locator('#client-save').click();
      await page.locator('#client-host-error', { hasText: 'Este valor no es válido.' }).waitFor();
      assert.equal(await page.locator('#client-host').getAttribute('aria-invalid'), 'true');
      await page
        .locator('#client-ssh-options-error', { hasText: 'Línea 1: Esta opción no está permitida.' })
        .waitFor();
      await page.locator('#client-error', { hasText: 'Algunos campos no son válidos' }).waitFor();
      // Nothing was created.
      assert.equal(new URL(page.url()).pathname, '/clients/new');

      // A duplicate name is refused by the server and shown at the name field.
      const taken = unique('e2e-taken');
      const other = await apiCall(page.request, 'POST', '/api/clients', {
        name: taken,
        connection: { kind: 'local' },
      });
      try {
        await page.locator('#client-name').fill(taken);
        await page.locator('#client-host').fill('host.example.org');
        await page.locator('#client-ssh-options').fill('');
        await page.locator('#client-save').click();
        await page.locator('#client-name-error', { hasText: 'Este nombre ya está en uso.' }).waitFor();
      } finally {
        await apiCleanup(page.request, `/api/clients/${other.id}`);
      }
    } finally {
      await restoreEnglish(context);
    }
  });
});

test('leaving a changed form asks first', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await gotoJobs(page);
    await page.locator('#add-client').click();
    await page.waitForURL('**/clients/new');
    await page.locator('#client-name').fill('unsaved');
    let asked = 0;
    const answer = (accept) =>
      page.once('dialog', (d) => {
        asked += 1;
        return accept ? d.accept() : d.dismiss();
      });

    // A link inside the app: staying keeps the form as it was.
    answer(false);
    await page.locator('nav [data-testid="nav-policies"]').click();
    await page.waitForTimeout(300);
    assert.equal(asked, 1);
    assert.equal(new URL(page.url()).pathname, '/clients/new');
    assert.equal(await page.locator('#client-name').inputValue(), 'unsaved');

    // The browser's back button, refused: still here, same address.
    answer(false);
    await page.evaluate(() => window.history.back());
    await page.waitForTimeout(500);
    assert.equal(asked, 2);
    assert.equal(new URL(page.url()).pathname, '/clients/new');
    assert.equal(await page.locator('#client-name').inputValue(), 'unsaved');

    // Accepted: the link is followed.
    answer(true);
    await page.locator('nav [data-testid="nav-policies"]').click();
    await page.waitForURL('**/policies');
    assert.equal(asked, 3);
  });
});
