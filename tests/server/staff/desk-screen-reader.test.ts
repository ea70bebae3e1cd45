/**
 * GNOME's Orca reads the staff desk's pages in Chromium, and what it says is held against each page, as the
 * screen-reader check does for the public site: sign-in, the requests inbox, a request, the feedback list, a
 * feedback page and the summary. Orca's Chromium is a fresh window per page with no cookie, so each page is the HTML
 * the server sent a signed-in staff member, saved beside the built site's styles and read from there.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readSiteAloud, readingPassed, formatReading } from '../../../src/checks/screen-reader/screen-reader-check.ts';
import { saveFeedback, saveRequest } from '../../../src/server/store.ts';
import { tempDir } from '../../helpers.ts';
import { saveDeskPages, signIn, startDesk } from './desk-fixture.ts';
import { addStaff } from './desk-fixture.ts';

const reader = suite('staff desk read by Orca');
reader(
  'sign-in, inbox, a request, feedback and the summary are read in full, in order, nothing said twice',
  async () => {
    const desk = await startDesk();
    const tmp = await tempDir();
    try {
      await addStaff(desk.db, 'officer@example.org');
      const ref = saveRequest(
        desk.db,
        {
          report: 'first-report',
          format: 'braille',
          formatOther: '',
          replyBy: 'post',
          email: '',
          phone: '',
          address: '12 Acre Lane\nLondon SW2 5SG',
          name: 'Robin Reader',
          note: 'I need it before my appointment on the 20th.',
          storedFormat: 'Braille on paper (uncontracted, grade 1)',
          followUps: {},
        },
        { slug: 'first-report', title: 'First report' },
        new Date('2026-11-02T09:30:00Z'),
      );
      const fb = saveFeedback(desk.db, {
        message: 'The audio version let me listen on the bus. Thank you.',
        mayContact: 'yes',
        name: 'Sam',
        email: 'sam@example.org',
        phone: '',
      });
      const signInPage = await desk.app.inject({ url: '/staff/sign-in/' });
      const { cookie } = await signIn(desk.app, 'officer@example.org');
      const pages: Record<string, string> = { '/desk/sign-in/': signInPage.body };
      for (const [name, url] of [
        ['requests', '/staff/requests/'],
        ['request', `/staff/requests/${ref}/`],
        ['feedback', '/staff/feedback/'],
        ['feedback-item', `/staff/feedback/${fb}/`],
        ['summary', '/staff/summary/?year=2026'],
      ] as const) {
        const reply = await desk.app.inject({ url, headers: { cookie } });
        assert.is(reply.statusCode, 200, url);
        pages[`/desk/${name}/`] = reply.body;
      }
      // The built site's styles and fonts, the desk's stylesheet, and the saved pages.
      const site = await saveDeskPages(path.join(desk.dir, 'site'), tmp.dir, pages);
      const lines: string[] = [];
      const readings = await readSiteAloud(site, Object.keys(pages), (line) => lines.push(line));
      console.log(lines.join('\n'));
      assert.is(readings.length, Object.keys(pages).length);
      assert.equal(readings.filter((r) => !readingPassed(r)).map(formatReading), []);
    } finally {
      await desk.close();
      await tmp.remove();
    }
  },
);
reader.run();
