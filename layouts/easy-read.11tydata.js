// Computed page data, the address included, as functions rather than Nunjucks strings in front matter: a string is
// compiled again for every page (every report), which took most of Nunjucks' time in a no-change build of 100 reports.
export default {
  eleventyComputed: {
    permalink: (data) => `reports/${data.easy.slug}/easy-read/`,
    pageTitle: (data) => `${data.easy.title} (easy read)`,
    description: (data) => `Easy read version of ${data.easy.reportTitle}`,
    lastmod: (data) => data.easy.updated || data.easy.published,
  },
};
