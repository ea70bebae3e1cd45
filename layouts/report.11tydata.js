// Computed page data, the address included, as functions rather than Nunjucks strings in front matter: a string is
// compiled again for every page (every report), which took most of Nunjucks' time in a no-change build of 100 reports.
export default {
  eleventyComputed: {
    permalink: (data) => `reports/${data.report.slug}/`,
    pageTitle: (data) => data.report.title,
    description: (data) => data.report.summary,
    lastmod: (data) => data.report.updated || data.report.published,
  },
};
