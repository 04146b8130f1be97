/**
 * dify-toolgen's public surface. Everything here is a contract; see README.
 */
export { readSpecFile, parseSpecText, type LoadedDocument } from './load/read-document.js';
export { DEFAULT_LIMITS, type Limits } from './load/limits.js';
export type { Key, Mapping, Scalar, Value, PointerPath } from './load/value.js';
// The Python values PyYAML builds that JavaScript has no type for (see load/value.ts).
export { PyBytes, PyDate, PyDateTime } from './load/value.js';
export { deriveProvider } from './dify/tools.js';
export { DEFAULT_TOOL_NAME, fallbackToolName, registeredToolName, ROOT_PLACEHOLDER } from './dify/tool-name.js';
export {
  HTTP_METHODS,
  MAX_TOOLS_PER_PROVIDER,
  type DifyParameter,
  type DifyParameterType,
  type DifyProvider,
  type DifyTool,
  type HttpMethod,
  type ParameterLocation,
} from './dify/model.js';
export { UserError, type Diagnostic, type Location, type Severity } from './diagnostics/diagnostic.js';
export { formatDiagnostic, formatDiagnosticLine, diagnosticJson } from './diagnostics/format.js';
export { listSpecs, listRecord, type ListResult } from './commands/list.js';
export { runCli, type CliIo } from './cli.js';
export { exportSpec, writeParts, type ExportOptions, type ExportResult, type ExportedPart } from './commands/export.js';
export { successBodies, type ResponseBody } from './dify/responses.js';
