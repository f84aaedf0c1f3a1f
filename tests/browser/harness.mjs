// harness.mjs - drives Debian's chromium with playwright-core on a
// phone-sized screen. Each check appends "ok ..." / "not ok ..." to the
// results file that tests/run.sh counts.
import { chromium } from 'playwright-core';
import { appendFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const base = `http://127.0.0.1:${process.env.HC_PORT}`;
export const shots = path.join(process.env.OUT || 'tests/out', 'screens');
mkdirSync(shots, { recursive: true });

let journey = 'browser';
export function setJourney(name) { journey = name; }

export function check(desc, ok, detail = '') {
  const line = `${ok ? 'ok' : 'not ok'} browser ${journey} ${desc}`;
  console.log(line + (ok || !detail ? '' : `\n#   ${detail}`));
  if (process.env.RESULTS) appendFileSync(process.env.RESULTS, line + '\n');
  return ok;
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives every launch a new empty profile of its own.
  });
}

// A phone: 390 x 844, touch, a WeChat-like user agent; extra: more context
// options ({ bypassCSP: true } for a page checkPage() injects axe into).
export async function phone(browser, extra = {}) {
  return browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 ' +
      '(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN',
    ...extra,
  });
}

export async function login(page, who, password = 'demo') {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', who);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

// sql(q): plain SQL on the test stack as its admin, in the school's zone
// (tools/stack.sh sql sets it): one string of tab-separated rows.
export function sql(q) {
  return execFileSync(path.join(process.env.ROOT, 'tools/stack.sh'),
    ['sql', process.env.HC_VAR, '-N', '-B', '-e', q]).toString().trim();
}

// What the QR in a PNG says, read by zbar as a gate phone's camera would
// ('' when none is found).
export function qrDecode(png) {
  try {
    return execFileSync('zbarimg', ['--quiet', '--raw', png]).toString().trim();
  } catch (e) {
    return '';
  }
}

// ---- steps several journeys share (the gate's, issue 15's) ----------------

// addGatePhone(admin, gateLabel, name): on /gates, the admin (a page logged
// in as admin) adds a phone named `name` at the gate or entrance whose
// option reads gateLabel ('东门', '学生浴室 · 正门'): its one-time
// enrolment link, as the page shows it.
export async function addGatePhone(admin, gateLabel, name) {
  await admin.goto(`${base}/gates`);
  await admin.selectOption('select[name=gate_id]', { label: gateLabel });
  await admin.fill('form[action="/gates/add_device"] input[name=name]', name);
  await Promise.all([admin.waitForNavigation(),
    admin.click('form[action="/gates/add_device"] button[type=submit]')]);
  return admin.inputValue('#enrol-url');
}

// enrolPhone(browser, link, extra): a new phone (phone(browser, extra))
// opens the enrolment link and enrols: its page, on the scanner.
export async function enrolPhone(browser, link, extra = {}) {
  const dev = await (await phone(browser, extra)).newPage();
  await dev.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await Promise.all([dev.waitForNavigation(), dev.click('button[type=submit]')]);
  return dev;
}

// Students whose return is approved, inside its window, not arrived yet:
// the gate's green cards to be, by person id (order 'ASC' or 'DESC').
export function greenCandidates(order = 'DESC', limit = 40) {
  return sql(`SELECT a.login FROM return_applications ra
    JOIN accounts a ON a.person_id = ra.person_id
    JOIN roster_entries re ON re.person_id = ra.person_id AND re.term_id = ra.term_id
    LEFT JOIN arrivals ar ON ar.person_id = ra.person_id
    WHERE ra.state = 'approved' AND ar.id IS NULL AND ra.allowed_from <= CURDATE()
      AND ra.allowed_until >= CURDATE() AND a.login REGEXP '^[0-9]+$'
    ORDER BY ra.person_id ${order === 'ASC' ? 'ASC' : 'DESC'} LIMIT ${Number(limit)}`).split('\n').filter(Boolean);
}

// loginWithCard(page, candidates, colour): logs the page in as each
// candidate in turn until one's card (as /card draws it) is that colour
// ('green', 'blue'); that login, still logged in, or '' when none is.
export async function loginWithCard(page, candidates, colour) {
  for (const c of candidates) {
    await login(page, c);
    await page.goto(`${base}/card`);
    if ((await page.getAttribute('section.card', 'class')) === `card card-${colour}`) return c;
    await page.click('form[action="/logout"] button');
  }
  return '';
}
