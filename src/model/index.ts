export * from './location.js';
export * from './function.js';
export * from './trigger.js';
