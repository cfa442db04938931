// Replication pages: on a primary the accesses (created with a generated key, token shown
// once, listed, bad key and injected from-address refused in en and es, revoked); on a
// replica a source pointing at this same server and a real sshd started here (host key
// pending → accept dialog → accepted, validation errors in es and eu, the token never
// shown again); a copied client (rows made in the database) with its badge, no edit,
// and the take-over that makes it editable; every page at 390×844 without sideways
// scrolling.
//
// Environment: besides lib.mjs's, E2E_DATABASE_URL (psql runs with an argument vector).

import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';

import { apiCall, apiCleanup, BASE_URL, browserForFile, idInUrl, login, restoreEnglish, sidewaysScroll, switchLanguage, unique, withPage } from './lib.mjs';

const browser = browserForFile();
const run = promisify(execFile);

/** Runs one SQL statement on the server's database and returns its output. */
function sql(statement) {
  const url = process.env.E2E_DATABASE_URL;
  assert.ok(url, 'E2E_DATABASE_URL is not set');
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], { encoding: 'utf8' }).trim();
}

/** A fresh ed25519 public key. */
async function newKey() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-repl-key-'));
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'replica', '-f', path.join(dir, 'k')]);
  const key = (await readFile(path.join(dir, 'k.pub'), 'utf8')).trim();
  await rm(dir, { recursive: true, force: true });
  return key;
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real sshd on 127.0.0.1 with its own host key: its port, fingerprint and `stop`. */
async function startSshd() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-repl-sshd-'));
  const hostKey = path.join(dir, 'host_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const fingerprint = (await run('ssh-keygen', ['-lf', `${hostKey}.pub`])).stdout.split(/\s+/)[1];
  await writeFile(path.join(dir, 'authorized_keys'), '');
  await mkdir('/run/sshd', { recursive: true });
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  await writeFile(config, [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKey}`, `PidFile ${dir}/sshd.pid`,
    `AuthorizedKeysFile ${dir}/authorized_keys`, 'PasswordAuthentication no', 'UsePAM no', 'StrictModes no', 'LogLevel ERROR', ''].join('\n'));
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: 'ignore' });
  for (let i = 0; ; i += 1) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100) throw new Error('sshd did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { port, fingerprint, stop: async () => { child.kill(); await rm(dir, { recursive: true, force: true }); } };
}

/** The page fits a phone: nothing scrolls sideways. */
async function fitsPhone(page) {
  const wide = await sidewaysScroll(page);
  assert.ok(wide <= 0, `${page.url()} scrolls sideways by ${wide}px`);
}

const PHONE = { viewport: { width: 390, height: 844 } };

test('replication accesses: created with a key, token once, refused inputs in en and es, revoked', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    await login(page);
    const name = unique('e2e-replica');
    await page.goto('/replication-accesses/new');
    // A bad key and an injected from-address are refused at their fields.
    await page.fill('#replication-access-name', name);
    await page.fill('#replication-access-key', 'not a key');
    await page.fill('#replication-access-from', '1.2.3.4",command="sh');
    await page.click('#replication-access-save');
    await page.locator('#replication-access-key-error').waitFor();
    await page.locator('#replication-access-from-error').waitFor();
    await switchLanguage(page, 'es');
    await page.click('#replication-access-save');
    await page.getByText('Revisa', { exact: false }).first().waitFor().catch(() => {});
    assert.notEqual(await page.textContent('#replication-access-key-error'), '');
    await fitsPhone(page);
    await restoreEnglish(context);
    await page.goto('/replication-accesses/new');
    await page.fill('#replication-access-name', name);
    await page.fill('#replication-access-key', await newKey());
    await page.click('#replication-access-save');
    const token = await page.inputValue('#token-secret');
    assert.match(token, /^ebr_/);
    assert.match(await page.inputValue('#replication-access-endpoint'), /^[^@]+@[^:]+:\d+$/);
    assert.match(await page.inputValue('#replication-access-line'), /^restrict,command="\S+ replication-gate --rrsync \S+ \S+" ssh-ed25519 /);
    await page.click('#token-secret-dismiss');
    await page.waitForURL('**/replication-accesses');
    const row = page.locator(`[data-testid="replication-access-row"][data-access-name="${name}"]`);
    await row.waitFor();
    assert.ok(!(await page.content()).includes(token), 'the token is never listed');
    assert.match(await row.locator('[data-testid="replication-access-fingerprint"]').textContent(), /^SHA256:/);
    await row.locator('[data-testid="replication-access-revoke"]').click();
    await page.click('#revoke-dialog-confirm');
    await row.locator('[data-testid="replication-access-revoked"]').waitFor();
  }, PHONE);
});

test('replication source: validation in es and eu, host key accepted, token never shown', async (t) => {
  const sshd = await startSshd();
  t.after(sshd.stop);
  await withPage(browser(), t, async (page, context) => {
    await login(page);
    const access = await apiCall(page.request, 'POST', '/api/replication-accesses', { name: unique('e2e-self'), public_key: await newKey() });
    let sourceId = null;
    try {
      const policies = (await apiCall(page.request, 'GET', '/api/policies')).items;
      const locations = (await apiCall(page.request, 'GET', '/api/locations')).items;
      for (const lang of ['es', 'eu']) {
        await switchLanguage(page, lang);
        await page.goto('/replications/new');
        await page.fill('#replication-url', 'ftp://nowhere');
        await page.click('#replication-save');
        await page.locator('#replication-url-error').waitFor();
        await fitsPhone(page);
      }
      await restoreEnglish(context);
      const name = unique('e2e-primary');
      await page.goto('/replications/new');
      await page.fill('#replication-name', name);
      await page.fill('#replication-url', BASE_URL);
      await page.fill('#replication-token', access.token);
      await page.fill('#replication-ssh-host', '127.0.0.1');
      await page.fill('#replication-ssh-port', String(sshd.port));
      await page.locator('input[id^="replication-map-primary-"]').first().fill(String(locations[0].id));
      await page.locator('select[id^="replication-map-local-"]').first().selectOption(String(locations[0].id));
      await page.selectOption('#replication-policy', String(policies[0].id));
      assert.equal(await page.isChecked('#replication-delete-vanished'), false, 'off by default');
      await page.click('#replication-save');
      await page.waitForURL(/\/replications\/\d+/);
      sourceId = idInUrl(page);
      assert.equal(await page.inputValue('#replication-token'), '', 'the token is never shown again');
      assert.match(await page.textContent('#replication-token-help'), /stored/);
      assert.match(await page.inputValue('#replication-public-key'), /^ssh-/);
      await page.click('#replication-run');
      await page.locator('#replication-host-key[data-state="pending"]').waitFor({ timeout: 20000 });
      await page.click('#replication-host-accept');
      assert.equal((await page.textContent('#accept-fingerprint')).trim(), sshd.fingerprint);
      await page.click('#accept-dialog-confirm');
      await page.locator('#replication-host-key[data-state="accepted"]').waitFor();
      await fitsPhone(page);
    } finally {
      if (sourceId !== null) await apiCleanup(page.request, `/api/replications/${sourceId}`);
      await apiCleanup(page.request, `/api/replication-accesses/${access.id}/revoke`);
    }
  }, PHONE);
});

test('a copied client shows its badge, cannot be edited, and is editable after the take-over', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const name = unique('e2e-copied');
    const client = await apiCall(page.request, 'POST', '/api/clients', { name, connection: { kind: 'local' } });
    sql(`UPDATE clients SET copy_of = 'backup1', primary_id = ${client.id} WHERE id = ${client.id}`);
    await page.goto('/jobs');
    const row = page.locator(`[data-testid="client-row"][data-client-name="${name}"]`);
    await row.locator('[data-testid="copy-badge"]').waitFor();
    assert.equal(await row.locator('[data-testid="client-edit"]').count(), 0);
    await page.goto(`/clients/${client.id}`);
    await page.locator('#client-copy').waitFor();
    assert.ok(await page.locator('#client-name').isDisabled());
    assert.equal(await page.locator('#client-run').count(), 0);
    await fitsPhone(page);
    await page.click('#client-take-over');
    await page.click('#take-over-dialog-confirm');
    await page.locator('#take-over-notice').waitFor();
    assert.ok(await page.locator('#client-name').isEnabled());
    await page.locator('#client-key').waitFor().catch(() => {});
    await apiCall(page.request, 'DELETE', `/api/clients/${client.id}`);
  }, PHONE);
});
