export { getFileHandlers, detectHandlers, enclosingHandler, type HandlerInfo, type WrapperInfo, type FileHandlers } from './detect.js';
export { readSettings, DEFAULT_HANDLER_NAMES, type LambdalintSettings, type HandlerSetting } from './settings.js';
export { returnsStatusCode } from './trigger-inference.js';
export * from './ast-utils.js';
export { moduleBindings, requireSource, bindingSource, type Binding } from './bindings.js';
