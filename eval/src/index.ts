export { dataset, corpus, score, type Score } from './datasets.js';
