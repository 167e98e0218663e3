// The package's public surface (`import { defineConfig } from 'faultline'`), by name.
// Steps, parameter types and the resilience formatter are separate entries (package.json `exports`).
export {
  defineConfig,
  images,
  scriptableUpstream,
  type ConfigContext,
  type ConfigInput,
  type ContainerConfig,
  type DependencyConfig,
  type FaultlineConfig,
  type LinkConfig,
  type ReadinessConfig,
  type RequestConfig,
  type ServiceUnderTestConfig,
} from './config/config.js';
export { errorRegistry, FaultlineError, type ErrorCode, type ErrorDefinition } from './errors.js';
export type { ImageCatalog } from './images/image-catalog.js';
