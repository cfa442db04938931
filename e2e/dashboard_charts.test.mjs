// The dashboard's charts hold the API's numbers (issue 15): the job page's four charts
// and their tables against `GET /api/jobs/{id}/history` (and the history table's runs and
// files), the location chart, table, forecast and gauge against
// `GET /api/dashboard/storage`, the client size chart and table against
// `GET /api/clients/{id}/history`. The fixture is in dashboard_fixture.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { attrs, boardForFile, gotoDashboard } from './dashboard_fixture.mjs';
import { apiCall, browserForFile, login, withPage } from './lib.mjs';

const browser = browserForFile();
const board = boardForFile();

/** The `[x, y]` of a chart's points and of its table's rows, inside `scope` (a selector). */
async function chartAndTable(page, name, scope = 'body') {
  const pairs = (selector) =>
    page.locator(selector).evaluateAll((els) => els.map((e) => [e.getAttribute('data-x'), e.getAttribute('data-y')]));
  const table = page.locator(`${scope} table[data-testid="chart-table-${name}"]`);
  return {
    points: await pairs(`${scope} svg[data-testid="chart-${name}"] [data-testid="point"]`),
    rows: await pairs(`${scope} table[data-testid="chart-table-${name}"] tbody tr`),
    table,
  };
}

/**
 * Opens a page with `open` between two API answers from `fetch` until their `part`s agree
 * (the hourly sampler may add a point meanwhile); returns the later answer, which is then
 * what the page shows.
 */
async function steady(open, fetch, part) {
  for (let i = 0; i < 3; i += 1) {
    const earlier = await fetch();
    await open();
    const later = await fetch();
    if (JSON.stringify(part(earlier)) === JSON.stringify(part(later))) return later;
  }
  throw new Error('the history kept changing while the page loaded');
}

test('the charts show the API\'s numbers, and so do their tables', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);

    // The job page: one point per run for each figure, the run's end as x.
    await page.goto(`/jobs/${board.home.id}`);
    await page.locator('svg[data-testid="chart-job-size"]').waitFor();
    const history = await apiCall(page.request, 'GET', `/api/jobs/${board.home.id}/history`);
    assert.deepEqual(history.runs.map((r) => r.run_id), board.homeRuns.map((r) => r.id));
    const figures = { 'job-size': 'bytes', 'job-new-bytes': 'new_bytes', 'job-duration': 'duration_seconds', 'job-files': 'files' };
    for (const [name, field] of Object.entries(figures)) {
      const want = history.runs.filter((r) => r[field] !== null).map((r) => [r.finished_at, String(r[field])]);
      assert.equal(want.length, 2, `${field} of both runs`);
      const { points, rows } = await chartAndTable(page, name);
      assert.deepEqual(points, want, name);
      assert.deepEqual(rows, want, `${name} table`);
    }
    assert.ok(history.runs[1].files > history.runs[0].files, 'the second run has one more file');
    assert.ok(history.runs[1].bytes > history.runs[0].bytes);
    // The job's table: one row per run, its files as the API counts them.
    const details = page.locator('#job-history-table');
    await details.locator('summary').click();
    const rows = details.locator('[data-testid="history-row"]');
    await rows.first().waitFor({ state: 'visible' });
    assert.deepEqual(await attrs(page, '#job-history-table [data-testid="history-row"]', 'data-run-id'), history.runs.map((r) => String(r.run_id)));
    for (let i = 0; i < history.runs.length; i += 1) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      assert.equal(cells[3].replace(/\D/g, ''), String(history.runs[i].files), `files of run ${i}`);
      assert.equal(await rows.nth(i).getAttribute('data-result'), history.runs[i].result);
    }

    // The location's used space on the dashboard.
    const ours = await steady(
      () => gotoDashboard(page),
      async () => {
        const storage = await apiCall(page.request, 'GET', '/api/dashboard/storage');
        return storage.locations.find((l) => l.location.id === board.location.id);
      },
      (l) => l.history,
    );
    assert.ok(ours.history.length >= 12, `daily points: ${ours.history.length}`);
    const card = `[data-testid="location-storage"][data-location-id="${board.location.id}"]`;
    const want = ours.history.map((p) => [p.at, String(p.used_bytes)]);
    const used = await chartAndTable(page, 'location-used', card);
    assert.deepEqual(used.points, want);
    assert.deepEqual(used.rows, want);
    // A growing disk has a date when it is full, as the API says.
    assert.equal(ours.forecast.kind, 'full');
    assert.equal(await page.locator(`${card} [data-testid="forecast"]`).getAttribute('data-kind'), 'full');
    const gauge = page.locator(`${card} svg[data-testid="gauge-location-bytes"]`);
    assert.equal(await gauge.getAttribute('data-total'), String(ours.status.total_bytes));

    // The client's size per day on its page.
    const sizes = await steady(
      async () => {
        await page.goto(`/clients/${board.client.id}`);
        await page.locator('svg[data-testid="chart-client-size"]').waitFor();
      },
      () => apiCall(page.request, 'GET', `/api/clients/${board.client.id}/history`),
      (h) => h.points,
    );
    const wantSizes = sizes.points.map((p) => [p.day, String(p.bytes)]);
    assert.ok(wantSizes.length >= 3);
    const client = await chartAndTable(page, 'client-size');
    assert.deepEqual(client.points, wantSizes);
    assert.deepEqual(client.rows, wantSizes);
    await client.table.locator('xpath=ancestor::details/summary').click();
    await client.table.waitFor({ state: 'visible' });
    assert.equal(await client.table.locator('tbody tr').count(), wantSizes.length);
  });
});
