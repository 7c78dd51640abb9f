/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker build (and `npm run test:standalone`) set BUILD_STANDALONE=1 to trace the server's files into
  // .next/standalone for a small image. A plain `npm run build` keeps the classic output that `npm start`
  // (`next start`) serves from the project folder, with .env and ./.data where developers expect them.
  output: process.env.BUILD_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships its WebAssembly and data files next to its JavaScript; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  outputFileTracingExcludes: {
    "*": [".data/**", "coverage/**", "e2e/**", "test-results/**", "playwright-report/**"],
  },
};

export default nextConfig;
