// run.mjs - the browser journeys, in order. Each journey is a module in
// this folder exporting `default async function (browser)`.
import { launch, check, setJourney } from './harness.mjs';
import studentCard from './j01-student-card.mjs';
import checkin from './j02-checkin.mjs';
import makeup from './j03-makeup.mjs';
import returnJourney from './j04-return.mjs';
import gateJourney from './j05-gate.mjs';
import table from './j06-table.mjs';
import a11y from './j07-a11y.mjs';
import layout from './j08-layout.mjs';
import faq3 from './j09-faq3.mjs';
import newSchool from './j10-new-school.mjs';
import campus from './j11-campus.mjs';
import quickfill from './j13-quickfill.mjs';
import offlineGate from './j12-offline-gate.mjs';
import photoCommute from './j14-photo-commute.mjs';

// Each journey by name and by its file's number (HC_JOURNEYS=j14 or
// HC_JOURNEYS=photo-commute: the same one).
const journeys = [['student-card', studentCard, 'j01'], ['checkin', checkin, 'j02'], ['makeup', makeup, 'j03'],
  ['return', returnJourney, 'j04'], ['gate', gateJourney, 'j05'], ['offline-gate', offlineGate, 'j12'],
  ['table', table, 'j06'], ['layout', layout, 'j08'], ['faq3', faq3, 'j09'], ['new-school', newSchool, 'j10'],
  ['campus', campus, 'j11'], ['photo-commute', photoCommute, 'j14'], ['quickfill', quickfill, 'j13'],
  ['a11y', a11y, 'j07']]
  // HC_JOURNEYS=a11y,table runs only those (names or numbers as above).
  .filter(([name, , num]) => !process.env.HC_JOURNEYS ||
    process.env.HC_JOURNEYS.split(',').some((w) => w === name || w === num));
const browser = await launch();
let failed = false;
for (const [name, fn] of journeys) {
  setJourney(name);
  try {
    await fn(browser);
  } catch (e) {
    failed = true;
    check('finished without an exception', false, String(e && e.stack || e).split('\n').slice(0, 3).join(' | '));
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
