// The snapshot browser and restore: a local client's job over a temporary directory
// (docs/a.txt, docs/sub/b.txt, a file whose name is markup, a symlink to /etc) is run,
// then browsed from the job page: folders opened by click and by keyboard, breadcrumbs,
// the markup name shown as text, the symlink's target without a download, a file and a
// folder (.tar.gz) downloaded, search and sorting, the two versions of a file after a
// second run, and `docs` restored to the same client into a new folder (preview first,
// then the run followed to its end, then the files checked on disk). Also: no sideways
// scrolling on a 390 px wide phone.
//
// A file name cannot contain `/`, so `<script>…</script>` is impossible; the name used,
// `<img src=x onerror=alert(1)>.txt`, runs script if it is ever parsed as HTML.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';

import {
  apiCall,
  apiCleanup,
  apiJob,
  apiLocalClient,
  assertOk,
  browserForFile,
  filesUnder,
  finished,
  login,
  runJob,
  sidewaysScroll,
  unique,
  withPage,
} from './lib.mjs';

const MARKUP = '<img src=x onerror=alert(1)>.txt';

const browser = browserForFile();

/** The directory to back up. */
async function sourceTree() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-restore-source-'));
  await mkdir(path.join(dir, 'docs', 'sub'), { recursive: true });
  await writeFile(path.join(dir, 'docs', 'a.txt'), 'alpha\n');
  await writeFile(path.join(dir, 'docs', 'sub', 'b.txt'), 'beta\n');
  await writeFile(path.join(dir, MARKUP), 'markup\n');
  await symlink('/etc', path.join(dir, 'evil'));
  return dir;
}

/** The row of `name` in the listing. */
function row(page, name) {
  return page.locator(`tr[data-testid="entry-row"][data-name="${name.replace(/"/g, '\\"')}"]`);
}

/** Clicks a download link and returns the downloaded bytes. */
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await file.path();
  return readFile(saved);
}

test('browse a snapshot, download, see versions and restore a folder', async (t) => {
  const dir = await sourceTree();
  const target = await mkdtemp(path.join(os.tmpdir(), 'e2e-restore-target-'));
  await withPage(browser(), t, async (page) => {
    const dialogs = [];
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await login(page);
    const client = await apiLocalClient(page.request, unique('e2e-restore'));
    try {
      const job = await apiJob(page.request, client.id, {
        source_path: `${dir}/`,
        use_local_permissions: false,
      });
      await runJob(page.request, job.id);

      // From the job page's snapshots list to the browser.
      await page.goto(`/jobs/${job.id}`);
      await page.locator('[data-testid="snapshot-row"] [data-testid="snapshot-browse"]').first().click();
      await page.waitForURL(/\/snapshots\/\d+$/);
      const snapshotId = Number(new URL(page.url()).pathname.split('/').pop());
      await row(page, 'docs').waitFor();
      await page.locator('[data-testid="crumb-root"]', { hasText: /^files \/ / }).waitFor();
      // Folders first.
      assert.equal(await page.locator('[data-testid="entry-row"]').first().getAttribute('data-name'), 'docs');

      // The markup name is text: no element made of it, no alert.
      const markup = row(page, MARKUP);
      await markup.waitFor();
      assert.equal(await markup.locator('.entry-text').textContent(), MARKUP);
      assert.equal(await page.locator('#browse-table img').count(), 0);

      // The symlink shows its target, never followed, and cannot be downloaded.
      const evil = row(page, 'evil');
      assert.equal(await evil.getAttribute('data-kind'), 'symlink');
      assert.match(await evil.locator('[data-testid="entry-target"]').textContent(), /→ \/etc/);
      assert.equal(await evil.locator('[data-testid="entry-download"]').count(), 0);
      assert.equal(await evil.locator('[data-testid="entry-download-tar"]').count(), 0);

      // Into docs by click, back by the breadcrumbs.
      await row(page, 'docs').locator('[data-testid="entry-open"]').click();
      await row(page, 'a.txt').waitFor();
      assert.match(page.url(), /[?&]path=docs(&|$)/);
      assert.equal(await page.locator('[data-testid="crumb"]').last().textContent(), 'docs');
      assert.equal(await row(page, 'sub').getAttribute('data-kind'), 'dir');
      await page.locator('[data-testid="crumb-root"]').click();
      await row(page, 'evil').waitFor();

      // Into docs by keyboard (docs is the first row), up again with Backspace.
      await page.locator('#browse-keys').click();
      await page.keyboard.press('ArrowDown');
      await page.locator('tr.row-active[data-name="docs"]').waitFor();
      await page.keyboard.press('Enter');
      await row(page, 'a.txt').waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.locator('tr.row-active[data-name="a.txt"]').waitFor();
      await page.keyboard.press('Backspace');
      await row(page, 'evil').waitFor();

      // Downloads: a file, and docs as a gzip'd tar holding a.txt.
      await page.goto(`/snapshots/${snapshotId}?path=docs`);
      const file = await download(page, row(page, 'a.txt').locator('[data-testid="entry-download"]'));
      assert.equal(file.toString(), 'alpha\n');
      await page.locator('[data-testid="crumb-root"]').click();
      const tar = await download(page, row(page, 'docs').locator('[data-testid="entry-download-tar"]'));
      assert.ok(tar.length > 0);
      assert.deepEqual([...tar.subarray(0, 2)], [0x1f, 0x8b], 'gzip magic');
      const unpacked = gunzipSync(tar);
      assert.ok(unpacked.includes('a.txt'), 'the archive holds a.txt');
      assert.ok(unpacked.includes('alpha\n'), "the archive holds a.txt's content");

      // Search (recursive) and sorting.
      await page.locator('#browse-search').fill('b.tx');
      await page.locator('tr[data-testid="entry-row"][data-path="docs/sub/b.txt"]').waitFor();
      assert.match(page.url(), /[?&]q=b.tx/);
      await page.locator('#browse-search').fill('');
      await row(page, 'evil').waitFor();
      await page.locator('[data-testid="sort-name"]').click();
      await page.waitForURL(/sort=-name/);
      await page.waitForFunction(() => {
        const names = [...document.querySelectorAll('tr[data-testid="entry-row"]')].map((r) => r.dataset.name);
        return names.length === 3 && names[0] === 'docs' && names[1] === 'evil';
      });

      // A second run with other content: a.txt has two versions.
      await writeFile(path.join(dir, 'docs', 'a.txt'), 'alpha, second version\n');
      await runJob(page.request, job.id);
      const snapshots = await apiCall(page.request, 'GET', `/api/jobs/${job.id}/snapshots`);
      assert.equal(snapshots.length, 2);
      const newest = snapshots[0];
      await page.goto(`/snapshots/${newest.id}?path=docs`);
      await row(page, 'a.txt').locator('[data-testid="entry-versions"]').click();
      const versions = page.locator('#versions-dialog');
      await versions.locator('[data-testid="version-row"]').nth(1).waitFor();
      assert.equal(await versions.locator('[data-testid="version-row"]').count(), 2);
      assert.equal(await versions.locator('[data-testid="version-unchanged"]').count(), 0);
      const older = await download(
        page,
        versions.locator('[data-testid="version-row"]').nth(1).locator('[data-testid="version-download"]'),
      );
      assert.equal(older.toString(), 'alpha\n');
      await page.locator('#versions-dialog-close').click();
      await versions.waitFor({ state: 'detached' });

      // Restore docs into a new folder under `target` on the same client.
      await page.locator('[data-testid="crumb-root"]').click();
      await row(page, 'docs').locator('[data-testid="entry-restore"]').click();
      const dialog = page.locator('#restore-dialog');
      await dialog.waitFor();
      await page.waitForFunction((id) => document.querySelector('#restore-client')?.value === String(id), client.id);
      assert.equal(await page.locator('#restore-mode-new').isChecked(), true);
      assert.equal(await page.locator('#restore-delete').count(), 0);
      await page.locator('#restore-target').fill(target);
      await page.locator('#restore-preview').click();
      const preview = page.locator('#restore-preview-result');
      await preview.waitFor({ timeout: 60_000 });
      const changes = await preview.locator('[data-testid="restore-change"]').evaluateAll((items) =>
        items.map((li) => [li.dataset.action, li.dataset.path]),
      );
      assert.ok(
        changes.some(([action, p]) => action === 'create' && p.endsWith('a.txt')),
        `a.txt is created: ${JSON.stringify(changes)}`,
      );
      assert.ok((await page.locator('#restore-destination').textContent()).startsWith(target));
      await page.locator('#restore-submit').click();
      const queued = page.locator('#restore-queued');
      await queued.waitFor();
      const runId = await queued.getAttribute('data-run-id');
      assert.equal(await page.locator('#restore-run-link').getAttribute('href'), `/runs/${runId}`);
      const restoreRun = assertOk(await finished(page.request, runId));
      assert.equal(restoreRun.kind, 'restore');
      await page.locator('#restore-queued[data-state="finished"] [data-testid="run-result"]').waitFor();

      // On disk: target/restore-<time>/…/docs/a.txt with the newest content.
      const files = await filesUnder(target);
      const a = files.find((f) => f.endsWith(path.join('docs', 'a.txt')));
      const b = files.find((f) => f.endsWith(path.join('docs', 'sub', 'b.txt')));
      assert.ok(a && b, `restored files: ${JSON.stringify(files)}`);
      assert.match(a, /^restore-/);
      assert.equal(await readFile(path.join(target, a), 'utf8'), 'alpha, second version\n');
      assert.equal(await readFile(path.join(target, b), 'utf8'), 'beta\n');
      assert.deepEqual(dialogs, [], 'no alert() ran');
      assert.deepEqual(errors, [], 'no errors in the page');
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });

  await withPage(
    browser(),
    t,
    async (page) => {
      await login(page);
      const client = await apiLocalClient(page.request, unique('e2e-restore-phone'));
      try {
        const job = await apiJob(page.request, client.id, {
          source_path: `${dir}/`,
          use_local_permissions: false,
        });
        await runJob(page.request, job.id);
        const [snapshot] = await apiCall(page.request, 'GET', `/api/jobs/${job.id}/snapshots`);
        for (const where of ['', '?path=docs']) {
          await page.goto(`/snapshots/${snapshot.id}${where}`);
          await page.locator('[data-testid="entry-row"]').first().waitFor();
          const overflow = await sidewaysScroll(page);
          assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${where || 'the root'}`);
          assert.equal(await page.locator('#browse-table th.col-mode').isVisible(), false);
        }
      } finally {
        await apiCleanup(page.request, `/api/clients/${client.id}`);
      }
    },
    { viewport: { width: 390, height: 844 } },
  );
  await rm(dir, { recursive: true, force: true });
  await rm(target, { recursive: true, force: true });
});
