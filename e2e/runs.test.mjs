// Backups from the web app: a local client's job run from the main page (its badge
// turns OK by itself), from the job page (the runs list follows the run to its end) and
// from the client page; the run's log with rsync's statistics, the snapshot in the job's
// list; the client page's connection test against a port where nothing listens; and,
// against a real sshd, a pending host key compared, accepted, then a working test; and a
// run held by a slow pre-job script, aborted from its page.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';

import { apiCall, apiCleanup, apiJob, apiLocalClient, browserForFile, login, unique, withPage } from './lib.mjs';

const browser = browserForFile();

/** A directory with a few files to back up (the server runs on this machine). */
async function sourceTree() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-source-'));
  await writeFile(path.join(dir, 'hello.txt'), 'hello\n');
  await writeFile(path.join(dir, 'notes.md'), '# notes\n'.repeat(100));
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'sub', 'data.bin'), Buffer.alloc(4096, 7));
  return dir;
}

const SSHD = '/usr/sbin/sshd';

/**
 * A real OpenSSH server on 127.0.0.1 with its own host key and an empty
 * `authorized_keys`; returns its port, fingerprint, files and a `stop` function.
 */
async function startSshd() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-sshd-'));
  const hostKey = path.join(dir, 'host_ed25519');
  const run = promisify(execFile);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const { stdout } = await run('ssh-keygen', ['-lf', `${hostKey}.pub`]);
  const fingerprint = stdout.split(/\s+/)[1];
  const authorizedKeys = path.join(dir, 'authorized_keys');
  await writeFile(authorizedKeys, '');
  await mkdir('/run/sshd', { recursive: true });
  const port = await closedPort();
  const config = path.join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'UsePAM no',
      'StrictModes no',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: 'ignore' });
  for (let i = 0; ; i += 1) {
    const up = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100) throw new Error('sshd did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = async () => {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  };
  return { port, fingerprint, authorizedKeys, stop };
}

/** Waits until every run of job `jobId` has finished. */
async function allFinished(request, jobId) {
  for (let i = 0; i < 120; i += 1) {
    const runs = await apiCall(request, 'GET', `/api/runs?job_id=${jobId}`);
    if (runs.items.every((r) => r.state === 'finished')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the runs of job ${jobId} did not finish`);
}

/** A TCP port nobody listens on (taken from the system, then released). */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('run a local job from the main page and the job page, read its log and see the snapshot', async (t) => {
  const dir = await sourceTree();
  await withPage(browser(), t, async (page) => {
    await login(page);
    const name = unique('e2e-run');
    const client = await apiLocalClient(page.request, name);
    try {
      const job = await apiJob(page.request, client.id, {
        source_path: `${dir}/`,
        use_local_permissions: false,
      });

      // Main page: the row menu's "Run now"; the badge changes without a reload.
      await page.goto(`/jobs?q=${name}`);
      const row = page.locator(`tr[data-testid="job-row"][data-job-id="${job.id}"]`);
      await row.waitFor();
      await row.locator('[data-testid="job-more"]').click();
      await row.locator('[data-testid="job-run"]').click();
      await page.locator('#jobs-notice', { hasText: 'started' }).waitFor();
      await row.locator('.badge-ok').waitFor({ timeout: 60_000 });

      // Job page: "Run now"; the new run appears and turns OK by itself.
      await row.locator('[data-testid="job-edit"]').click();
      await page.locator('#job-runs-table').waitFor();
      assert.equal(await page.locator('[data-testid="run-row"]').count(), 1);
      await page.locator('#job-run').click();
      await page.locator('#job-run-notice').waitFor();
      const runs = page.locator('[data-testid="run-row"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2);
      const newest = runs.first();
      await page.locator('[data-testid="run-row"][data-state="finished"]').nth(1).waitFor({ timeout: 60_000 });
      assert.equal(await newest.getAttribute('data-result'), 'ok');
      assert.match(await newest.textContent(), /By hand/);

      // The snapshots list shows what the runs published.
      await page.locator('[data-testid="snapshot-row"]').first().waitFor();
      const snapshots = await apiCall(page.request, 'GET', `/api/jobs/${job.id}/snapshots`);
      assert.ok(snapshots.length >= 1);
      assert.equal(
        await page.locator('[data-testid="snapshot-row"]').count(),
        snapshots.length,
      );

      // The log page: details, rsync's statistics as text, a download link.
      const runId = await newest.getAttribute('data-run-id');
      await newest.locator('[data-testid="run-log"]').click();
      await page.waitForURL(`**/runs/${runId}`);
      await page.locator('#run-facts[data-state="finished"]').waitFor();
      await page.locator('#run-result .badge-ok').waitFor();
      // The job is named, with its client, not only by its id.
      await page.locator('#run-job-link', { hasText: `“${job.name}” of client “${name}”` }).waitFor();
      assert.equal(await page.locator('#run-job-link').getAttribute('href'), `/jobs/${job.id}`);
      await page.locator('#run-log', { hasText: 'Number of files' }).waitFor();
      assert.equal(await page.locator('#run-abort').count(), 0);
      assert.equal(await page.locator('#run-log-download').getAttribute('href'), `/api/runs/${runId}/log`);
      // The log is text, not markup.
      assert.equal(await page.locator('#run-log *').count(), 0);

      // The client page runs all of the client's jobs.
      await page.goto(`/clients/${client.id}`);
      await page.locator('#client-run').click();
      await page.locator('#client-run-notice', { hasText: '1 backup started' }).waitFor();
      await allFinished(page.request, job.id);
      assert.equal((await apiCall(page.request, 'GET', `/api/runs?job_id=${job.id}`)).total, 3);
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
  await rm(dir, { recursive: true, force: true });
});

test('the client page tests the connection and explains why it fails', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const port = await closedPort();
    const client = await apiCall(page.request, 'POST', '/api/clients', {
      name: unique('e2e-unreachable'),
      connection: { kind: 'ssh', user: 'root', host: '127.0.0.1', port },
    });
    try {
      await page.goto(`/clients/${client.id}`);
      await page.locator('#client-host-key[data-state="unknown"]').waitFor();
      assert.equal(await page.locator('#client-host-accept').count(), 0);
      await page.locator('#client-test').click();
      const error = page.locator('#client-test-error');
      await error.waitFor({ timeout: 60_000 });
      assert.match(await error.textContent(), /could not be reached/);
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
});

test('a pending host key is compared, accepted, and the connection then works', { skip: !existsSync(SSHD) }, async (t) => {
  const sshd = await startSshd();
  try {
    await withPage(browser(), t, async (page) => {
      await login(page);
      const client = await apiCall(page.request, 'POST', '/api/clients', {
        name: unique('e2e-hostkey'),
        connection: { kind: 'ssh', user: 'root', host: '127.0.0.1', port: sshd.port },
      });
      try {
        await page.goto(`/clients/${client.id}`);
        await page.locator('#client-host-key[data-state="unknown"]').waitFor();
        // The first test records the key as pending and says it must be accepted.
        await page.locator('#client-test').click();
        await page.locator('#client-test-error', { hasText: 'not been accepted yet' }).waitFor({ timeout: 60_000 });
        await page.locator('#client-host-key[data-state="pending"]').waitFor();
        assert.equal(await page.locator('#client-host-fingerprint').textContent(), sshd.fingerprint);

        // Accepting asks to compare the fingerprint on the client first.
        await page.locator('#client-host-accept').click();
        const dialog = page.locator('#accept-dialog');
        await dialog.waitFor();
        assert.match(await dialog.textContent(), /ssh-keygen -lf \/etc\/ssh\/ssh_host_ed25519_key\.pub/);
        assert.equal(await dialog.locator('#accept-fingerprint').textContent(), sshd.fingerprint);
        await dialog.locator('[data-testid="confirm-ok"]').click();
        await page.locator('#client-host-key[data-state="accepted"]').waitFor();
        await dialog.waitFor({ state: 'detached' });
        assert.equal(await page.locator('#client-host-accept').count(), 0);

        // With the backup key's line installed on the client, the test passes and says
        // what each key may do.
        const shown = await apiCall(page.request, 'GET', `/api/clients/${client.id}`);
        await writeFile(sshd.authorizedKeys, `${shown.backup_key_line}\n`);
        await page.locator('#client-test').click();
        await page.locator('#client-test-ok', { hasText: 'Connection works' }).waitFor({ timeout: 60_000 });
        const keys = page.locator('#client-test-keys');
        assert.equal((await keys.textContent()).trim(), 'Backup key: read-only ✔ · restore key: not installed');
        // Both lines: the restore key writes only.
        await writeFile(sshd.authorizedKeys, `${shown.backup_key_line}\n${shown.restore_key_line}\n`);
        await page.locator('#client-test').click();
        await page.locator('#client-test-keys', { hasText: 'restore key: write-only ✔' }).waitFor({ timeout: 60_000 });
      } finally {
        await apiCleanup(page.request, `/api/clients/${client.id}`);
      }
    });
  } finally {
    await sshd.stop();
  }
});

test('a run still going on is aborted from its page, after confirmation', async (t) => {
  const dir = await sourceTree();
  await withPage(browser(), t, async (page) => {
    await login(page);
    const name = unique('e2e-abort');
    const script = await apiCall(page.request, 'POST', '/api/scripts', {
      name,
      description: '',
      uses: { client_pre: false, client_post: false, job_pre: true, job_post: false },
      content_base64: Buffer.from('#!/bin/sh\nsleep 60\n').toString('base64'),
    });
    const client = await apiLocalClient(page.request, name);
    try {
      const job = await apiJob(page.request, client.id, {
        name: 'slow',
        source_path: `${dir}/`,
        use_local_permissions: false,
        pre_scripts: [script.id],
      });
      await page.goto(`/jobs/${job.id}`);
      await page.locator('#job-run').click();
      const row = page.locator('[data-testid="run-row"]').first();
      await row.waitFor();
      assert.equal(await row.getAttribute('data-state'), 'unfinished');
      await row.locator('[data-testid="run-log"]').click();
      await page.locator('#run-facts[data-state="unfinished"]').waitFor();
      await page.locator('#run-abort').click();
      const dialog = page.locator('#abort-dialog');
      await dialog.waitFor();
      await dialog.locator('[data-testid="confirm-ok"]').click();
      await page.locator('#run-facts[data-state="finished"]').waitFor({ timeout: 60_000 });
      await page.locator('#run-result', { hasText: 'Aborted' }).waitFor();
      assert.equal(await page.locator('#run-abort').count(), 0);
      assert.deepEqual(await apiCall(page.request, 'GET', `/api/jobs/${job.id}/snapshots`), []);
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
      await apiCleanup(page.request, `/api/scripts/${script.id}`);
    }
  });
  await rm(dir, { recursive: true, force: true });
});
