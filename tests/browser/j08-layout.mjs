// Phone layouts (issue 20): on a 390 px phone the card's tabs are all in
// sight and the card says whether today's check-in is done; the big table's filters fold behind one 筛选 line naming those in
// use, each from/to pair on one line, the fixed columns a third of the
// width at most; the dashboard's actions come before its figures and the
// 14-day chart's labels are legible and inside it. On a desktop the review
// queue's columns are all in sight from ~700 px. Screenshots of the card,
// the table and the dashboard on a phone.
import { base, check, phone, login, shots } from './harness.mjs';
import path from 'node:path';

async function desktop(browser, width) {
  return browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
}

// Whether every element of a selector lies inside the viewport's width
// and its parent's box (not cut by a parent that scrolls).
async function allInside(page, selector) {
  return page.$$eval(selector, (els) => els.length > 0 && els.every((e) => {
    const b = e.getBoundingClientRect();
    const p = e.parentElement.getBoundingClientRect();
    return b.left >= Math.max(0, p.left) - 0.5 && b.right <= Math.min(window.innerWidth, p.right) + 0.5;
  }));
}

export default async function (browser) {
  const sctx = await phone(browser);
  const s = await sctx.newPage();
  await login(s, 'student');
  await s.goto(`${base}/card`);
  check('the card\'s tabs are all in sight on a phone', await allInside(s, 'nav.tabs a'),
    (await s.$$eval('nav.tabs a', (els) => els.map((e) => `${e.textContent} ${Math.round(e.getBoundingClientRect().right)}`))).join(', '));
  check('  and the tab bar does not scroll', await s.$eval('nav.tabs', (n) => n.scrollWidth <= n.clientWidth));
  // Whether today's check-in is done, in words; a button when it is not.
  const done = await s.locator('#today-checkin .today-done').count();
  const todo = await s.locator('#today-checkin a[href="/checkin"]').count();
  check('the card says whether today\'s check-in is done', done + (await s.locator('#today-checkin .today-todo').count()) === 1);
  check('  with a button to check in when it is not', done === 1 ? todo === 0 : todo === 1);
  if (todo === 1) {
    await Promise.all([s.waitForNavigation(), s.click('#today-checkin a[href="/checkin"]')]);
    check('  which opens today\'s check-in', new URL(s.url()).pathname === '/checkin');
    await s.goto(`${base}/card`);
  }
  await s.screenshot({ path: path.join(shots, 'layout-card-phone.png'), fullPage: false });
  await sctx.close();

  const pctx = await phone(browser);
  const p = await pctx.newPage();
  await login(p, 'admin');
  await p.goto(`${base}/table`);
  check('the table\'s filters are folded on a phone', await p.locator('details.filters').count() === 1 &&
    !(await p.$eval('details.filters', (d) => d.open)) && !(await p.isVisible('select[name=app]')));
  const totalTop = await p.$eval('p.total', (e) => e.getBoundingClientRect().top);
  check('  so the results start on the first screen', totalTop < 844, `at ${Math.round(totalTop)} px`);
  await p.goto(`${base}/table?app=submitted&boarding=1`);
  const summary = (await p.textContent('details.filters summary')).replace(/\s+/g, ' ');
  check('  the folded line names the filters in use', summary.includes('申请状态') && summary.includes('是否住校: 是'), summary);
  await p.click('details.filters summary');
  const pairs = await p.$$eval('fieldset.pair', (fs) => fs.map((f) => {
    const [a, b] = [...f.querySelectorAll('input')].map((i) => i.getBoundingClientRect());
    return Math.abs(a.top - b.top) < 2 && b.right <= window.innerWidth;
  }));
  check('  opened, each from/to pair is on one line', pairs.length >= 4 && pairs.every(Boolean), JSON.stringify(pairs));
  const stuck = await p.$$eval('#bigtable thead th', (ths) => ths
    .filter((th) => getComputedStyle(th).position === 'sticky')
    .reduce((w, th) => w + th.getBoundingClientRect().width, 0));
  check('  the fixed columns take a third of the width at most', stuck > 0 && stuck <= 390 / 3, `${Math.round(stuck)} px`);
  await p.click('details.filters summary');
  await p.screenshot({ path: path.join(shots, 'layout-table-phone.png'), fullPage: false });

  await p.goto(`${base}/dashboard`);
  const remind = await p.$eval('a[href="/dashboard/remind"]', (e) => e.getBoundingClientRect().top);
  const figures = await p.$eval('ul.figures', (e) => e.getBoundingClientRect().top);
  check('the dashboard\'s actions come before its figures on a phone', remind < figures, `${remind} / ${figures}`);
  const chart = await p.$eval('svg.trend', (svg) => {
    const box = svg.getBoundingClientRect();
    const days = [...svg.querySelectorAll('text.day')].map((t) => t.getBoundingClientRect());
    const all = [...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
    return {
      size: Math.min(...days.map((d) => d.height)),
      apart: days.every((d, i) => i === 0 || d.left >= days[i - 1].right),
      inside: all.every((t) => t.top >= box.top - 0.5 && t.bottom <= box.bottom + 0.5 &&
        t.left >= box.left - 0.5 && t.right <= box.right + 0.5),
    };
  });
  check('  the chart\'s date labels are legible (12 px or more, apart)', chart.size >= 12 && chart.apart, JSON.stringify(chart));
  check('  and every label, top values included, is inside the chart', chart.inside, JSON.stringify(chart));
  await p.screenshot({ path: path.join(shots, 'layout-dashboard-phone.png'), fullPage: false });
  await pctx.close();

  for (const width of [700, 1366]) {
    const dctx = await desktop(browser, width);
    const d = await dctx.newPage();
    await login(d, 'admin');
    await d.goto(`${base}/review`);
    const fits = await d.$eval('table.list', (t) => t.parentElement.scrollWidth <= t.parentElement.clientWidth);
    check(`at ${width} px the review queue's columns are all in sight`, fits && await allInside(d, 'table.list thead th'));
    if (width > 1000) {
      const mainWidth = await d.$eval('main', (m) => m.getBoundingClientRect().width);
      check('  and a desktop\'s width is used', mainWidth > 900, `${Math.round(mainWidth)} px`);
      await d.goto(`${base}/table`);
      check('  the big table\'s filters stay open on a desktop', await d.isVisible('select[name=app]'));
    }
    await dctx.close();
  }
}
