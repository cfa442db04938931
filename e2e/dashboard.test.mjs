// The dashboard (`/`, issue 15): the health board after a successful, a failed and a
// late job (counts, filter by count, a tile opens its job), a tile that turns from
// running to OK live while "Running now" lists it, the page at 1366×860 and 390×844 in
// eu, es and en without sideways scrolling (screenshots kept under e2e/screenshots/), the
// jobs list's cards on a phone, and an operator who sees only their own clients' tiles.
// The charts are in dashboard_charts.test.mjs, the fixture in dashboard_fixture.mjs
// (which needs E2E_DATABASE_URL).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  attrs,
  boardForFile,
  gotoDashboard,
  MIB,
  overflow,
  shot,
} from './dashboard_fixture.mjs';
import {
  apiCall,
  apiCleanup,
  BASE_URL,
  browserForFile,
  CSRF,
  finished,
  login,
  restoreEnglish,
  switchLanguage,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();
const board = boardForFile();

test('the board shows each job\'s state and the counts; a count filters the board, a tile opens its job', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    assert.equal(board.homeRuns[1].result, 'ok');
    assert.equal(board.brokenRun.result, 'failed');
    await gotoDashboard(page);

    const tile = (job) => page.locator(`a[data-testid="tile"][data-job-id="${job.id}"]`);
    const expected = [
      [board.home, 'ok'],
      [board.broken, 'failed'],
      [board.archive, 'late'],
      [board.fresh, 'never_ran'],
      [board.postgres, 'ok'],
      [board.retired, 'inactive'],
    ];
    for (const [job, health] of expected) {
      assert.equal(await tile(job).getAttribute('data-health'), health, job.name);
    }
    // The tiles sit under their client's heading.
    const group = page.locator(`[data-testid="client-tiles"][data-client-id="${board.client.id}"]`);
    assert.equal(await group.locator('[data-testid="tile"]').count(), 4);
    assert.match(await group.textContent(), new RegExp(`${board.tag}-host`));
    // The strip holds the runs with their results, the latest last.
    const homeMarks = await attrs(page, `a[data-job-id="${board.home.id}"] [data-testid="strip-mark"]`, 'data-run-id');
    assert.deepEqual(homeMarks, board.homeRuns.map((r) => String(r.id)));
    assert.equal(
      await tile(board.broken).locator(`[data-testid="strip-mark"][data-run-id="${board.brokenRun.id}"]`).getAttribute('data-result'),
      'failed',
    );
    assert.equal(await tile(board.archive).locator('[data-testid="strip-mark"]').count(), 0);
    await tile(board.archive).locator('[data-testid="tile-late"]').waitFor();

    // Each count is the API's, and at least ours.
    const api = await apiCall(page.request, 'GET', '/api/dashboard?per_page=100');
    for (const h of ['ok', 'warning', 'failed', 'late', 'running', 'never_ran', 'inactive']) {
      const button = page.locator(`button[data-testid="health-count"][data-health="${h}"]`);
      assert.equal(await button.getAttribute('data-count'), String(api.counts[h]), h);
      assert.equal(await button.getAttribute('aria-pressed'), 'false', h);
    }
    for (const h of ['ok', 'failed', 'late', 'never_ran', 'inactive']) assert.ok(api.counts[h] >= 1, h);
    const shown = await page.locator('[data-testid="tile"]').count();
    assert.equal(shown, api.tiles.items.length);

    // A count filters the board (and the address); pressed again, it shows everything.
    const failedCount = page.locator('button[data-testid="health-count"][data-health="failed"]');
    await failedCount.click();
    await page.waitForURL((u) => u.search === '?health=failed');
    await page.locator('[data-testid="dashboard"][data-loaded="true"]').waitFor();
    await tile(board.home).waitFor({ state: 'detached' });
    assert.equal(await failedCount.getAttribute('aria-pressed'), 'true');
    const healths = await attrs(page, '[data-testid="tile"]', 'data-health');
    assert.equal(healths.length, api.counts.failed);
    assert.ok(healths.every((h) => h === 'failed'), healths.join());
    await tile(board.broken).waitFor();
    // A reload keeps the filter.
    await gotoDashboard(page, '/?health=failed');
    assert.equal(await failedCount.getAttribute('aria-pressed'), 'true');
    assert.equal(await tile(board.home).count(), 0);
    await tile(board.broken).waitFor();

    await page.locator('button[data-testid="health-count"][data-health="late"]').click();
    await page.waitForURL((u) => u.search === '?health=late');
    await tile(board.archive).waitFor();
    await tile(board.broken).waitFor({ state: 'detached' });
    assert.equal(await failedCount.getAttribute('aria-pressed'), 'false');
    await page.locator('button[data-testid="health-count"][data-health="late"]').click();
    await page.waitForURL((u) => u.search === '');
    await tile(board.home).waitFor();
    assert.equal(await page.locator('[data-testid="tile"]').count(), shown);

    // A tile opens its job.
    await tile(board.broken).click();
    await page.waitForURL(`${BASE_URL}/jobs/${board.broken.id}`);
    await page.locator('#job-facts').waitFor();
  });
});

test('a tile turns from running to OK live, listed under "Running now" while it runs', async (t) => {
  // 16 MiB at about 2 MB/s: some 8 s of copying.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-dash-slow-'));
  for (let i = 0; i < 16; i += 1) await writeFile(path.join(dir, `part-${i}.bin`), randomBytes(MIB));
  await withPage(browser(), t, async (page) => {
    await login(page);
    const client = await apiCall(page.request, 'POST', '/api/clients', {
      name: unique('e2e-dash-live'),
      connection: { kind: 'local' },
      rsync_options: ['--bwlimit=2000'],
    });
    let runId;
    try {
      const policies = await apiCall(page.request, 'GET', '/api/policies');
      const job = await apiCall(page.request, 'POST', '/api/jobs', {
        client_id: client.id,
        name: 'slow',
        source_path: `${dir}/`,
        policy_id: policies.items[0].id,
        location_id: board.location.id,
        use_local_permissions: false,
      });
      await gotoDashboard(page);
      const tile = page.locator(`a[data-testid="tile"][data-job-id="${job.id}"]`);
      assert.equal(await tile.getAttribute('data-health'), 'never_ran');
      await page.evaluate(() => {
        window.e2eNotReloaded = true;
      });

      runId = (await apiCall(page.request, 'POST', `/api/jobs/${job.id}/run`)).id;
      await page.locator(`a[data-testid="tile"][data-job-id="${job.id}"][data-health="running"]`).waitFor({ timeout: 60_000 });
      const running = page.locator(`[data-testid="running-now"] [data-testid="running-run"][data-run-id="${runId}"]`);
      await running.waitFor({ timeout: 30_000 });
      assert.equal(await running.getAttribute('data-job-id'), String(job.id));
      const count = page.locator('button[data-testid="health-count"][data-health="running"]');
      assert.ok(Number(await count.getAttribute('data-count')) >= 1);

      await page.locator(`a[data-testid="tile"][data-job-id="${job.id}"][data-health="ok"]`).waitFor({ timeout: 90_000 });
      await running.waitFor({ state: 'detached' });
      await tile.locator(`[data-testid="strip-mark"][data-run-id="${runId}"][data-result="ok"]`).waitFor();
      assert.equal(await page.evaluate(() => window.e2eNotReloaded === true), true, 'the page was reloaded');
      assert.equal((await apiCall(page.request, 'GET', `/api/runs/${runId}`)).result, 'ok');
    } finally {
      if (runId) {
        await page.request.fetch(`${BASE_URL}/api/runs/${runId}/abort`, { method: 'POST', headers: CSRF }).catch(() => {});
        await finished(page.request, runId).catch(() => {});
      }
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
  await rm(dir, { recursive: true, force: true });
});

/** Per language: the headings and two count names the dashboard must show. */
const LABELS = {
  eu: { board: 'Lanen egoera', running: 'Orain exekutatzen', storage: 'Biltegiratzea', failed: 'Huts egin du', late: 'Berandu' },
  es: { board: 'Estado de los trabajos', running: 'En ejecución ahora', storage: 'Almacenamiento', failed: 'Fallido', late: 'Con retraso' },
  en: { board: 'Job health', running: 'Running now', storage: 'Storage', failed: 'Failed', late: 'Late' },
};

/** Asserts that `locator` is visible and inside the first `width` pixels. */
async function inView(locator, width, what) {
  assert.ok(await locator.isVisible(), `${what} is hidden`);
  const box = await locator.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= width, `${what} is out of view: ${JSON.stringify(box)}`);
}

test('the dashboard at 1366×860 and 390×844 in eu, es and en: localised, no sideways scrolling', async (t) => {
  await withPage(
    browser(),
    t,
    async (page, context) => {
      await login(page);
      try {
        for (const lang of ['eu', 'es', 'en']) {
          const want = LABELS[lang];
          for (const [kind, viewport] of [
            ['desktop', { width: 1366, height: 860 }],
            ['phone', { width: 390, height: 844 }],
          ]) {
            await page.setViewportSize(viewport);
            await gotoDashboard(page);
            if (kind === 'desktop') await switchLanguage(page, lang);
            await page.locator('[data-testid="dashboard"][data-loaded="true"]').waitFor();
            const where = `${lang} ${kind}`;
            assert.equal((await page.locator('#board-title').textContent()).trim(), want.board, where);
            assert.equal((await page.locator('#running-title').textContent()).trim(), want.running, where);
            assert.equal((await page.locator('#storage-title').textContent()).trim(), want.storage, where);
            for (const h of ['failed', 'late']) {
              const name = page.locator(`button[data-testid="health-count"][data-health="${h}"] .health-count-name`);
              assert.equal((await name.textContent()).trim(), want[h], `${where} ${h}`);
            }
            const broken = page.locator(`a[data-testid="tile"][data-job-id="${board.broken.id}"]`);
            assert.match(await broken.locator('[data-testid="tile-state"]').textContent(), new RegExp(want.failed), where);
            await page.locator(`[data-testid="location-storage"][data-location-id="${board.location.id}"] svg[data-testid="chart-location-used"]`).waitFor();

            assert.ok((await overflow(page)) <= 0, `${where}: the page scrolls sideways by ${await overflow(page)} px`);
            for (const job of [board.home, board.broken, board.archive]) {
              await page.locator(`a[data-testid="tile"][data-job-id="${job.id}"]`).scrollIntoViewIfNeeded();
              await inView(page.locator(`a[data-testid="tile"][data-job-id="${job.id}"]`), viewport.width, `${where} tile ${job.name}`);
            }
            await inView(page.locator('button[data-testid="health-count"][data-health="ok"]'), viewport.width, `${where} OK count`);
            const card = page.locator(`[data-testid="location-storage"][data-location-id="${board.location.id}"]`);
            await card.scrollIntoViewIfNeeded();
            await inView(card, viewport.width, `${where} storage card`);
            await page.evaluate(() => window.scrollTo(0, 0));
            await shot(page, `dashboard-${lang}-${kind}`);
            // What a phone shows first, without scrolling.
            if (kind === 'phone') await shot(page, `dashboard-${lang}-phone-screen`, false);
          }
        }
      } finally {
        await restoreEnglish(context);
      }

      // The jobs list on the phone: each job a card with name, result, last run and menu.
      await page.goto(`/jobs?q=${board.tag}`);
      const rows = page.locator('tr[data-testid="job-row"]');
      await page.locator(`tr[data-job-id="${board.home.id}"]`).waitFor();
      assert.equal(await rows.count(), 6);
      assert.ok((await overflow(page)) <= 0, 'the jobs list scrolls sideways');
      for (const job of [board.home, board.broken, board.archive, board.fresh, board.postgres, board.retired]) {
        const row = page.locator(`tr[data-job-id="${job.id}"]`);
        await row.scrollIntoViewIfNeeded();
        await inView(row.locator('.job-name a'), 390, `${job.name} name`);
        assert.equal((await row.locator('.job-name a').textContent()).trim(), job.name);
        await inView(row.locator('[data-testid="job-result"]'), 390, `${job.name} result`);
        await inView(row.locator('.jobs-cell-when'), 390, `${job.name} last run`);
        await inView(row.locator('[data-testid="job-more"]'), 390, `${job.name} menu`);
      }
      const result = (job) => page.locator(`tr[data-job-id="${job.id}"] [data-testid="job-result"]`).getAttribute('data-result');
      assert.equal(await result(board.home), 'ok');
      assert.equal(await result(board.broken), 'failed');
      assert.equal(await result(board.fresh), 'none');
      assert.notEqual((await page.locator(`tr[data-job-id="${board.home.id}"] .jobs-cell-when`).textContent()).trim(), 'Never');
      await shot(page, 'jobs-phone');
    },
    { viewport: { width: 1366, height: 860 } },
  );
});

test('an operator sees only their own clients\' tiles', async (t) => {
  const api = board.api;
  const tag = unique('e2e-dash-op');
  const operator = { username: tag, password: 'operator-password-1' };
  let user;
  const clients = [];
  try {
    user = await apiCall(api, 'POST', '/api/users', {
      username: operator.username,
      password: operator.password,
      role: 'operator',
      language: 'en',
    });
    const policies = await apiCall(api, 'GET', '/api/policies');
    const jobs = [];
    for (const [suffix, owner] of [['mine', user.id], ['other', null]]) {
      const client = await apiCall(api, 'POST', '/api/clients', {
        name: `${tag}-${suffix}`,
        connection: { kind: 'local' },
        ...(owner ? { owner_id: owner } : {}),
      });
      clients.push(client);
      jobs.push(
        await apiCall(api, 'POST', '/api/jobs', {
          client_id: client.id,
          name: 'home',
          source_path: '/nonexistent/',
          policy_id: policies.items[0].id,
          location_id: board.location.id,
        }),
      );
    }
    await withPage(browser(), t, async (page) => {
      await login(page, operator.username, operator.password);
      await gotoDashboard(page);
      await page.locator(`a[data-testid="tile"][data-job-id="${jobs[0].id}"]`).waitFor();
      const shown = await attrs(page, '[data-testid="tile"]', 'data-job-id');
      assert.deepEqual(shown, [String(jobs[0].id)], 'only the own client\'s job');
      assert.equal(await page.locator(`[data-testid="client-tiles"][data-client-id="${clients[1].id}"]`).count(), 0);
      assert.equal(await page.locator(`a[data-job-id="${board.home.id}"]`).count(), 0);
      // The counts are theirs too: one job, never run.
      assert.equal(await page.locator('button[data-health="never_ran"]').getAttribute('data-count'), '1');
      assert.equal(await page.locator('button[data-health="failed"]').getAttribute('data-count'), '0');
    });
  } finally {
    for (const c of clients) await apiCleanup(api, `/api/clients/${c.id}`);
    if (user) await apiCleanup(api, `/api/users/${user.id}`);
  }
});
