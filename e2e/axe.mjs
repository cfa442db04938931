// axe-core (npm) in the browser tests: injected into the page under test, run with the
// WCAG 2.1 A and AA rules. The page's context must be made with `bypassCSP: true`: axe is
// injected as an inline script, which the app's Content-Security-Policy forbids.

import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2.1 A and AA rule tags. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on `selector` (the whole document when null) of the page as it is now, with
 * `options` (the WCAG 2.1 AA rules by default); axe's whole result.
 */
export async function axeRun(page, selector = null, options = { runOnly: { type: 'tag', values: WCAG_21_AA } }) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: AXE });
  }
  return page.evaluate(([s, o]) => window.axe.run(s ?? document, o), [selector, options]);
}

/** axe's violations, as `{ impact, line }` with one line each, for printing. */
export function violationLines(result) {
  return result.violations.map((v) => ({
    impact: v.impact,
    line: `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`,
  }));
}
