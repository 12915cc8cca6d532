export * from './model/kinds.js';
export type * from './model/event.js';
export type * from './model/session.js';
export { validateEvent, isValidId, type ValidEvent, type ValidationResult } from './model/validate.js';
export { summarize, eventSecurity, worseSecurity, type SessionDelta, type ToolDelta } from './session/summarize.js';
export { classifyTopic, TOPICS, type Topic } from './session/topic.js';
export { searchText, searchTerms, SEARCH_TEXT_MAX } from './search/text.js';
