// The dashboard tests' fixture and helpers: a board with jobs in several states, a
// location with a usage history and a client with sizes per day, made once per test file
// (`boardForFile()`) and removed after it; helpers to open the dashboard and read it.
//
// Environment: besides lib.mjs's, E2E_DATABASE_URL (a libpq URL of the server's
// database; `cargo xtask test` sets it) for what no API call can make: a late job, a
// location's and a client's usage history. psql runs with an argument vector, no shell.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { request as playwrightRequest } from 'playwright-core';

import { apiCall, apiCleanup, apiLogin, BASE_URL, finished, unique } from './lib.mjs';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Runs one SQL statement on the server's database. */
function sql(statement) {
  const url = process.env.E2E_DATABASE_URL;
  assert.ok(url, 'E2E_DATABASE_URL is not set (cargo xtask test sets it)');
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], { stdio: 'pipe' });
}

/** Runs job `jobId` through the API and waits for the end; returns the finished run. */
async function runJob(request, jobId) {
  const run = await apiCall(request, 'POST', `/api/jobs/${jobId}/run`);
  return finished(request, run.id);
}

/** Opens the dashboard at `address` and waits until board and storage have loaded. */
export async function gotoDashboard(page, address = '/') {
  await page.goto(address);
  await page.locator('[data-testid="dashboard"][data-loaded="true"]').waitFor();
}

/** `<attribute>` of every element `selector` matches, in document order. */
export function attrs(page, selector, attribute) {
  return page.locator(selector).evaluateAll((els, a) => els.map((e) => e.getAttribute(a)), attribute);
}

/** The page's sideways overflow in pixels (0 when nothing sticks out). */
export function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Saves the whole page (or only what the screen shows) as e2e/screenshots/<name>.png. */
export async function shot(page, name, fullPage = true) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/**
 * What the dashboard tests look at, made once for the file (an API client of its own:
 * the file's browser is not started yet when `before` runs): a location of its own with 12
 * days of usage samples, a local client over a temporary directory with four jobs in that
 * location — "home" backed up twice (OK), "broken" over a missing directory (Failed),
 * "archive" created 30 days ago and never run (Late), "fresh" never run (Never ran) — and
 * three days of its size; a second client "db" with "postgres" (OK) and "retired"
 * (Inactive).
 */
export function boardForFile() {
  const board = {};
  before(async () => {
    board.api = await playwrightRequest.newContext({ baseURL: BASE_URL });
    await makeBoard(board);
  });
  after(async () => {
    await removeBoard(board);
  });
  return board;
}

/** Fills `board` (its `api` signed out) with the fixture. */
async function makeBoard(board) {
  const api = board.api;
  await apiLogin(api);
  board.tag = unique('e2e-dash');
  board.source = await mkdtemp(path.join(os.tmpdir(), 'e2e-dash-src-'));
  board.storeDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-dash-loc-'));
  await mkdir(path.join(board.source, 'docs'));
  await writeFile(path.join(board.source, 'docs', 'a.bin'), randomBytes(256 * 1024));
  await writeFile(path.join(board.source, 'b.bin'), randomBytes(128 * 1024));
  board.location = await apiCall(api, 'POST', '/api/locations', {
    name: `${board.tag}-disk`,
    directory: board.storeDir,
    max_parallel_jobs: 2,
    active: true,
  });
  board.client = await apiCall(api, 'POST', '/api/clients', {
    name: `${board.tag}-host`,
    connection: { kind: 'local' },
  });
  const policies = await apiCall(api, 'GET', '/api/policies');
  board.db = await apiCall(api, 'POST', '/api/clients', {
    name: `${board.tag}-db`,
    connection: { kind: 'local' },
  });
  const job = (name, source, fields = {}, client = board.client) =>
    apiCall(api, 'POST', '/api/jobs', {
      client_id: client.id,
      name,
      source_path: source,
      policy_id: policies.items[0].id,
      location_id: board.location.id,
      use_local_permissions: false,
      ...fields,
    });
  board.home = await job('home', `${board.source}/`);
  board.broken = await job('broken', path.join(os.tmpdir(), `${board.tag}-missing`) + '/');
  board.archive = await job('archive', `${board.source}/docs/`);
  board.fresh = await job('fresh', `${board.source}/docs/`);
  board.postgres = await job('postgres', `${board.source}/docs/`, {}, board.db);
  board.retired = await job('retired', `${board.source}/docs/`, { active: false }, board.db);

  board.homeRuns = [await runJob(api, board.home.id)];
  // The second run adds a file, so that the charts have two different points.
  await writeFile(path.join(board.source, 'c.bin'), randomBytes(512 * 1024));
  board.homeRuns.push(await runJob(api, board.home.id));
  board.brokenRun = await runJob(api, board.broken.id);
  board.postgresRun = await runJob(api, board.postgres.id);
  // Ids are integers from the API, not text from outside.
  sql(`UPDATE jobs SET created_at = now() - interval '30 days' WHERE id = ${Number(board.archive.id)}`);

  // Twelve days of hourly-table samples every six hours, growing 1 GiB a day up to what
  // the disk holds now: a chart with a line and a forecast.
  const status = (await apiCall(api, 'GET', `/api/locations/${board.location.id}`)).status;
  const usedNow = status.total_bytes - status.free_bytes;
  const rows = [];
  for (let h = 12 * 24; h >= 6; h -= 6) {
    const used = Math.max(0, Math.round(usedNow - (h / 24) * GIB));
    rows.push(
      `(${Number(board.location.id)}, false, date_trunc('hour', now()) - interval '${h} hours', ` +
        `${used}, ${Number(status.total_bytes)}, 1000, ${Number(status.total_inodes)})`,
    );
  }
  sql(
    'INSERT INTO location_usage (location_id, daily, at, used_bytes, total_bytes, used_inodes, total_inodes) ' +
      `VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`,
  );
  const sizes = [3, 2, 1].map(
    (d, i) => `(${Number(board.client.id)}, current_date - ${d}, ${(i + 1) * 300 * 1024})`,
  );
  sql(`INSERT INTO client_usage (client_id, day, size_bytes) VALUES ${sizes.join(', ')} ON CONFLICT DO NOTHING`);
}

/** Deletes what `makeBoard` made. For `after`: never throws. */
async function removeBoard(board) {
  const api = board.api;
  if (api) {
    if (board.client) await apiCleanup(api, `/api/clients/${board.client.id}`);
    if (board.db) await apiCleanup(api, `/api/clients/${board.db.id}`);
    if (board.location) await apiCleanup(api, `/api/locations/${board.location.id}`);
    await api.dispose().catch(() => {});
  }
  for (const dir of [board.source, board.storeDir]) {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
