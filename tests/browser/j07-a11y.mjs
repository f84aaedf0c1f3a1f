// Accessibility and markup, to zero: every page each role reaches by links
// (and anonymous /login), at phone and desktop sizes, checked by axe-core
// in the page and by html-validate on the HTML as served. One result line
// per (page, role, size); any axe violation or html-validate error fails it.
//
// axe-core is injected as a script, which the pages' Content-Security-Policy
// forbids; bypassCSP lifts it in these test contexts only.
//
// .htmlvalidate.json is html-validate's recommended preset with one change
// (JSON holds no comments, so the reasons are here):
// - form-dup-name also shares "checkbox": a list's row checkboxes are one
//   field with many values (name="id" once per row, read as a list by the
//   review and table pages), which is how HTML forms send a selection.
// One element opts out in place, with its reason in the comment:
// - meta-refresh in header.cs: the card's gate code lives a minute, so
//   without scripts (inside <noscript>) the card renews itself; the gate
//   phone's result returns to the scanner after a few seconds.
import { base, check } from './harness.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const root = process.env.ROOT || process.cwd();
// .htmlvalidate.json at the top of the checkout says which rules and why.
const validator = new HtmlValidate(new FileSystemConfigLoader());

const sizes = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 900 } },
};

// Pages no link leads to but a person may open (a bookmark, a QR).
const extra = {
  anonymous: ['/login', '/logout', '/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  // Issue 15's pages: the pass, a temporary pass, booking, leave.
  student: ['/scan/gate', '/person', '/phone', '/pass', '/pass/temp', '/booking', '/leave', '/pass/photo'],
  grad: ['/scan/gate', '/person'],
  // Issue 14's pages behind the menu's /org and /people: a unit, a search,
  // a person (with their account and roles), the blank form.
  admin: ['/org/edit?id=2', '/people?q=1', '/people/edit?id=1', '/people/new', '/people/import', '/exempt', '/audit',
    '/places', '/places/stats', '/pass/trace', '/pass/photos',

    // Issue 21: a change of the rules previewed (its tables of cards).
    '/policy/preview?fever=36.5&streak_days=7&makeup_days_back=0&makeup_per_term=0&summary_deadline=11:30',
    '/policy/retention?reports=30&audit=365',
    // The daily form's questions and the bulk resets' previews.
    '/policy/questions', '/policy/reset?state=checkins&reason=a11y',
    '/policy/term?name=a11y&starts_on=2030-02-01&ends_on=2030-07-01'],
};
const MAX_PAGES = 40;       // per role: the crawl stops there

async function signIn(ctx, who) {
  const page = await ctx.newPage();
  if (who !== 'anonymous') {
    await page.goto(`${base}/login`);
    await page.fill('input[name=login]', who);
    await page.fill('input[name=password]', 'demo');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  }
  return page;
}

// The HTML pages reachable by links from where a person lands, each path
// once (the first query string seen for it), by plain requests.
async function crawl(ctx, start, more) {
  const seen = new Map();
  const queue = [start, '/', ...more];
  while (queue.length && seen.size < MAX_PAGES) {
    const u = queue.shift();
    const key = u.split('?')[0];
    if (seen.has(key)) continue;
    const r = await ctx.request.get(base + u, { maxRedirects: 0 });
    const html = r.status() === 200 && (r.headers()['content-type'] || '').startsWith('text/html');
    seen.set(key, html ? u : null);
    if (!html) continue;
    for (const m of (await r.text()).matchAll(/href="([^"]*)"/g)) {
      const h = m[1].replace(/&amp;/g, '&');
      if (!h || /^(\?|#|data:|mailto:|tel:)/.test(h)) continue;
      const to = new URL(h, base + u);
      if (to.origin !== base || to.pathname.startsWith('/static/') || to.pathname === '/logout') continue;
      queue.push(to.pathname + to.search);
    }
  }
  return [...seen.values()].filter(Boolean);
}

function axeSummary(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)
    .map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` +${v.nodes.length - 3}` : ''}`).join(' | ');
}

async function validate(html, file) {
  const report = await validator.validateString(html, path.join(root, file));
  const messages = report.results.flatMap((r) => r.messages);
  const byRule = {};
  for (const m of messages) (byRule[m.ruleId] ||= []).push(`${m.line}:${m.column}`);
  return { count: messages.length,
    detail: Object.entries(byRule).map(([id, at]) => `${id} x${at.length} at ${at.slice(0, 3).join(' ')}`).join(' | ') };
}

// One page a journey reached (its context made with bypassCSP), checked
// as the sweep checks each: axe in the page, html-validate on the HTML as
// served (res: the response of its page.goto or navigation).
export async function checkPage(page, res, label) {
  const where = new URL(page.url()).pathname;
  const html = await validate(await res.text(), `page${where.replace(/\//g, '_')}.html`);
  await page.addScriptTag({ path: axePath });
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return check(`${label} ${where}: axe ${violations.length} violations, html-validate ${html.count} errors`,
    violations.length === 0 && html.count === 0,
    [axeSummary(violations), html.detail].filter(Boolean).join(' || '));
}

export default async function (browser) {
  const roles = ['anonymous', 'student', 'grad', 'counselor', 'reviewer', 'admin', 'gate', 'dorm'];
  const labels = {};
  // The card in each colour, seen by its student (each colour's words,
  // icon and links on its own ground): a student per colour, found in
  // the admin's table by card state.
  const colours = {
    yellow: ['waiting_checkins', 'window_not_open', 'second_review', 'first_review', 'evidence_needed'],
    orange: ['rejected', 'window_closed'], red: ['abnormal'], green: ['may_return', 'may_return_boarder'],
    blue: ['returned', 'returned_boarder'], grey: ['sent_back', 'to_apply'],
  };
  const actx = await browser.newContext({ bypassCSP: true });
  await signIn(actx, 'admin');
  for (const [colour, states] of Object.entries(colours)) {
    for (const state of states) {
      const html = await (await actx.request.get(`${base}/table?card=${state}`)).text();
      const m = html.match(/<tr data-number="([0-9]+)"/);
      if (m && !roles.includes(m[1])) {
        roles.push(m[1]); labels[m[1]] = `${colour}-card`; extra[m[1]] = ['/card'];
        break;
      }
    }
    if (!Object.values(labels).includes(`${colour}-card`)) console.log(`# a11y: no student with a ${colour} card`);
  }
  await actx.close();
  const markup = new Map();   // role + path -> html-validate's verdict
  const totals = { pages: 0, axe: 0, html: 0 };
  // Per role: both sizes signed in, the pages found once, then the two
  // sizes checked side by side (two renderers on two cores).
  async function sweep(who, label, size, page, pages) {
    for (const u of pages) {
      const t0 = Date.now();
      const res = await page.goto(base + u);
      const where = u.split('?')[0];
      const key = `${who} ${where}`;
      if (!markup.has(key)) markup.set(key, validate(await res.text(), `page${where.replace(/\//g, '_')}.html`));
      const html = await markup.get(key);
      await page.addScriptTag({ path: axePath });
      const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      if (process.env.HC_A11Y_TIMES) console.log(`# ${Date.now() - t0} ms ${u}`);
      totals.pages++; totals.axe += violations.length; totals.html += html.count;
      check(`${label} ${size} ${where}: axe ${violations.length} violations, html-validate ${html.count} errors`,
        violations.length === 0 && html.count === 0,
        [axeSummary(violations), html.detail].filter(Boolean).join(' || '));
    }
  }
  for (const who of roles) {
    const label = labels[who] || who;
    // HC_A11Y_ONLY=admin,red-card checks only those.
    if (process.env.HC_A11Y_ONLY && !process.env.HC_A11Y_ONLY.split(',').includes(label)) continue;
    const ctxs = await Promise.all(Object.values(sizes).map((opts) =>
      browser.newContext({ ...opts, locale: 'zh-CN', bypassCSP: true })));
    const pagesOf = await Promise.all(ctxs.map((ctx) => signIn(ctx, who)));
    const start = new URL(pagesOf[0].url());
    const pages = who === 'anonymous' || labels[who] ? extra[who]
      : await crawl(ctxs[0], start.pathname + start.search, extra[who] || []);
    console.log(`# a11y ${label}: ${pages.join(' ')}`);
    await Promise.all(Object.keys(sizes).map((size, i) => sweep(who, label, size, pagesOf[i], pages)));
    await Promise.all(ctxs.map((ctx) => ctx.close()));
  }
  console.log(`# a11y: ${totals.pages} page views, ${totals.axe} axe violations, ${totals.html} html-validate errors`);
}
