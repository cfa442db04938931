// The jobs list (`/jobs`) and the priorities page: clone and delete a client (per row and
// in bulk, after the confirmation dialog), the list as cards on a 390 px phone (name,
// result, last run and actions in view, no sideways scrolling, selection and bulk delete
// still working), reorder job priorities with the keyboard, the buttons and drag and
// drop, and an operator who sees only their own clients.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CONTEXT,
  apiCall,
  apiCleanup,
  apiLogin,
  browserForFile,
  login,
  unique,
  withPage,
} from './lib.mjs';

const browser = browserForFile();

/** A client with jobs made through the API; returns the client as the API answers. */
async function makeClient(request, name, jobNames = ['home'], extra = {}) {
  const client = await apiCall(request, 'POST', '/api/clients', {
    name,
    connection: { kind: 'ssh', user: 'root', host: 'client.example.org' },
    ...extra,
  });
  const policies = await apiCall(request, 'GET', '/api/policies');
  const locations = await apiCall(request, 'GET', '/api/locations');
  for (const job of jobNames) {
    await apiCall(request, 'POST', '/api/jobs', {
      client_id: client.id,
      name: job,
      source_path: `/${job}/`,
      policy_id: policies.items[0].id,
      location_id: locations.items[0].id,
    });
  }
  return apiCall(request, 'GET', `/api/clients/${client.id}`);
}

/** Every client whose name contains `q`. */
async function clientsNamed(request, q) {
  const page = await apiCall(request, 'GET', `/api/clients?per_page=500&q=${encodeURIComponent(q)}`);
  return page.items.map((c) => c.name).sort();
}

test('clone a client, then delete the copy and the original', async (t) => {
  await withPage(browser(), t, async (page) => {
    const name = unique('e2e-clone');
    await login(page);
    const original = await makeClient(page.request, name, ['home', 'etc']);
    try {
      await page.goto(`/jobs?q=${name}`);
      const row = page.locator(`tr[data-client-name="${name}"]`);
      await row.locator('[data-testid="client-more"]').click();
      await row.locator('[data-testid="client-clone"]').click();
      const copyRow = page.locator(`tr[data-client-name="${name}-copy"]`);
      await copyRow.waitFor();
      await page.locator('#jobs-notice', { hasText: `${name}-copy` }).waitFor();
      assert.deepEqual(await clientsNamed(page.request, name), [name, `${name}-copy`]);
      const copyGroup = page.locator('tbody', { has: copyRow });
      assert.equal(await copyGroup.locator('[data-testid="job-row"]').count(), 2);

      // Delete the copy: the dialog says what goes; cancelling keeps it.
      await copyRow.locator('[data-testid="client-more"]').click();
      await copyRow.locator('[data-testid="client-delete"]').click();
      const dialog = page.locator('#delete-dialog');
      await dialog.waitFor();
      assert.match(await dialog.textContent(), new RegExp(`${name}-copy.*2 jobs: home, etc`));
      await dialog.locator('[data-testid="confirm-cancel"]').click();
      await dialog.waitFor({ state: 'detached' });
      await copyRow.locator('[data-testid="client-more"]').click();
      await copyRow.locator('[data-testid="client-delete"]').click();
      await dialog.locator('[data-testid="confirm-ok"]').click();
      await copyRow.waitFor({ state: 'detached' });
      await page.locator('#jobs-notice', { hasText: 'deleted' }).waitFor();
      assert.deepEqual(await clientsNamed(page.request, name), [name]);

      // Delete the original with the bulk action.
      await row.locator('[data-testid="select-client"]').check();
      await page.locator('#bulk-delete').click();
      await dialog.waitFor();
      assert.match(await dialog.textContent(), new RegExp(name));
      await dialog.locator('[data-testid="confirm-ok"]').click();
      await row.waitFor({ state: 'detached' });
      assert.deepEqual(await clientsNamed(page.request, name), []);
      assert.equal(await page.locator('#bulk-run').isDisabled(), true);
    } finally {
      for (const c of await apiCall(page.request, 'GET', `/api/clients?per_page=500&q=${name}`).then((p) => p.items)) {
        await apiCleanup(page.request, `/api/clients/${c.id}`);
      }
      await apiCleanup(page.request, `/api/clients/${original.id}`);
    }
  });
});

test('on a 390 px phone each client and job is a card with its name, result, last run and actions', async (t) => {
  await withPage(
    browser(),
    t,
    async (page) => {
      const name = unique('e2e-phone');
      await login(page);
      const client = await makeClient(page.request, `${name}-with-a-rather-long-name.example.org`, ['home', 'etc']);
      const [home, etc] = ['home', 'etc'].map((n) => client.jobs.find((j) => j.name === n));
      try {
        await page.goto(`/jobs?q=${name}`);
        const clientRow = page.locator(`tr[data-client-id="${client.id}"]`);
        const homeRow = page.locator(`tr[data-job-id="${home.id}"]`);
        await homeRow.waitFor();
        const overflow = await page.evaluate(() => {
          const doc = document.documentElement;
          const wrap = document.querySelector('#clients-table').closest('.table-wrap');
          return { page: doc.scrollWidth - doc.clientWidth, table: wrap.scrollWidth - wrap.clientWidth };
        });
        assert.deepEqual(overflow, { page: 0, table: 0 });
        // Everything that matters is inside the screen's width, and visible.
        const inView = async (locator, what) => {
          assert.ok(await locator.isVisible(), `${what} is hidden`);
          const box = await locator.boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= 390, `${what} is out of view: ${JSON.stringify(box)}`);
        };
        await inView(clientRow.locator('.client-name'), 'the client name');
        await inView(clientRow.locator('[data-testid="client-result"]'), 'the client result');
        await inView(clientRow.locator('.jobs-cell-when'), 'the client last run');
        await inView(clientRow.locator('[data-testid="client-more"]'), 'the client menu');
        await inView(homeRow.locator('.job-name a'), 'the job name');
        await inView(homeRow.locator('[data-testid="job-result"]'), 'the job result');
        // The last run says what it is (the column headings are hidden on a phone).
        const when = homeRow.locator('.jobs-cell-when');
        await inView(when, 'the job last run');
        assert.equal(await when.getAttribute('data-label'), 'Last run');
        assert.equal((await when.textContent()).trim(), 'Never');
        await inView(homeRow.locator('[data-testid="job-more"]'), 'the job menu');
        await inView(page.locator('#select-all'), 'select all');

        // The row menu opens inside the screen.
        await homeRow.locator('[data-testid="job-more"]').click();
        await inView(homeRow.locator('[data-testid="job-delete"]'), 'the menu\'s delete');
        await homeRow.locator('[data-testid="job-more"]').click();

        // Ticking a card and the bulk delete still work.
        await page.locator(`tr[data-job-id="${etc.id}"] [data-testid="select-job"]`).check();
        await page.locator('#bulk-delete').click();
        const dialog = page.locator('#delete-dialog');
        await dialog.waitFor();
        await dialog.locator('[data-testid="confirm-ok"]').click();
        await page.locator(`tr[data-job-id="${etc.id}"]`).waitFor({ state: 'detached' });
        const left = await apiCall(page.request, 'GET', `/api/clients/${client.id}`);
        assert.deepEqual(left.jobs.map((j) => j.name), ['home']);
      } finally {
        await apiCleanup(page.request, `/api/clients/${client.id}`);
      }
    },
    { viewport: { width: 390, height: 844 } },
  );
});

test('reorder job priorities with the keyboard, the buttons and drag and drop', async (t) => {
  await withPage(browser(), t, async (page) => {
    const name = unique('e2e-prio');
    await login(page);
    const client = await makeClient(page.request, name, ['a', 'b', 'c']);
    const [a, b, c] = client.jobs.map((j) => j.id).sort((x, y) => x - y);
    /** Our three jobs in the saved priority order. */
    const savedOrder = async () => {
      const all = await apiCall(page.request, 'GET', '/api/jobs?sort=priority&per_page=500');
      return all.items.map((j) => j.id).filter((id) => [a, b, c].includes(id));
    };
    const shownOrder = async () =>
      (await page.locator('[data-testid="priority-row"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.jobId))))
        .filter((id) => [a, b, c].includes(id));
    /** Waits until `read()` gives `expected` (the page updates a moment after an event). */
    const eventually = async (read, expected) => {
      let last;
      for (let i = 0; i < 50; i += 1) {
        last = await read();
        if (JSON.stringify(last) === JSON.stringify(expected)) return;
        await page.waitForTimeout(100);
      }
      assert.deepEqual(last, expected);
    };
    try {
      const before = await savedOrder();
      assert.deepEqual(before, [a, b, c]);
      await page.goto('/jobs');
      await page.locator('#sort-jobs-link').click();
      await page.waitForURL('**/jobs/priorities');
      const rowOf = (id) => page.locator(`[data-testid="priority-row"][data-job-id="${id}"]`);
      await rowOf(c).waitFor();
      assert.equal(await page.locator('#priorities-save').isDisabled(), true);

      // Keyboard: c up twice with Alt+↑ (it goes before a).
      await rowOf(c).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await eventually(shownOrder, [a, c, b]);
      // The moved row keeps the keyboard focus.
      await page.waitForFunction((id) => document.activeElement?.id === id, `prio-row-${c}`);
      await page.keyboard.press('Alt+ArrowUp');
      await eventually(shownOrder, [c, a, b]);
      await page.locator('#priorities-status', { hasText: 'moved' }).waitFor({ state: 'attached' });
      // Button: b up once.
      await rowOf(b).locator('[data-testid="priority-up"]').click();
      await eventually(shownOrder, [c, b, a]);
      await page.locator('#priorities-save').click();
      await page.locator('#priorities-saved').waitFor();
      await eventually(savedOrder, [c, b, a]);

      // Drag and drop: a onto c's place.
      await rowOf(a).dragTo(rowOf(c));
      await eventually(shownOrder, [a, c, b]);
      await page.locator('#priorities-save').click();
      await page.locator('#priorities-saved').waitFor();
      await eventually(savedOrder, [a, c, b]);
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
});

test('an operator sees only the clients they own', async (t) => {
  const admin = await browser().newContext({ ...CONTEXT });
  const request = admin.request;
  const tag = unique('e2e-op');
  const operator = { username: tag, password: 'operator-password-1' };
  let user;
  const created = [];
  try {
    await apiLogin(request);
    user = await apiCall(request, 'POST', '/api/users', {
      username: operator.username,
      password: operator.password,
      role: 'operator',
      language: 'en',
    });
    created.push(await makeClient(request, `${tag}-mine`, ['home'], { owner_id: user.id }));
    created.push(await makeClient(request, `${tag}-other`, ['home']));

    await withPage(browser(), t, async (page) => {
      await login(page, operator.username, operator.password);
      await page.goto(`/jobs?q=${tag}`);
      await page.locator(`tr[data-client-name="${tag}-mine"]`).waitFor();
      assert.equal(await page.locator('[data-testid="client-row"]').count(), 1);
      assert.equal(await page.locator(`tr[data-client-name="${tag}-other"]`).count(), 0);
      // What operators cannot manage is not offered.
      for (const hidden of ['nav-users', 'nav-scripts', 'nav-settings', 'nav-locations']) {
        assert.equal(await page.locator(`nav [data-testid="${hidden}"]`).count(), 0, hidden);
      }
      // Policies are read-only for them.
      await page.locator('nav [data-testid="nav-policies"]').click();
      await page.locator('[data-testid="policy-row"]').first().waitFor();
      assert.equal(await page.locator('#policy-new').count(), 0);
      // The other client cannot be opened either.
      await page.goto(`/clients/${created[1].id}`);
      await page.locator('#client-error').waitFor();
    });
  } finally {
    for (const c of created) await apiCleanup(request, `/api/clients/${c.id}`);
    if (user) await apiCleanup(request, `/api/users/${user.id}`);
    await admin.close();
  }
});
