// Helpers for the browser tests: launching Debian's Chromium through playwright-core,
// a fresh browser context per test (screenshot on failure), logging in and out, and
// API calls used to check or restore state.
//
// Environment: E2E_BASE_URL (e.g. https://127.0.0.1:18099, or with a path prefix
// https://127.0.0.1:18099/elkarbackup), E2E_USER and E2E_PASSWORD (an existing
// administrator whose saved language is `en`), optionally E2E_CHROMIUM. Over HTTPS the
// browser ignores certificate errors (the test server's certificate is made by its own CA);
// Node's requests trust that CA through NODE_EXTRA_CA_CERTS, which `cargo xtask test` sets.

import assert from 'node:assert/strict';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:18099').replace(/\/$/, '');
export const USER = process.env.E2E_USER ?? 'admin';
export const PASSWORD = process.env.E2E_PASSWORD ?? '';
export const CSRF = { 'x-elkarbackup-csrf': '1' };

/**
 * Options of every browser context: the server as base URL, its test certificate accepted.
 * Spread them into `browser.newContext({ ...CONTEXT, … })`.
 */
export const CONTEXT = { baseURL: BASE_URL, ignoreHTTPSErrors: true };

/**
 * The address of an app page or API path under the server (`/login` →
 * `https://127.0.0.1:18099/elkarbackup/login` with a prefix). `page.goto('/login')` resolves
 * against the origin only, so what must also work under a prefix goes through this.
 */
export function url(path) {
  return `${BASE_URL}${path}`;
}

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Starts headless Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One browser for a test file's tests: launched before them, closed after them. Returns
 * a function that gives it (it exists once the tests run).
 */
export function browserForFile() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * Runs `body(page, context)` in a fresh browser context (no cookies, no localStorage,
 * English browser). When it throws, saves a screenshot under e2e/screenshots/ first.
 * `options`: `locale`, `viewport`, `deviceScaleFactor`, and `bypassCSP` (for axe).
 */
export async function withPage(browser, t, body, options = {}) {
  const context = await browser.newContext({
    ...CONTEXT,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  try {
    await body(page, context);
  } catch (err) {
    await screenshot(page, t.name);
    if (consoleErrors.length > 0) {
      err.message += `\nbrowser errors:\n${consoleErrors.join('\n')}`;
    }
    throw err;
  } finally {
    await context.close();
  }
}

async function screenshot(page, name) {
  try {
    await mkdir(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.error(`screenshot saved: ${file}`);
  } catch (err) {
    console.error(`no screenshot: ${err}`);
  }
}

/** Fills and submits the login form (the page must show it). */
export async function submitLogin(page, user = USER, password = PASSWORD) {
  await page.locator('#login-username').fill(user);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
}

/** Opens the login page, signs in and waits for the signed-in frame. */
export async function login(page, user = USER, password = PASSWORD) {
  await page.goto(url('/login'));
  await page.locator('#login-form').waitFor();
  await submitLogin(page, user, password);
  await page.locator('#logout').waitFor();
}

/**
 * Opens the jobs list (`/jobs`; the dashboard is the landing page `/`) and waits for its
 * table.
 */
export async function gotoJobs(page) {
  await page.goto(url('/jobs'));
  await page.locator('#clients-table').waitFor();
}

/** Logs out through the header button and waits for the login form. */
export async function logout(page) {
  await page.locator('#logout').click();
  await page.locator('#login-form').waitFor();
}

/** Waits until `<html lang>` names `tag`. */
export async function waitForLang(page, tag) {
  await page.waitForFunction((t) => document.documentElement.lang === t, tag);
}

/**
 * Switches the language with the `#lang-select` switch. When signed in, also waits for
 * the app to save it as the user's preference.
 */
export async function switchLanguage(page, tag, { signedIn = true } = {}) {
  const saved = signedIn
    ? page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT')
    : null;
  await page.locator('#lang-select').selectOption(tag);
  await waitForLang(page, tag);
  if (saved) {
    const response = await saved;
    if (!response.ok()) throw new Error(`saving the language failed: ${response.status()}`);
  }
}

/**
 * Puts the user's saved language back to English through the API, signing in with the
 * context's cookie jar if needed. For `finally` blocks: never throws.
 */
export async function restoreEnglish(context) {
  try {
    const api = context.request;
    let prefs = await api.get(`${BASE_URL}/api/me/preferences`);
    if (prefs.status() === 401) {
      await api.post(`${BASE_URL}/api/auth/login`, {
        headers: CSRF,
        data: { username: USER, password: PASSWORD },
      });
      prefs = await api.get(`${BASE_URL}/api/me/preferences`);
    }
    if (!prefs.ok()) return;
    const current = await prefs.json();
    if (current.language !== 'en') {
      await api.put(`${BASE_URL}/api/me/preferences`, {
        headers: CSRF,
        data: { ...current, language: 'en' },
      });
    }
  } catch (err) {
    console.error(`could not restore the language: ${err}`);
  }
}

/** How far the page scrolls sideways, in px (0 or less when everything fits its width). */
export function sidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Every file under `dir`, as paths relative to it. */
export async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

/** A name no other test run uses. */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs `request` (a context's or page's APIRequestContext) in through the API. */
export async function apiLogin(request, user = USER, password = PASSWORD) {
  const r = await request.post(`${BASE_URL}/api/auth/login`, {
    headers: CSRF,
    data: { username: user, password },
  });
  if (!r.ok()) throw new Error(`API login of ${user} failed: ${r.status()}`);
}

/** Sends a JSON request with the CSRF header and returns the parsed answer (or null). */
export async function apiCall(request, method, url, data) {
  const r = await request.fetch(`${BASE_URL}${url}`, { method, headers: CSRF, data });
  if (!r.ok()) throw new Error(`${method} ${url} failed: ${r.status()} ${await r.text()}`);
  return r.status() === 204 ? null : r.json();
}

/** Deletes `url` through the API, ignoring failures (for `finally` blocks). */
export async function apiCleanup(request, url) {
  try {
    // Revocations are POSTs (the object stays, revoked); everything else is deleted.
    const method = url.endsWith('/revoke') ? 'POST' : 'DELETE';
    await request.fetch(`${BASE_URL}${url}`, { method, headers: CSRF });
  } catch (err) {
    console.error(`cleanup of ${url} failed: ${err}`);
  }
}

/** The id at the end of the current address (`/clients/12?saved=1` → 12). */
export function idInUrl(page) {
  const m = new URL(page.url()).pathname.match(/\/(\d+)$/);
  assert.ok(m, `no id in ${page.url()}`);
  return Number(m[1]);
}

/** Creates a local client named `name` through the API (extra client fields in `fields`). */
export function apiLocalClient(request, name, fields = {}) {
  return apiCall(request, 'POST', '/api/clients', { name, connection: { kind: 'local' }, ...fields });
}

/**
 * Creates a job named "files" on client `clientId` through the API, with the first policy
 * and the first location; `fields` add to or override the job's fields (`source_path`...).
 */
export async function apiJob(request, clientId, fields) {
  const policies = await apiCall(request, 'GET', '/api/policies');
  const locations = await apiCall(request, 'GET', '/api/locations');
  return apiCall(request, 'POST', '/api/jobs', {
    client_id: clientId,
    name: 'files',
    policy_id: policies.items[0].id,
    location_id: locations.items[0].id,
    ...fields,
  });
}

/** Waits (at most `seconds`) until run `runId` has finished; returns it, whatever its result. */
export async function finished(request, runId, seconds = 120) {
  for (let i = 0; i < seconds * 2; i += 1) {
    const run = await apiCall(request, 'GET', `/api/runs/${runId}`);
    if (run.state === 'finished') return run;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`run ${runId} did not finish`);
}

/** Fails unless `run` ended OK; returns it. */
export function assertOk(run) {
  assert.equal(run.result, 'ok', `run ${run.id}: ${run.result} ${run.error_code ?? ''}`);
  return run;
}

/** Runs job `jobId` through the API and waits until that run has finished OK. */
export async function runJob(request, jobId) {
  const started = await apiCall(request, 'POST', `/api/jobs/${jobId}/run`);
  return assertOk(await finished(request, started.id));
}
