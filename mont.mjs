import sharp from 'sharp';
const files = process.argv.slice(3);
const imgs = await Promise.all(files.map(f => sharp(f).toBuffer({ resolveWithObject: true })));
const w = imgs[0].info.width, h = imgs[0].info.height;
const out = sharp({ create: { width: w * files.length, height: h, channels: 3, background: '#888' } });
await out.composite(imgs.map((im, i) => ({ input: im.data, left: i * w, top: 0 }))).png().toFile(process.argv[2]);
