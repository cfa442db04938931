// Replication end to end, with ONE server as both primary and replica (its catalog offers
// only clients that are not copies, so copying itself is well defined): a local client's
// job backed up into location A; through the UI a replication source pointing at this
// server's own address, mapping A → B, with an interval; its public key read from the
// page; an access created with that key on the Replication accesses page; the token
// pasted into the source's form; a real sshd started here whose AuthorizedKeysFile is the
// server's managed `<data dir>/replication/authorized_keys`; the host key accepted in the
// dialog (fingerprint compared), "Replicate now", the run followed on the Status page
// (opened before, never reloaded) until it leaves the queue, the copied job's run OK, the
// copied client with its "copy of" badge, and files of the replicated snapshot downloaded
// from the snapshot browser, equal to the originals. Everything is removed afterwards.
//
// Environment: besides lib.mjs's, E2E_DATA_DIR (the server's data directory; `cargo xtask
// test` sets it).

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import {
  BASE_URL,
  apiCall,
  apiCleanup,
  apiJob,
  apiLocalClient,
  browserForFile,
  idInUrl,
  login,
  runJob,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();
const run = promisify(execFile);

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real sshd on 127.0.0.1 reading `authorizedKeys` (the server's managed file, so the
 * forced command it writes is what runs): its port, host key fingerprint and `stop`.
 */
async function startSshd(authorizedKeys) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-flow-sshd-'));
  const hostKey = path.join(dir, 'host_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const fingerprint = (await run('ssh-keygen', ['-lf', `${hostKey}.pub`])).stdout.split(/\s+/)[1];
  await mkdir('/run/sshd', { recursive: true });
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  for (let i = 0; ; i += 1) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100) throw new Error(`sshd did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = async () => {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  };
  return { port, fingerprint, stop, log: () => stderr };
}

/**
 * Clicks a download link and returns the downloaded bytes. A click that started no
 * download in 7 s is made once more: a refresh of the listing can replace the row under
 * the pointer (a detached link follows nowhere), which a person answers by clicking again.
 */
async function download(page, link) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 7_000 }), link.click()]);
      return readFile(await file.path());
    } catch (err) {
      if (attempt === 2 || err.name !== 'TimeoutError') throw err;
    }
  }
}

function row(page, name) {
  return page.locator(`tr[data-testid="entry-row"][data-name="${name}"]`);
}

test('replicate a job from this same server: source, access, host key, run, copy browsed', async (t) => {
  const dataDir = process.env.E2E_DATA_DIR;
  assert.ok(dataDir, 'E2E_DATA_DIR is not set');
  const work = await mkdtemp(path.join(os.tmpdir(), 'e2e-flow-'));
  const source = path.join(work, 'source');
  const dirA = path.join(work, 'location-a');
  const dirB = path.join(work, 'location-b');
  await mkdir(path.join(source, 'docs', 'sub'), { recursive: true });
  await mkdir(dirA);
  await mkdir(dirB);
  const alpha = `alpha ${unique('content')}\n`;
  await writeFile(path.join(source, 'docs', 'a.txt'), alpha);
  await writeFile(path.join(source, 'docs', 'sub', 'b.txt'), 'beta\n');
  // 8 MiB at the source's bandwidth limit (1000 KiB/s): the copy lasts about eight
  // seconds, long enough to be seen on the Status page.
  const big = randomBytes(8 << 20);
  await writeFile(path.join(source, 'big.bin'), big);
  const sshd = await startSshd(path.join(dataDir, 'replication', 'authorized_keys'));

  t.after(async () => {
    await sshd.stop();
    await rm(work, { recursive: true, force: true });
  });
  await withPage(browser(), t, async (page, context) => {
    await login(page);
    const api = page.request;
    const cleanup = [];
    try {
      // The primary's side of the data: location A with a backed-up job; B is empty.
      const locA = await apiCall(api, 'POST', '/api/locations', {
        name: unique('e2e-loc-a'),
        directory: dirA,
        max_parallel_jobs: 1,
        active: true,
      });
      cleanup.push(`/api/locations/${locA.id}`);
      const locB = await apiCall(api, 'POST', '/api/locations', {
        name: unique('e2e-loc-b'),
        directory: dirB,
        max_parallel_jobs: 1,
        active: true,
      });
      cleanup.push(`/api/locations/${locB.id}`);
      const client = await apiLocalClient(api, unique('e2e-origin'));
      cleanup.unshift(`/api/clients/${client.id}`);
      const job = await apiJob(api, client.id, {
        source_path: `${source}/`,
        use_local_permissions: false,
        location_id: locA.id,
      });
      await runJob(api, job.id);

      // The source, through its form: no token yet (the access needs the key first).
      const sourceName = unique('e2e-self');
      const policies = (await apiCall(api, 'GET', '/api/policies')).items;
      await page.goto('/replications');
      await page.locator('#replication-new').click();
      await page.waitForURL('**/replications/new');
      await page.fill('#replication-name', sourceName);
      await page.fill('#replication-url', BASE_URL);
      await page.fill('#replication-ssh-host', '127.0.0.1');
      await page.fill('#replication-ssh-port', String(sshd.port));
      await page.fill('#replication-ssh-user', os.userInfo().username);
      await page.locator('input[id^="replication-map-primary-"]').first().fill(String(locA.id));
      await page.locator('select[id^="replication-map-local-"]').first().selectOption(String(locB.id));
      await page.uncheck('#replication-all-clients');
      await page.fill('#replication-client-ids', String(client.id));
      await page.selectOption('#replication-policy', String(policies[0].id));
      await page.fill('#replication-interval', '60');
      await page.fill('#replication-bwlimit', '1000');
      await page.click('#replication-save');
      await page.waitForURL(/\/replications\/\d+/);
      const sourceId = idInUrl(page);
      cleanup.unshift(`/api/replications/${sourceId}`);
      assert.match(await page.textContent('#replication-token-help'), /Paste the token/);
      const publicKey = (await page.inputValue('#replication-public-key')).trim();
      assert.match(publicKey, /^ssh-ed25519 \S+/);

      // The access, on the Replication accesses page, with that key.
      await page.goto('/replication-accesses');
      await page.locator('#replication-access-new').click();
      const accessName = unique('e2e-self-access');
      await page.fill('#replication-access-name', accessName);
      await page.fill('#replication-access-key', publicKey);
      await page.click('#replication-access-save');
      const token = await page.inputValue('#token-secret');
      assert.match(token, /^ebr_/);
      await page.click('#token-secret-dismiss');
      await page.waitForURL('**/replication-accesses');
      await page.locator(`[data-testid="replication-access-row"][data-access-name="${accessName}"]`).waitFor();
      const access = (await apiCall(api, 'GET', '/api/replication-accesses')).find((a) => a.name === accessName);
      cleanup.unshift(`/api/replication-accesses/${access.id}/revoke`);
      const installed = await readFile(path.join(dataDir, 'replication', 'authorized_keys'), 'utf8');
      assert.ok(installed.includes(publicKey.split(/\s+/)[1]), 'the key is in the managed authorized_keys');

      // The token pasted into the source's form.
      await page.goto(`/replications/${sourceId}`);
      await page.fill('#replication-token', token);
      await page.click('#replication-save');
      await page.locator('#replication-token-help', { hasText: /stored/ }).waitFor();
      assert.equal((await apiCall(api, 'GET', `/api/replications/${sourceId}`)).has_token, true);

      // The primary's host key: pending after the first attempt, accepted in the dialog.
      await page.click('#replication-run');
      await page.locator('#replication-host-key[data-state="pending"]').waitFor({ timeout: 20_000 });
      assert.equal((await page.textContent('#replication-host-fingerprint')).trim(), sshd.fingerprint);
      await page.click('#replication-host-accept');
      assert.equal((await page.textContent('#accept-fingerprint')).trim(), sshd.fingerprint);
      await page.click('#accept-dialog-confirm');
      await page.locator('#replication-host-key[data-state="accepted"]').waitFor();

      // The Status page, opened before the run and never reloaded.
      const status = await context.newPage();
      await status.goto('/status');
      await status.locator('#live-status[data-state="open"]').waitFor();

      const answered = page.waitForResponse(
        (r) => r.url().endsWith(`/api/replications/${sourceId}/run`) && r.request().method() === 'POST',
      );
      await page.click('#replication-run');
      const started = await (await answered).json();
      assert.equal(started.clients, 1, JSON.stringify(started));
      assert.equal(started.runs.length, 1, JSON.stringify(started));
      const runId = started.runs[0];
      await page.locator('#replication-run-notice').waitFor();
      const copyLink = page.locator('#replication-client-list a');
      await copyLink.waitFor();
      const copyName = (await copyLink.textContent()).trim();
      assert.ok(copyName.startsWith(client.name), `the copy is named after the original: ${copyName}`);
      const copyId = Number((await copyLink.getAttribute('href')).split('/').pop());
      cleanup.unshift(`/api/clients/${copyId}`);

      // Progress on the Status page, then the row leaves the queue by itself.
      const queued = status.locator(`tr[data-testid="queue-row"][data-run-id="${runId}"]`);
      await queued.waitFor({ timeout: 20_000 });
      await queued.locator('[data-testid="run-progress"]').waitFor({ timeout: 20_000 });
      await status.waitForFunction(
        (id) => {
          const p = document.querySelector(`tr[data-run-id="${id}"] [data-testid="run-progress"]`);
          return p !== null && Number(p.dataset.bytesDone) > 0;
        },
        runId,
        { timeout: 20_000 },
      );
      await queued.waitFor({ state: 'detached', timeout: 60_000 });
      await status.close();
      const finished = await apiCall(api, 'GET', `/api/runs/${runId}`);
      assert.equal(finished.result, 'ok', `replication run: ${finished.result} ${finished.error_code ?? ''}`);

      // The copied client: its badge on the main page, read-only.
      await page.goto(`/jobs?q=${encodeURIComponent(copyName)}`);
      const copyRow = page.locator(`tr[data-testid="client-row"][data-client-id="${copyId}"]`);
      await copyRow.locator('[data-testid="copy-badge"]').waitFor();
      assert.match(await copyRow.locator('[data-testid="copy-badge"]').textContent(), new RegExp(sourceName));
      const copyJobs = (await apiCall(api, 'GET', `/api/jobs?client_id=${copyId}`)).items;
      assert.equal(copyJobs.length, 1);
      assert.equal(copyJobs[0].location.id, locB.id, 'the copy lives in location B');

      // The copied job's page: the replication run OK, its snapshot browsed.
      await page.goto(`/jobs/${copyJobs[0].id}`);
      await page
        .locator(`#job-runs-table tr[data-testid="run-row"][data-run-id="${runId}"][data-state="finished"][data-result="ok"]`)
        .waitFor();
      await page.locator('[data-testid="snapshot-row"] [data-testid="snapshot-browse"]').first().click();
      await page.waitForURL(/\/snapshots\/\d+$/);
      // As in restore.test.mjs: the snapshot's header and rows loaded before any click (a
      // click while they still render could land on a row being replaced).
      await page.locator('[data-testid="crumb-root"]', { hasText: /^files \/ / }).waitFor();
      await row(page, 'big.bin').waitFor();
      const bigBytes = await download(page, row(page, 'big.bin').locator('[data-testid="entry-download"]'));
      assert.ok(bigBytes.equals(big), 'big.bin equals the original');
      await row(page, 'docs').locator('[data-testid="entry-open"]').click();
      await row(page, 'a.txt').waitFor();
      const got = await download(page, row(page, 'a.txt').locator('[data-testid="entry-download"]'));
      assert.equal(got.toString('utf8'), alpha);
    } finally {
      for (const url of cleanup) await apiCleanup(api, url);
    }
  });
});
