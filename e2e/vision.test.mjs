// Vision (WCAG 2.1 AA, 1.4.3, 1.4.10, 1.4.11): the contrast of every state badge, alert
// and button the style sheet defines, measured by axe's `color-contrast` rule on the real
// CSS, at rest, under the pointer and with the keyboard focus; and reflow: at 320 CSS px
// and 200% zoom (a 640 px window zoomed twice) the jobs page, a snapshot and the other
// main pages show everything without sideways scrolling. Screenshots of the jobs page
// and the snapshot at that size are kept in e2e/screenshots/reflow-*.png.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { axeRun } from './axe.mjs';
import {
  apiCall,
  apiCleanup,
  apiJob,
  apiLocalClient,
  browserForFile,
  login,
  runJob,
  sidewaysScroll,
  unique,
  url,
  withPage,
} from './lib.mjs';

const browser = browserForFile();
const ARTEFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const CONTRAST = { runOnly: { type: 'rule', values: ['color-contrast'] } };

/**
 * The variants the style sheet defines of badges, alerts and buttons (`.badge-ok`,
 * `.button-danger`…), read from the loaded CSS, so a new state is checked without a test
 * change.
 */
function variants(page) {
  return page.evaluate(() => {
    const found = new Set();
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        for (const selector of (rule.selectorText ?? '').split(',')) {
          const m = selector.trim().match(/^\.((badge|alert|button)(-[a-z-]+)?)(:hover)?$/);
          if (m) found.add(m[1]);
        }
      }
    }
    return [...found].sort();
  });
}

/**
 * Puts one swatch of each variant at the top of the page's main region (the real page
 * background around it): `<span class="badge badge-ok">`, `<button class="button
 * button-danger">`, `<div class="alert alert-error">`. Returns their selectors.
 */
function addSwatches(page, names) {
  return page.evaluate((all) => {
    const box = document.createElement('div');
    box.id = 'swatches';
    const selectors = [];
    for (const name of all) {
      const base = name.split('-')[0];
      const tag = base === 'button' ? 'button' : base === 'alert' ? 'div' : 'span';
      const el = document.createElement(tag);
      el.className = base === name ? base : `${base} ${name}`;
      el.id = `swatch-${name}`;
      el.textContent = `Text of ${name}`;
      box.append(el, ' ');
      selectors.push(`#swatch-${name}`);
    }
    document.getElementById('main').prepend(box);
    return selectors;
  }, names);
}

/** The color-contrast violations of `selector` as it is now, as lines. */
async function contrastFailures(page, selector) {
  const result = await axeRun(page, selector, CONTRAST);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${selector}: ${n.failureSummary}`));
}

test('every badge, alert and button meets the contrast minimum at rest, hovered and focused', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      await page.goto(url('/jobs'));
      await page.locator('#clients-table').waitFor();
      const names = await variants(page);
      for (const known of ['badge-ok', 'badge-warning', 'badge-failed', 'badge-none', 'alert-error', 'button-primary', 'button-danger']) {
        assert.ok(names.includes(known), `the style sheet's ${known} was found among ${names}`);
      }
      const swatches = await addSwatches(page, names);
      const atRest = await axeRun(page, '#swatches', CONTRAST);
      const failures = atRest.violations.flatMap((v) => v.nodes.map((n) => `${n.target}: ${n.failureSummary}`));
      // Every swatch was measured (none left "incomplete" for want of a background).
      const measured = atRest.passes.flatMap((p) => p.nodes).length + failures.length;
      assert.equal(measured, swatches.length, `measured ${measured} of ${swatches.length}`);
      for (const selector of swatches.filter((s) => s.startsWith('#swatch-button'))) {
        await page.hover(selector);
        failures.push(...(await contrastFailures(page, selector)).map((f) => `hovered ${f}`));
        await page.focus(selector);
        failures.push(...(await contrastFailures(page, selector)).map((f) => `focused ${f}`));
        // The focus ring itself is a UI part: it must be drawn.
        const outline = await page.$eval(selector, (el) => getComputedStyle(el).outlineStyle);
        assert.notEqual(outline, 'none', `${selector} shows a focus ring`);
      }
      assert.deepEqual(failures, [], `contrast below the minimum:\n${failures.join('\n')}`);
    },
    { bypassCSP: true },
  );
});

test('at 320 px and 200% zoom the pages reflow without sideways scrolling', async (t) => {
  const source = await mkdtemp(path.join(os.tmpdir(), 'e2e-reflow-'));
  await writeFile(path.join(source, 'a-file-with-a-rather-long-name-to-wrap.txt'), 'reflow\n');
  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      const client = await apiLocalClient(page.request, unique('e2e-reflow'));
      try {
        const job = await apiJob(page.request, client.id, { source_path: `${source}/` });
        const run = await runJob(page.request, job.id);
        const [snapshot] = await apiCall(page.request, 'GET', `/api/jobs/${job.id}/snapshots`);
        await mkdir(ARTEFACTS, { recursive: true });
        const pages = [
          ['jobs', `/jobs?q=${client.name}`, '[data-testid="job-row"]'],
          ['snapshot', `/snapshots/${snapshot.id}`, '[data-testid="entry-row"]'],
          ['dashboard', '/', 'h1'],
          ['job', `/jobs/${job.id}`, '#job-snapshots-table'],
          ['client', `/clients/${client.id}`, '#client-name'],
          ['run', `/runs/${run.id}`, 'h1'],
          ['logs', '/logs', 'h1'],
          ['settings', '/settings', 'h1'],
        ];
        const wide = [];
        for (const [name, address, ready] of pages) {
          await page.goto(url(address));
          await page.locator(ready).first().waitFor();
          await page.waitForFunction(() => document.querySelectorAll('.loading, .spinner').length === 0);
          if (name === 'jobs' || name === 'snapshot') {
            await page.screenshot({ path: path.join(ARTEFACTS, `reflow-${name}.png`), fullPage: true });
          }
          const by = await sidewaysScroll(page);
          if (by > 0) wide.push(`${address} scrolls sideways by ${by}px`);
        }
        assert.deepEqual(wide, []);
        // The content is all there: the job's row and the file's name, whole.
        await page.goto(url(`/snapshots/${snapshot.id}`));
        const name = page.locator('[data-testid="entry-row"] .entry-text').first();
        assert.equal(await name.textContent(), 'a-file-with-a-rather-long-name-to-wrap.txt');
        assert.ok(await name.isVisible());
      } finally {
        await apiCleanup(page.request, `/api/clients/${client.id}`);
      }
    },
    { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 },
  );
  await rm(source, { recursive: true, force: true });
});
