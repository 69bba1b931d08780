/** The cleaning stage: scraped article → body paragraphs + classified removed spans. */
export { cleanArticle, explainLines, classifyText, type CleanInput, type LineExplanation, type CleanOptions } from './clean.ts';
export { BoilerplateModel, type BoilerplateModelJSON } from './boilerplate.ts';
export { extractHtml, type ExtractedPage } from './html.ts';
export { FEATURES, type Feature } from './features.ts';
