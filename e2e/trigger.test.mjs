// A job's trigger token from its page: created, shown once with the two commands that
// start the job (the API's address and ElkarBackup 2.x's), and both commands, run as
// shown with curl, queue a run of that job; a wrong token is refused.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { apiCall, apiCleanup, apiJob, apiLocalClient, browserForFile, login, unique, url, withPage } from './lib.mjs';

const browser = browserForFile();
const run = promisify(execFile);

/**
 * Runs a `curl …` command as the page shows it (words split as a shell would: on spaces,
 * outside single quotes, which the commands use and nothing else), trusting the test
 * server's CA; the HTTP status and the body.
 */
async function curl(command) {
  const words = command.match(/(?:'[^']*'|[^\s'])+/g).map((w) => w.replace(/'/g, ''));
  assert.equal(words.shift(), 'curl');
  const ca = process.env.NODE_EXTRA_CA_CERTS ? ['--cacert', process.env.NODE_EXTRA_CA_CERTS] : [];
  const { stdout } = await run('curl', ['-sS', ...ca, '-w', '\n%{http_code}', ...words]);
  const at = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(at + 1)), body: stdout.slice(0, at) };
}

test("a job's trigger token starts it with the commands its page shows", async (t) => {
  await withPage(browser(), t, async (page) => {
    await login(page);
    const client = await apiLocalClient(page.request, unique('e2e-trigger'));
    try {
      const job = await apiJob(page.request, client.id, { source_path: '/nonexistent-trigger/' });
      await page.goto(url(`/jobs/${job.id}`));
      await page.locator('#job-token-state', { hasText: 'no trigger token' }).waitFor();
      await page.locator('#job-token-create').click();
      const token = await page.locator('#job-token-value').inputValue();
      assert.ok(token.length >= 20, token);
      const api = await page.locator('#job-token-command').inputValue();
      const upstream = await page.locator('#job-token-upstream').inputValue();
      assert.equal(upstream, `curl -X POST ${url(`/client/${client.id}/job/${job.id}/run`)} -d 'token=${token}'`);

      for (const command of [api, upstream]) {
        const answer = await curl(command);
        assert.equal(answer.status, 202, `${command}: ${answer.body}`);
        const queued = JSON.parse(answer.body);
        assert.equal(queued.job_id, job.id);
        assert.equal(queued.trigger, 'token');
      }
      const wrong = await curl(upstream.replace(`token=${token}`, 'token=wrong'));
      assert.equal(wrong.status, 401);
      assert.equal(JSON.parse(wrong.body).code, 'invalid_trigger_token');
      const runs = await apiCall(page.request, 'GET', `/api/runs?job_id=${job.id}`);
      assert.ok(runs.total >= 1, `runs of the job: ${JSON.stringify(runs)}`);
      assert.ok(runs.items.every((r) => r.trigger === 'token'));
    } finally {
      await apiCleanup(page.request, `/api/clients/${client.id}`);
    }
  });
});
