import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkImages, resolveImage } from '../../src/checks/images.ts';
import { FILE, messages, parse } from '../helpers.ts';

const files = new Set(['photo.jpg', 'charts/bar.png', 'index.md']);
const check = (body: string) => messages(checkImages(parse(body).document, files));

const images = suite('checkImages');
images('passes a described image that exists', () => {
  assert.equal(check('![Two nurses talking at a desk](photo.jpg)'), []);
});
images('passes an explicitly decorative image', () => {
  assert.equal(check('![""](photo.jpg)'), []);
});
images('refuses an image without alt text', () => {
  assert.equal(check('![](photo.jpg)'), [
    `${FILE}:6: image photo.jpg has no alt text — describe it between the square brackets, ![like this](photo.jpg), or mark it decorative with ![""](photo.jpg) (see docs/editors-guide.md#images)`,
  ]);
});
images('refuses a file name as alt text', () => {
  assert.equal(check('![IMG_2041.JPG](photo.jpg)'), [
    `${FILE}:6: the alt text of image photo.jpg is a file name ("IMG_2041.JPG") — describe what the image shows and why it is there (see docs/editors-guide.md#images)`,
  ]);
});
images('refuses a missing file and suggests the closest name', () => {
  assert.equal(check('![A photo](Photo.jpg)'), [
    `${FILE}:6: image file Photo.jpg does not exist — did you mean photo.jpg? File names must match exactly, including capital letters (see docs/editors-guide.md#images)`,
  ]);
});
images('refuses a path that leaves the report folder', () => {
  assert.equal(check('![A photo](../other/photo.jpg)'), [
    `${FILE}:6: image ../other/photo.jpg is outside the report's folder — copy it into the report folder and write just its file name (see docs/editors-guide.md#images)`,
  ]);
});
images('refuses an image from another website', () => {
  assert.equal(check('![A photo](https://example.org/photo.jpg)'), [
    `${FILE}:6: image https://example.org/photo.jpg is on another website — download it (with permission) into the report folder and write just its file name (see docs/editors-guide.md#images)`,
  ]);
});
images('finds images inside lists and in subfolders', () => {
  assert.equal(check('- ![A bar chart of waits](charts/bar.png)'), []);
  assert.equal(check('- ![](charts/bar.png)').length, 1);
});
images('warns (does not stop) on alt text that starts "image of"', () => {
  const problems = checkImages(parse('![Image of a nurse](photo.jpg)').document, files);
  assert.equal(
    problems.map((p) => p.severity),
    ['warning'],
  );
});
images.run();

const resolve = suite('resolveImage');
resolve('normalises ./ and decodes spaces', () => {
  assert.equal(resolveImage('./my%20photo.jpg'), { relative: 'my photo.jpg' });
  assert.equal(resolveImage('/etc/passwd'), { refused: 'outside' });
  assert.equal(resolveImage('a/../../b.png'), { refused: 'outside' });
});
resolve.run();
