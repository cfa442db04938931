// The Logs page: opened from the menu; filters go to the address and narrow the rows, a
// reload keeps them, the CSV link carries them; with Live on, a record written while the
// page is open appears on top; a bad day in the address is explained; the page in eu, es
// and en; and at 390 px wide, cards without horizontal page scrolling.

import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  apiJob,
  apiLocalClient,
  browserForFile,
  finished,
  login,
  restoreEnglish,
  sidewaysScroll,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

/** A local client with one job over a small directory, run once to its end. */
async function clientWithRun(request) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-logs-'));
  await writeFile(path.join(dir, 'a.txt'), 'a\n');
  const name = unique('e2e-logs');
  const client = await apiLocalClient(request, name);
  const job = await apiJob(request, client.id, { source_path: `${dir}/`, use_local_permissions: false });
  const run = await apiCall(request, 'POST', `/api/jobs/${job.id}/run`);
  await finished(request, run.id, 60);
  return { name, client, job, run };
}

const rows = (page) => page.locator('[data-testid="log-row"]');

/** The attribute `name` of every row shown. */
function rowAttributes(page, name) {
  return rows(page).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
}

/** Waits until every row shown has `value` in attribute `name` (and there are rows). */
async function allRows(page, name, value) {
  await page.waitForFunction(
    ([n, v]) => {
      const els = [...document.querySelectorAll('[data-testid="log-row"]')];
      return els.length > 0 && els.every((e) => e.getAttribute(n) === v);
    },
    [name, value],
  );
}

test('filters live in the address, survive a reload and go with the CSV link; Live shows new records', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const { name, client, job, run } = await clientWithRun(page.request);
    try {
      await page.locator('nav [data-testid="nav-logs"]').click();
      await page.locator('#page-title', { hasText: 'Logs' }).waitFor();
      await rows(page).first().waitFor();

      // The client: the address says so, and every row is about that client.
      await page.locator(`#logs-client option[value="${client.id}"]`).waitFor({ state: 'attached' });
      await page.locator('#logs-client').selectOption(String(client.id));
      await page.waitForURL((u) => u.searchParams.get('client_id') === String(client.id));
      await page.waitForFunction(
        (n) => {
          const links = [...document.querySelectorAll('[data-testid="log-row"] [data-testid="log-client"]')];
          const rowCount = document.querySelectorAll('[data-testid="log-row"]').length;
          return rowCount > 0 && links.length === rowCount && links.every((a) => a.textContent === n);
        },
        name,
      );
      const codes = await rowAttributes(page, 'data-code');
      assert.ok(codes.includes('run_queued') && codes.includes('run_finished'), codes.join());
      // The run and job links lead to their pages.
      const finishedRow = page.locator('[data-testid="log-row"][data-code="run_finished"]').first();
      assert.equal(await finishedRow.locator('[data-testid="log-run"]').getAttribute('href'), `/runs/${run.id}`);
      assert.equal(await finishedRow.locator('[data-testid="log-job"]').getAttribute('href'), `/jobs/${job.id}`);
      assert.equal(await finishedRow.locator('[data-testid="log-code"]').textContent(), 'Run finished');

      // The source narrows further; the text search too.
      await page.locator('#logs-source').selectOption('api');
      await page.waitForURL((u) => u.searchParams.get('source') === 'api');
      await allRows(page, 'data-source', 'api');
      await page.locator('#logs-source').selectOption('run');
      await page.waitForURL((u) => u.searchParams.get('source') === 'run');
      await page.locator('#logs-search').fill('FINISHED');
      await page.waitForURL((u) => u.searchParams.get('q') === 'FINISHED');
      await allRows(page, 'data-code', 'run_finished');

      // A reload keeps the filters: the fields and the rows.
      const before = await rowAttributes(page, 'data-log-id');
      await page.reload();
      await allRows(page, 'data-code', 'run_finished');
      assert.deepEqual(await rowAttributes(page, 'data-log-id'), before);
      assert.equal(await page.locator('#logs-client').inputValue(), String(client.id));
      assert.equal(await page.locator('#logs-source').inputValue(), 'run');
      assert.equal(await page.locator('#logs-search').inputValue(), 'FINISHED');

      // The CSV link carries the same filters, and the file holds the same records.
      const href = await page.locator('#logs-export').getAttribute('href');
      const url = new URL(href, page.url());
      assert.equal(url.pathname, '/api/logs.csv');
      assert.equal(url.searchParams.get('client_id'), String(client.id));
      assert.equal(url.searchParams.get('source'), 'run');
      assert.equal(url.searchParams.get('q'), 'FINISHED');
      const csv = await (await page.request.get(url.toString())).text();
      const lines = csv.trim().split('\n');
      assert.match(lines[0], /^time,level,source,code,detail,client_id,client,/);
      assert.equal(lines.length - 1, before.length, csv);
      assert.ok(lines.slice(1).every((l) => l.includes(',run_finished,')), csv);

      // Live: a run queued now shows its record on top without a reload.
      await page.locator('#logs-search').fill('');
      await page.waitForURL((u) => !u.searchParams.has('q'));
      await page.locator('#logs-source').selectOption('api');
      await allRows(page, 'data-code', 'run_queued');
      const queuedBefore = await rows(page).count();
      // Turning Live on loads the list once more; after that, no request brings rows.
      const reloaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/logs');
      await page.locator('#logs-live').check();
      await reloaded;
      const listLoads = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/logs') listLoads.push(r.url());
      });
      const again = await apiCall(page.request, 'POST', `/api/jobs/${job.id}/run`);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="log-row"]').length === n + 1,
        queuedBefore,
      );
      const top = rows(page).first();
      assert.equal(await top.getAttribute('data-code'), 'run_queued');
      assert.equal(await top.locator('[data-testid="log-run"]').getAttribute('href'), `/runs/${again.id}`);
      await allRows(page, 'data-source', 'api');
      assert.deepEqual(listLoads, [], 'the new record came with a reload, not live');
      await finished(page.request, again.id, 60);
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
});

test('a bad day in the address is explained', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await page.goto('/logs?from=yesterday');
    await page.locator('#logs-error').waitFor();
    assert.match(await page.locator('#logs-error').textContent(), /not valid/);
  });
});

test('the Logs page in Basque, Spanish and English', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    try {
      await login(page);
      const { client } = await clientWithRun(page.request);
      try {
        await page.goto(`/logs?client_id=${client.id}&source=run`);
        await rows(page).first().waitFor();
        for (const [lang, heading, level, finishedText] of [
          ['eu', 'Maila', 'Maila guztiak', 'Exekuzioa amaituta'],
          ['es', 'Nivel', 'Todos los niveles', 'Ejecución terminada'],
          ['en', 'Level', 'All levels', 'Run finished'],
        ]) {
          await switchLanguage(page, lang);
          await page.locator('#logs-table th', { hasText: heading }).waitFor();
          await page.locator('#logs-level option', { hasText: level }).waitFor({ state: 'attached' });
          await page.locator('[data-testid="log-code"]', { hasText: finishedText }).first().waitFor();
        }
      } finally {
        await apiCleanup(page.request, `/api/clients/${client.id}`);
      }
    } finally {
      await restoreEnglish(context);
    }
  });
});

test('at 390 px the records are cards and the page does not scroll sideways', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      const { client } = await clientWithRun(page.request);
      try {
        await page.goto(`/logs?client_id=${client.id}`);
        await rows(page).first().waitFor();
        const overflow = await sidewaysScroll(page);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        const display = await rows(page).first().evaluate((e) => getComputedStyle(e).display);
        assert.equal(display, 'block');
        await page.locator('#logs-filters').waitFor();
      } finally {
        await apiCleanup(page.request, `/api/clients/${client.id}`);
      }
    },
    { viewport: { width: 390, height: 844 } },
  );
});
