/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // ESM-only packages used on the server are bundled so the build runs under plain Node.
  serverDependenciesToBundle: [
    /^file-type/,
    /^strtok3/,
    /^token-types/,
    /^peek-readable/,
    /^@tokenizer/,
    /^uint8array-extras/,
  ],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
