// Shell analysis shared by the commands and files scanners: a command string (or argv array)
// becomes a flat list of simple commands with resolved argv, redirections, pipelines and the
// code they hand on; plus path classification and the files each command touches.
export type { ShellCommand, ShellAnalysis, Redirect, Via } from './types.js';
export { analyzeShell, analyzeArgv, literalOutput, LIMITS } from './analyze.js';
export { normalizePath, classifyPath, criticalTree, SECRET_CLASSES, type PathClass, type PathInfo } from './paths.js';
export * from './words.js';
export { fileAccesses, uploadedFiles, type FileAccess, type AccessMode } from './access.js';
export { shellSources, analyseInput, type ShellSource } from './input.js';
export { interpreterCode } from './code.js';
