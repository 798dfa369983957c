// The package's default entry is the ESLint plugin and nothing else, so tools that load
// plugins (ESLint, eslint-doc-generator) see `{ meta, rules, configs }`. The programmatic
// API lives in `lambdalint/api`.
import plugin from './plugin.js';

export default plugin;
// `require('lambdalint')` (Node.js 20.19+ loads this ES module synchronously) returns the plugin
// itself, not `{ default }`, for CommonJS ESLint configs.
export { plugin as 'module.exports' };
