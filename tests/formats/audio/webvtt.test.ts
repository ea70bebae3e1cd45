import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toWebVtt, vttTime } from '../../../src/formats/audio/webvtt.ts';

const vtt = suite('WebVTT');
vtt('times are hh:mm:ss.ttt; cue text is escaped and on one line; cues carry the sentence ids', () => {
  assert.is(vttTime(0), '00:00:00.000');
  assert.is(vttTime(3725.4567), '01:02:05.457');
  const file = toWebVtt(
    [
      { id: 's1', startSeconds: 0.3, endSeconds: 2 },
      { id: 's2', startSeconds: 2.4, endSeconds: 5.25 },
    ],
    new Map([
      ['s1', 'Fish & chips'],
      ['s2', 'Less than <5 -->\nmore'],
    ]),
    'A --> B',
  );
  assert.is(
    file,
    'WEBVTT - A → B\n\ns1\n00:00:00.300 --> 00:00:02.000\nFish &amp; chips\n\ns2\n00:00:02.400 --> 00:00:05.250\nLess than &lt;5 → more\n',
  );
});
vtt.run();
