/** Story reports: Markdown, self-contained RTL HTML, JSON. */
export { renderReport, renderHtml, renderMarkdown, renderJson, escapeHtml } from './render.ts';
export { compareStory, storyFromArticles, type StoryComparison } from './build.ts';
export type { StoryReportInput, ReportArticle, ReportFormat } from './types.ts';
