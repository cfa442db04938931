// The webhooks page against the real server and a real HTTP receiver started here: a
// webhook created through the form with a secret, listed, tested (the receiver gets the
// signed JSON body and its reply is shown), its secret never shown again, deleted; bad
// input refused with localised field errors; the list at 390 px; the form in es and eu.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  browserForFile,
  idInUrl,
  login,
  restoreEnglish,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

/** A tiny webhook receiver on 127.0.0.1 (random port) that records every request. */
const receiver = { server: null, url: '', requests: [], reply: unique('received') };

before(async () => {
  receiver.server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      receiver.requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(receiver.reply);
    });
  });
  await new Promise((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${receiver.server.address().port}/hook`;
});

after(async () => {
  await new Promise((resolve) => receiver.server?.close(resolve));
});

/** The webhooks whose name starts with `prefix`, through the API. */
async function webhooksNamed(request, prefix) {
  const all = await apiCall(request, 'GET', '/api/webhooks');
  return all.filter((w) => w.name.startsWith(prefix));
}

test('create a webhook with a secret, test it, and delete it', async (t) => {
  await withPage(browser(), t, async (page) => {
    const name = unique('e2e-webhook');
    const secret = unique('s3cret');
    let id;
    try {
      await login(page);
      await page.locator('nav [data-testid="nav-webhooks"]').click();
      await page.locator('#webhook-new').click();
      await page.locator('#webhook-name').fill(name);
      await page.locator('#webhook-url').fill(receiver.url);
      assert.equal(await page.locator('#webhook-url').getAttribute('type'), 'url');
      await page.locator('#webhook-event-run-failed').check();
      await page.locator('#webhook-event-job-late').check();
      await page.locator('#webhook-event-job-late-help', { hasText: 'expected run' }).waitFor();
      await page.locator('#webhook-secret').fill(secret);
      await page.locator('#webhook-save').click();
      await page.locator('#webhook-saved').waitFor();
      id = idInUrl(page);

      // The secret is write-only: stored, never shown or returned again.
      await page.locator('#webhook-secret-help', { hasText: 'A secret is stored' }).waitFor();
      assert.equal(await page.locator('#webhook-secret').inputValue(), '');
      assert.ok(!(await page.content()).includes(secret));
      const stored = await apiCall(page.request, 'GET', `/api/webhooks/${id}`);
      assert.equal(stored.secret_set, true);
      assert.ok(!JSON.stringify(stored).includes(secret));
      assert.deepEqual([...stored.events].sort(), ['job_late', 'run_failed']);
      assert.equal(stored.url, receiver.url);

      // The list shows it with its address, its events in words and the secret marker.
      await page.locator('#webhook-back').click();
      const row = page.locator(`tr[data-webhook-name="${name}"]`);
      await row.waitFor();
      assert.equal(await row.locator('[data-testid="webhook-url"]').innerText(), receiver.url);
      const events = await row.locator('[data-testid="webhook-events"]').innerText();
      assert.match(events, /Backup failed/);
      assert.match(events, /Job late/);
      assert.equal(await row.locator('[data-testid="webhook-secret"]').innerText(), 'Secret set');
      assert.ok(!(await page.content()).includes(secret));

      // "Send a test": the receiver gets a signed JSON body and its reply is shown.
      await row.locator(`a[href="/webhooks/${id}"]`).first().click();
      await page.locator('#webhook-form').waitFor();
      const before = receiver.requests.length;
      await page.locator('#webhook-test-send').click();
      await page.locator('#webhook-test-ok', { hasText: receiver.reply }).waitFor();
      assert.equal(receiver.requests.length, before + 1);
      const got = receiver.requests[before];
      assert.equal(got.method, 'POST');
      assert.equal(got.url, '/hook');
      assert.match(got.headers['content-type'], /application\/json/);
      assert.equal(JSON.parse(got.body.toString('utf8')).event, 'test');
      const expected = `sha256=${createHmac('sha256', secret).update(got.body).digest('hex')}`;
      assert.equal(got.headers['x-elkarbackup-signature'], expected);

      // Removing the stored secret: the next test arrives unsigned.
      await page.locator('#webhook-secret-forget').check();
      await page.locator('#webhook-save').click();
      await page.locator('#webhook-secret-help', { hasText: 'No secret is stored' }).waitFor();
      await page.locator('#webhook-test-send').click();
      await page.locator('#webhook-test-ok', { hasText: receiver.reply }).waitFor();
      assert.equal(receiver.requests.length, before + 2);
      assert.equal(receiver.requests[before + 1].headers['x-elkarbackup-signature'], undefined);

      await page.locator('#webhook-delete').click();
      await page.locator('#delete-dialog [data-testid="confirm-ok"]').click();
      await page.waitForURL('**/webhooks');
      await page.locator('#webhooks-notice, #webhooks-empty, #webhooks-table').first().waitFor();
      assert.equal(await page.locator(`tr[data-webhook-name="${name}"]`).count(), 0);
      const gone = await page.request.get(`/api/webhooks/${id}`);
      assert.equal(gone.status(), 404);
      id = undefined;
    } finally {
      if (id) await apiCleanup(page.request, `/api/webhooks/${id}`);
    }
  });
});

test('a failing webhook tells the error', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    // A port nobody listens on: a closed receiver.
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const hook = await apiCall(page.request, 'POST', '/api/webhooks', {
      name: unique('e2e-webhook-down'),
      url: `http://127.0.0.1:${port}/`,
      events: ['run_failed'],
    });
    try {
      await page.goto(`/webhooks/${hook.id}`);
      await page.locator('#webhook-form').waitFor();
      await page.locator('#webhook-test-send').click();
      await page.locator('#webhook-test-error', { hasText: 'The message was not delivered' }).waitFor();
      assert.equal(await page.locator('#webhook-test-ok').count(), 0);
    } finally {
      await apiCleanup(page.request, `/api/webhooks/${hook.id}`);
    }
  });
});

test('bad input shows field errors and creates nothing', async (t) => {
  await withPage(browser(), t, async (page) => {
    const prefix = unique('e2e-webhook-bad');
    await login(page);
    await page.goto('/webhooks/new');
    await page.locator('#webhook-form').waitFor();
    // A new webhook starts with "Backup failed" ticked: untick it for "no event".
    await page.locator('#webhook-event-run-failed').uncheck();
    await page.locator('#webhook-url').fill('ftp://x');
    await page.locator('#webhook-save').click();
    await page.locator('#webhook-name-error', { hasText: 'required' }).waitFor();
    await page.locator('#webhook-url-error', { hasText: 'not valid' }).waitFor();
    await page.locator('#webhook-events-error', { hasText: 'required' }).waitFor();
    await page.locator('#webhook-error').waitFor();
    assert.equal(new URL(page.url()).pathname, '/webhooks/new');

    // The same input sent by hand: the server refuses it field by field.
    const r = await page.request.post('/api/webhooks', {
      headers: { 'x-elkarbackup-csrf': '1' },
      data: { name: prefix, url: 'ftp://x', events: [] },
    });
    assert.equal(r.status(), 422);
    const fields = (await r.json()).fields.map((f) => f.field).sort();
    assert.deepEqual(fields, ['events', 'url']);

    // In Spanish the same problems are told in Spanish.
    try {
      await switchLanguage(page, 'es');
      await page.locator('#webhook-name').fill(prefix);
      await page.locator('#webhook-save').click();
      await page.locator('#webhook-url-error', { hasText: 'no es válido' }).waitFor();
      await page.locator('#webhook-events-error', { hasText: 'obligatorio' }).waitFor();
      assert.equal(await page.locator('#webhook-name-error').count(), 0);
    } finally {
      await restoreEnglish(page.context());
    }
    assert.deepEqual(await webhooksNamed(page.request, prefix), []);
  });
});

test('at 390 px the list does not scroll sideways, even with a long address', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      const hook = await apiCall(page.request, 'POST', '/api/webhooks', {
        name: unique('e2e-webhook-wide'),
        url: `https://ntfy.example.org/${'a-very-long-topic-name-'.repeat(8)}end?token=${'x'.repeat(60)}`,
        events: ['run_failed', 'run_warning', 'run_recovered', 'job_late', 'job_on_time'],
        secret: 'wide',
      });
      try {
        await page.goto('/webhooks');
        await page.locator(`tr[data-webhook-id="${hook.id}"]`).waitFor();
        const overflow = await page.evaluate(() => {
          const doc = document.documentElement;
          const wrap = document.querySelector('#webhooks-table').closest('.table-wrap');
          return { page: doc.scrollWidth - doc.clientWidth, table: wrap.scrollWidth - wrap.clientWidth };
        });
        assert.deepEqual(overflow, { page: 0, table: 0 });
      } finally {
        await apiCleanup(page.request, `/api/webhooks/${hook.id}`);
      }
    },
    { viewport: { width: 390, height: 844 } },
  );
});

test('the form speaks Spanish and Basque', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    try {
      await login(page);
      await page.goto('/webhooks/new');
      await page.locator('#webhook-form').waitFor();
      const texts = async () => ({
        name: await page.locator('label[for="webhook-name"]').innerText(),
        event: await page.locator('label:has(#webhook-event-run-failed)').innerText(),
        help: await page.locator('#webhook-event-job-on-time-help').innerText(),
        nav: await page.locator('nav [data-testid="nav-webhooks"]').innerText(),
      });
      await switchLanguage(page, 'es');
      const es = await texts();
      assert.match(es.name, /Nombre/);
      assert.equal(es.event.trim(), 'Copia fallida');
      assert.match(es.help, /tarea retrasada/);
      await page.locator('#webhook-help', { hasText: 'X-ElkarBackup-Signature' }).waitFor();
      await switchLanguage(page, 'eu');
      const eu = await texts();
      assert.match(eu.name, /Izena/);
      assert.match(eu.help, /Atzeratutako lan/);
      assert.equal(eu.nav.trim(), 'Webhookak');
      assert.equal(eu.event.trim(), 'Babeskopiak huts egin du');
    } finally {
      await restoreEnglish(context);
    }
  });
});
