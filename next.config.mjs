/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships its WebAssembly and data files next to its JavaScript; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  outputFileTracingExcludes: {
    "*": [".data/**", "coverage/**", "e2e/**", "test-results/**"],
  },
};

export default nextConfig;
