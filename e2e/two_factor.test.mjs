// Two-factor sign-in: a user sets it up from the QR code's secret and a first code, sees
// the recovery codes once, then signs in with the password and a code (a wrong code is
// refused in words); an administrator resets it from the user's page, after which the
// password alone is enough again. The page in Spanish.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TOTP } from 'otpauth';

import { apiCall, apiCleanup, browserForFile, login, logout, submitLogin, unique, url, withPage } from './lib.mjs';

const browser = browserForFile();

/** The code of `secret` (base32) at `offset` seconds from now. */
function code(secret, offset = 0) {
  return new TOTP({ secret, digits: 6, period: 30 }).generate({ timestamp: Date.now() + offset * 1000 });
}

test('set up two-factor sign-in, sign in with a code, an administrator resets it', async (t) => {
  const name = unique('e2e-totp');
  const password = 'totp-password-orchard';
  await withPage(browser(), t, async (admin) => {
    await login(admin);
    const user = await apiCall(admin.request, 'POST', '/api/users', {
      username: name,
      password,
      role: 'operator',
      language: 'en',
    });
    try {
      await withPage(browser(), t, async (page) => {
        await login(page, name, password);
        await page.locator('nav [data-testid="nav-two-factor"]').click();
        await page.waitForURL('**/two-factor');
        await page.locator('#totp-off').waitFor();

        // A wrong password is the password field's problem.
        await page.locator('#totp-password').fill('not-my-password');
        await page.locator('#totp-setup-start').click();
        await page.locator('#totp-password-error').waitFor();
        await page.locator('#totp-password').fill(password);
        await page.locator('#totp-setup-start').click();
        const qr = page.locator('#totp-qr');
        await qr.waitFor();
        assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
        const secret = (await page.locator('#totp-secret').inputValue()).replace(/\s/g, '');
        assert.match(secret, /^[A-Z2-7]{32}$/);

        await page.locator('#totp-code').fill('000000' === code(secret) ? '111111' : '000000');
        await page.locator('#totp-confirm').click();
        await page.locator('#totp-code-error').waitFor();
        await page.locator('#totp-code').fill(code(secret));
        await page.locator('#totp-confirm').click();
        await page.locator('#totp-codes-panel').waitFor();
        const codes = (await page.locator('#totp-codes').inputValue()).trim().split('\n');
        assert.equal(codes.length, 10);
        await page.locator('#totp-codes-done').click();
        await page.locator('#totp-codes-panel').waitFor({ state: 'detached' });
        await page.locator('#totp-codes-left', { hasText: '10' }).waitFor();

        // Signing in now takes a code: asked for after the password, a wrong one refused.
        await logout(page);
        await submitLogin(page, name, password);
        await page.locator('#login-code').waitFor();
        await page.locator('#login-error', { hasText: 'authenticator app' }).waitFor();
        await page.locator('#login-code').fill(codes[0].slice(0, 4) + 'zzzzzzzzzzzz');
        await page.locator('#login-submit').click();
        await page.locator('#login-error', { hasText: 'Wrong code' }).waitFor();
        // The confirmation took this step's code: the next step's is new.
        await page.locator('#login-code').fill(code(secret, 30));
        await page.locator('#login-submit').click();
        await page.locator('#logout').waitFor();

        // The page in Spanish.
        await apiCall(page.request, 'PUT', '/api/me/preferences', { language: 'es', page_size: 20 });
        await page.goto(url('/two-factor'));
        await page.locator('#page-title', { hasText: 'Inicio de sesión en dos pasos' }).waitFor();
        await page.locator('#totp-state', { hasText: 'Activado desde' }).waitFor();

        // The administrator resets it: the password alone is enough again.
        await admin.goto(url(`/users/${user.id}`));
        await admin.locator('#user-two-factor-reset').click();
        await admin.locator('#user-two-factor-reset-confirm').click();
        await admin.locator('#user-two-factor-reset-done').waitFor();
        await logout(page);
        await submitLogin(page, name, password);
        await page.locator('#logout').waitFor();
      });
    } finally {
      await apiCleanup(admin.request, `/api/users/${user.id}`);
    }
  });
});
