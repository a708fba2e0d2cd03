// The one module that reads build-time configuration (`import.meta.env` and Vite `define`s), so
// everything the app takes from its build is visible in one place. Add new settings here.

/** Replaced by Vite/Vitest `define` with this package's version (see app-version.ts). */
declare const __APP_VERSION__: string;

/** The running build's version, sent as `X-Client-Version` and compared with `minSupportedClient`. */
export const APP_VERSION: string = __APP_VERSION__;
