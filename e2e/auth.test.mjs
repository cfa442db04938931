// Signing in and out: localised login errors, landing page, logout, deep links, and the
// session cookie's flags (Secure when the suite runs over HTTPS, as `cargo xtask test` does).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BASE_URL, browserForFile, login, logout, submitLogin, unique, waitForLang, withPage } from './lib.mjs';

const browser = browserForFile();

test('a wrong password shows the localised error, in English then in Spanish', async (t) => {
  await withPage(browser(), t, async (page) => {
    // A user of its own, so the login rate limit of the real admin is never touched.
    const nobody = unique('e2e-nobody');
    await page.goto('/login');
    await waitForLang(page, 'en');
    await submitLogin(page, nobody, 'not-the-password');
    const error = page.locator('#login-error');
    await error.waitFor();
    assert.equal((await error.textContent()).trim(), 'Wrong username or password.');

    await page.locator('#lang-select').selectOption('es');
    await waitForLang(page, 'es');
    await page.getByText('Nombre de usuario o contraseña incorrectos.').waitFor();
    assert.equal((await page.locator('#login-submit').textContent()).trim(), 'Entrar');

    await submitLogin(page, nobody, 'still-not-the-password');
    await page.locator('#login-error', { hasText: 'Nombre de usuario o contraseña incorrectos.' }).waitFor();
    assert.equal(await page.locator('#logout').count(), 0);
  });
});

test('signing in lands on the dashboard; the menu leads to the jobs list', async (t) => {
  await withPage(browser(), t, async (page) => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await submitLogin(page);
    await page.locator('#logout').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await page.locator('#page-title', { hasText: 'Dashboard' }).waitFor();
    await page.locator('[data-testid="dashboard"]').waitFor();
    assert.equal(await page.locator('nav [data-testid="nav-dashboard"]').getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('nav [data-testid="nav-jobs"]').getAttribute('aria-current'), null);

    await page.locator('nav [data-testid="nav-jobs"]').click();
    await page.waitForURL('**/jobs');
    await page.locator('#page-title', { hasText: 'Jobs' }).waitFor();
    await page.locator('#clients-table').waitFor();
    assert.equal(await page.locator('nav [data-testid="nav-jobs"]').getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('nav [data-testid="nav-dashboard"]').getAttribute('aria-current'), null);
  });
});

test('logging out returns to the login page and ends the session', async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    await logout(page);
    assert.equal(new URL(page.url()).pathname, '/login');
    // The cookie is gone: a signed-in page sends us back to the login form.
    await page.goto('/tokens');
    await page.locator('#login-form').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    const me = await page.request.get('/api/auth/me');
    assert.equal(me.status(), 401);
  });
});

test('a deep link shows the in-app not-found page after login', async (t) => {
  await withPage(browser(), t, async (page) => {
    // Signed out: the login page remembers where we wanted to go.
    await page.goto('/nonexistent/3');
    await page.locator('#login-form').waitFor();
    await submitLogin(page);
    await page.locator('#not-found').waitFor();
    assert.equal(new URL(page.url()).pathname, '/nonexistent/3');
    await page.locator('nav').waitFor();
    assert.equal((await page.locator('#page-title').textContent()).trim(), 'Page not found');

    // Signed in: loading the deep link directly shows it inside the frame too.
    await page.goto('/clients/3/nothing');
    await page.locator('#not-found').waitFor();
    await page.locator('#logout').waitFor();
    assert.match(await page.locator('#not-found').textContent(), /\/clients\/3\/nothing/);
  });
});

test('the session cookie is HttpOnly, SameSite=Strict, and Secure over HTTPS', async (t) => {
  await withPage(browser(), t, async (page, context) => {
    await login(page);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'elkarbackup_session');
    assert.ok(session, `no session cookie in ${JSON.stringify(cookies)}`);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(session.path, '/');
    // The browser suite runs over HTTPS in `cargo xtask test`: there the cookie must be
    // Secure; over plain HTTP (a local run) it cannot be.
    assert.equal(session.secure, BASE_URL.startsWith('https:'), `${BASE_URL}: ${JSON.stringify(session)}`);
    // Sent back over this connection: the app's own requests are signed in.
    assert.equal((await page.request.get('/api/auth/me')).status(), 200);
  });
});
