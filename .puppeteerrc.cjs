// Puppeteer cannot download a browser on our machines: use Debian's Chromium.
// PUPPETEER_EXECUTABLE_PATH wins, for machines whose Chromium lives elsewhere.
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
