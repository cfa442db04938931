// Notifications against a real SMTP server (backend/tests/smtp/server.py, started here):
// the settings page's test button in en, es and eu (the mail arrives, in the admin's
// language; a refused recipient shows the 550; a malformed address a field error and no
// mail), and the notification history page with the rows of a real failed run (one sent,
// one refused with the 550), its status filter in the address, its text in es and eu, and
// no sideways scrolling at 390 px.
//
// The mail settings are pointed at the test server through the API and put back after.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { request as playwrightRequest } from 'playwright-core';

import {
  BASE_URL,
  apiCall,
  apiCleanup,
  apiJob,
  apiLogin,
  browserForFile,
  login,
  restoreEnglish,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = path.join(ROOT, '.venv/bin/python');
const SMTP_SERVER = path.join(ROOT, 'backend/tests/smtp/server.py');

const browser = browserForFile();

/** The SMTP server's process, the directory of the mails it accepted, and our API session. */
let smtp;
let outDir;
let api;
let settingsBefore;
/** Clients to delete at the end. */
const clients = [];

/** Starts the SMTP server and resolves with its port (the first line it prints). */
async function startSmtp(dir) {
  const child = spawn(PYTHON, [SMTP_SERVER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the SMTP server exited (${code}) before it was ready`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n');
      if (line.length > 1) resolve(Number(line[0]));
    });
  });
  assert.ok(port > 0, `the SMTP server printed no port: ${out}`);
  return { child, port };
}

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-smtp-'));
  smtp = await startSmtp(outDir);
  api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await apiLogin(api);
  settingsBefore = await apiCall(api, 'GET', '/api/settings');
  const { mail_password_set: _set, ...rest } = settingsBefore;
  await apiCall(api, 'PUT', '/api/settings', {
    ...rest,
    mail_host: '127.0.0.1',
    mail_port: smtp.port,
    mail_tls: 'none',
    // No user: no authentication (the stored password, if any, is kept and unused).
    mail_user: '',
    mail_from: 'elkarbackup@example.org',
    // For the run link in the mails, and the language of mails to plain addresses.
    instance_url: BASE_URL,
    default_language: 'eu',
  });
});

after(async () => {
  try {
    for (const id of clients) await apiCleanup(api, `/api/clients/${id}`);
    if (settingsBefore) {
      // Without `mail_password` the stored one (never changed here) stays.
      const { mail_password_set: _set, ...rest } = settingsBefore;
      await apiCall(api, 'PUT', '/api/settings', rest);
    }
  } finally {
    await api?.dispose();
    if (smtp) {
      // The server stops when its standard input closes.
      const exited = once(smtp.child, 'exit');
      smtp.child.stdin.end();
      await exited;
    }
    if (outDir) await rm(outDir, { recursive: true, force: true });
  }
});

/** Every mail the SMTP server accepted so far, with its file name. */
async function mails() {
  const names = (await readdir(outDir)).filter((n) => n.endsWith('.json'));
  return Promise.all(
    names.map(async (file) => ({ file, ...JSON.parse(await readFile(path.join(outDir, file), 'utf8')) })),
  );
}

/** The mails accepted for `address`. */
async function mailsTo(address) {
  return (await mails()).filter((m) => m.rcpt_tos.includes(address));
}

/** Polls `probe` until it returns a truthy value (or fails after `seconds`). */
async function eventually(what, probe, seconds = 60) {
  for (let i = 0; i < seconds * 4; i += 1) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The test mail is rendered in the admin's saved language (backend/i18n/*/backend.ftl).
const TEST_MAIL = {
  en: { button: 'Send a test mail', subject: '[ElkarBackup] Test message', sent: 'The mail server accepted the message', failed: 'The mail was not sent', invalid: 'This value is not valid.' },
  es: { button: 'Enviar correo de prueba', subject: '[ElkarBackup] Mensaje de prueba', sent: 'El servidor de correo aceptó el mensaje', failed: 'No se envió el correo', invalid: 'Este valor no es válido.' },
  eu: { button: 'Bidali proba-mezua', subject: '[ElkarBackup] Proba-mezua', sent: 'Posta-zerbitzariak mezua onartu du', failed: 'Mezua ez da bidali', invalid: 'Balio hau ez da baliozkoa.' },
};

test('the test button sends a real mail in the admin language, and tells a refusal and a bad address', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    try {
      await login(page);
      await page.locator('nav [data-testid="nav-settings"]').click();
      await page.locator('#mail-test-send').waitFor();
      for (const lang of ['en', 'es', 'eu']) {
        const texts = TEST_MAIL[lang];
        if (lang !== 'en') await switchLanguage(page, lang);
        await page.locator('#mail-test-send', { hasText: texts.button }).waitFor();

        // Accepted: the alert shows the server's reply, which names the file it wrote.
        const to = `${unique(`test-${lang}`)}@example.org`;
        await page.locator('#mail-test-to').fill(to);
        await page.locator('#mail-test-send').click();
        const ok = page.locator('#mail-test-ok');
        await ok.waitFor();
        const okText = await ok.textContent();
        assert.ok(okText.includes(texts.sent), okText);
        const queued = okText.match(/250 2\.0\.0 Ok: queued as ([0-9a-f]{12})/);
        assert.ok(queued, `no SMTP reply in: ${okText}`);
        const [mail] = await eventually(`the mail to ${to}`, async () => {
          const found = await mailsTo(to);
          return found.length > 0 ? found : null;
        });
        assert.equal((await mailsTo(to)).length, 1);
        assert.ok(mail.file.startsWith(queued[1]), `${mail.file} is not ${queued[1]}`);
        assert.equal(mail.subject, texts.subject);
        assert.equal(mail.mail_from, 'elkarbackup@example.org');
        assert.equal(await page.locator('#mail-test-error').count(), 0);

        // Refused: the error alert shows the 550, and nothing arrives.
        const rejected = `${unique('reject')}@example.org`;
        await page.locator('#mail-test-to').fill(rejected);
        await page.locator('#mail-test-send').click();
        const error = page.locator('#mail-test-error');
        await error.waitFor();
        const errorText = await error.textContent();
        assert.ok(errorText.includes(texts.failed), errorText);
        assert.match(errorText, /550/);
        assert.equal(await page.locator('#mail-test-ok').count(), 0);

        // Malformed: a field error under the address, in this language, and no mail.
        const count = (await mails()).length;
        await page.locator('#mail-test-to').fill('not an address');
        await page.locator('#mail-test-send').click();
        const fieldError = page.locator('#mail-test-to-error');
        await fieldError.waitFor();
        assert.equal((await fieldError.textContent()).trim(), texts.invalid);
        assert.equal(await page.locator('#mail-test-to').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.locator('#mail-test-ok').count(), 0);
        assert.equal((await mails()).length, count);
      }
    } finally {
      await restoreEnglish(context);
    }
  });
});

/**
 * A client whose ssh host does not answer (127.0.0.1 port 1), a job that mails two plain
 * addresses on errors (one the SMTP server refuses), run once to its failure; resolves
 * when both notifications have their final status. Made once for the tests below.
 */
let failedRun;
function jobWithFailedRun() {
  failedRun ??= (async () => {
    const name = unique('e2e-notify');
    const client = await apiCall(api, 'POST', '/api/clients', {
      name,
      connection: { kind: 'ssh', user: 'root', host: '127.0.0.1', port: 1 },
    });
    clients.push(client.id);
    const job = await apiJob(api, client.id, {
      source_path: '/srv/data/',
      notifications: {
        admin: false,
        owner: false,
        emails: ['ops@example.org', 'reject-me@example.org'],
        threshold: 'error',
      },
    });
    const run = await apiCall(api, 'POST', `/api/jobs/${job.id}/run`);
    const done = await eventually(`run ${run.id} to finish`, async () => {
      const r = await apiCall(api, 'GET', `/api/runs/${run.id}`);
      return r.state === 'finished' ? r : null;
    });
    assert.equal(done.result, 'failed', JSON.stringify(done));
    const rows = await eventually('both notifications delivered or failed', async () => {
      const p = await apiCall(api, 'GET', `/api/notifications?job_id=${job.id}`);
      const final = p.items.filter((n) => n.status === 'sent' || n.status === 'failed');
      return p.items.length === 2 && final.length === 2 ? p.items : null;
    });
    return { name, client, job, run, rows };
  })();
  return failedRun;
}

const historyRows = (page) => page.locator('[data-testid="notification-row"]');

/** The row of `recipient` on the page. */
const rowOf = (page, recipient) => historyRows(page).filter({ hasText: recipient });

test('the history shows the run notifications: one sent, one refused; the status filter is in the address', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const { name, job, run } = await jobWithFailedRun();

    // Opened from the menu, then narrowed to this job (other tests share the server).
    await page.locator('nav [data-testid="nav-notifications"]').click();
    await page.locator('#page-title', { hasText: 'Notifications' }).waitFor();
    await page.goto(`/notifications?job_id=${job.id}`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="notification-row"]').length === 2,
    );
    const sent = rowOf(page, 'ops@example.org');
    assert.equal(await sent.getAttribute('data-status'), 'sent');
    assert.equal(await sent.locator('[data-testid="notification-status"]').textContent(), 'Sent');
    assert.match(await sent.locator('[data-testid="notification-answer"]').textContent(), /^250 /);
    assert.equal(await sent.locator(`a[href="/runs/${run.id}"]`).count(), 1);
    assert.equal(await sent.locator(`a[href="/jobs/${job.id}"]`).textContent(), `${name} / files`);
    const refused = rowOf(page, 'reject-me@example.org');
    assert.equal(await refused.getAttribute('data-status'), 'failed');
    assert.equal(await refused.locator('[data-testid="notification-status"]').textContent(), 'Failed');
    assert.match(await refused.locator('[data-testid="notification-answer"]').textContent(), /550/);

    // The accepted address got exactly one mail about this failed run, in the instance's
    // default language (it is a plain address), with the link to the run; the refused none.
    const about = (await mailsTo('ops@example.org')).filter((m) => m.subject.includes(name));
    assert.equal(about.length, 1, `mails for ops@example.org: ${about.map((m) => m.subject)}`);
    const [mail] = about;
    assert.deepEqual(mail.rcpt_tos, ['ops@example.org']);
    assert.equal(mail.subject, `[ElkarBackup] Huts egin du: ${name} / files`);
    assert.ok(mail.text.includes(`${BASE_URL}/runs/${run.id}`), mail.text);
    assert.equal((await mailsTo('reject-me@example.org')).length, 0);

    // The status filter goes to the address and narrows the rows; a reload keeps both.
    await page.locator('#notifications-status').selectOption('failed');
    await page.waitForURL((u) => u.searchParams.get('status') === 'failed');
    assert.equal(new URL(page.url()).searchParams.get('job_id'), String(job.id));
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="notification-row"]')];
      return rows.length === 1 && rows[0].dataset.status === 'failed';
    });
    await page.reload();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="notification-row"]')];
      return rows.length === 1 && rows[0].dataset.status === 'failed';
    });
    assert.equal(await page.locator('#notifications-status').inputValue(), 'failed');
    assert.match(await historyRows(page).first().textContent(), /reject-me@example\.org/);

    // Back to all statuses.
    await page.locator('#notifications-status').selectOption('');
    await page.waitForURL((u) => !u.searchParams.has('status'));
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="notification-row"]').length === 2,
    );
  });
});

test('the history page in Basque and Spanish', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    try {
      await login(page);
      const { job } = await jobWithFailedRun();
      await page.goto(`/notifications?job_id=${job.id}`);
      await historyRows(page).first().waitFor();
      for (const [lang, title, recipient, sentText, failedText] of [
        ['eu', 'Jakinarazpenak', 'Hartzailea', 'Bidalita', 'Huts egin du'],
        ['es', 'Avisos', 'Destinatario', 'Enviado', 'Fallido'],
      ]) {
        await switchLanguage(page, lang);
        await page.locator('#page-title', { hasText: title }).waitFor();
        await page.locator('#notifications-table th', { hasText: recipient }).waitFor();
        await rowOf(page, 'ops@example.org').locator('[data-testid="notification-status"]', { hasText: sentText }).waitFor();
        await rowOf(page, 'reject-me@example.org').locator('[data-testid="notification-status"]', { hasText: failedText }).waitFor();
      }
    } finally {
      await restoreEnglish(context);
    }
  });
});

test('at 390 px the history page does not scroll sideways', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      const { job } = await jobWithFailedRun();
      await page.goto(`/notifications?job_id=${job.id}`);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="notification-row"]').length === 2,
      );
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
      // Each notification is a card: its status and the server's answer are in view, not
      // scrolled off to the right inside the table.
      const refused = rowOf(page, 'reject-me@example.org');
      assert.equal(await refused.evaluate((e) => getComputedStyle(e).display), 'block');
      for (const part of ['notification-status', 'notification-answer']) {
        const box = await refused.locator(`[data-testid="${part}"]`).boundingBox();
        assert.ok(box && box.width > 0 && box.x >= 0 && box.x + box.width <= innerWidth, `${part}: ${JSON.stringify(box)}`);
      }
      await page.locator('#notifications-filters').waitFor();
    },
    { viewport: { width: 390, height: 844 } },
  );
});
