// Issue 11: a Basque or Spanish user stays in their language. A user who has not chosen a
// language keeps the login page's (the browser's, or the one switched to there) after
// login and after a reload; a choice made on the login page is saved for them; a saved
// choice wins over the browser; dates and weekday names are Basque in Basque.
//
// The users are created through the API (without a language unless said) and deleted after.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  CONTEXT, apiCall, apiCleanup, apiLogin, launch, login, switchLanguage, unique, waitForLang, withPage,
} from './lib.mjs';

let browser;
let admin; // a browser context whose request client is signed in as the e2e admin
const created = [];

before(async () => {
  browser = await launch();
  admin = await browser.newContext({ ...CONTEXT });
  await apiLogin(admin.request);
});
after(async () => {
  for (const id of created) await apiCleanup(admin.request, `/api/users/${id}`);
  await admin?.close();
  await browser?.close();
});

/** Creates a user through the API; `language` undefined leaves it unchosen. */
async function newUser(prefix, { role = 'operator', language } = {}) {
  const username = unique(prefix);
  const password = `${username}-password`;
  const body = { username, password, role };
  if (language !== undefined) body.language = language;
  const user = await apiCall(admin.request, 'POST', '/api/users', body);
  created.push(user.id);
  return { ...user, password };
}

async function languageOf(user) {
  return (await apiCall(admin.request, 'GET', `/api/users/${user.id}`)).language;
}

const BASQUE = { locale: 'eu' };
const navJobs = (page) => page.locator('nav [data-testid="nav-jobs"]');

test('(a) a Basque browser logs in and stays in Basque, also after a reload', async (t) => {
  const user = await newUser('e2e-eu');
  assert.equal(user.language, null, 'created without a language: not chosen');
  await withPage(browser, t, async (page) => {
    await page.goto('/login');
    await waitForLang(page, 'eu');
    assert.equal((await page.locator('#login-submit').textContent()).trim(), 'Sartu');
    await login(page, user.username, user.password);
    await waitForLang(page, 'eu');
    assert.equal((await navJobs(page).textContent()).trim(), 'Lanak');
    assert.equal(await page.locator('#lang-select').inputValue(), 'eu');

    await page.reload();
    await page.locator('#logout').waitFor();
    await waitForLang(page, 'eu');
    assert.equal((await navJobs(page).textContent()).trim(), 'Lanak');

    // Showing the browser's language is not a choice: nothing was saved.
    assert.equal(await languageOf(user), null);
    // The preferences page says so.
    await page.goto('/preferences');
    await page.locator('#prefs-form').waitFor();
    assert.equal(await page.locator('#prefs-language').inputValue(), '');
    assert.match(await page.locator('#prefs-language option[value=""]').textContent(), /Aukeratu gabe \(Euskara/);
  }, BASQUE);
});

test('a language switched to on the login page is saved for a user without one', async (t) => {
  const user = await newUser('e2e-switch');
  await withPage(browser, t, async (page) => {
    await page.goto('/login');
    await waitForLang(page, 'eu');
    await switchLanguage(page, 'es', { signedIn: false });
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT',
    );
    await login(page, user.username, user.password);
    assert.ok((await saved).ok());
    await waitForLang(page, 'es');
    assert.equal((await navJobs(page).textContent()).trim(), 'Tareas');
    assert.equal(await languageOf(user), 'es');
  }, BASQUE);
});

test('(b) a Spanish user who switched to English gets English from a Basque browser', async (t) => {
  const user = await newUser('e2e-es', { language: 'es' });
  await withPage(browser, t, async (page) => {
    await login(page, user.username, user.password);
    await waitForLang(page, 'es');
    await switchLanguage(page, 'en');
    assert.equal(await languageOf(user), 'en');
  });
  await withPage(browser, t, async (page) => {
    await page.goto('/login');
    await waitForLang(page, 'eu');
    await login(page, user.username, user.password);
    await waitForLang(page, 'en');
    assert.equal((await navJobs(page).textContent()).trim(), 'Jobs');
    await page.reload();
    await page.locator('#logout').waitFor();
    await waitForLang(page, 'en');
    assert.equal(await languageOf(user), 'en');
  }, BASQUE);
});

const BASQUE_WEEKDAYS = /astelehena|asteartea|asteazkena|osteguna|ostirala|larunbata|igandea/;
const ENGLISH_NAMES = /Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;

test('(c) the policy page shows Basque names of policies, weekdays and months', async (t) => {
  const user = await newUser('e2e-pol', { role: 'admin' });
  await withPage(browser, t, async (page) => {
    await login(page, user.username, user.password);
    await waitForLang(page, 'eu');
    await page.goto('/policies');
    const row = page.locator('tr[data-testid="policy-row"][data-policy-name="Politika lehenetsia"]');
    await row.waitFor();
    const id = await row.getAttribute('data-policy-id');

    await page.goto(`/policies/${id}`);
    await page.locator('#policy-name').waitFor();
    assert.equal(await page.locator('#policy-name').inputValue(), 'Politika lehenetsia');
    const days = await page.locator('#policy-daily-dow label.check').allTextContents();
    assert.deepEqual(days.map((d) => d.trim()), ['al.', 'ar.', 'az.', 'og.', 'or.', 'lr.', 'ig.']);
    const months = await page.locator('#policy-daily-months label.check').allTextContents();
    assert.equal(months[11].trim(), 'abe.');

    const runs = page.locator('[data-testid="policy-run"] time');
    await runs.first().waitFor();
    const texts = await runs.allTextContents();
    assert.ok(texts.length > 0);
    for (const text of texts) {
      assert.match(text, /^\d{4}\(e\)ko [a-z]+ren \d{1,2}\(a\), /, text);
      assert.match(text, BASQUE_WEEKDAYS, text);
      assert.doesNotMatch(text, ENGLISH_NAMES, text);
    }
  }, BASQUE);
});
