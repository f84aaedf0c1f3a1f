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
