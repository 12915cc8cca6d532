export * from './databases.js';
export * from './store.js';
