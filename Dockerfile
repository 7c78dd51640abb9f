# syntax=docker/dockerfile:1
# Phone referrals: the Next.js standalone server on Node.js 24 LTS, one worker per CPU (lib/server/cluster.mjs).
#   docker build -t phone-referrals .     (or: docker compose up -d --build, see README "Docker")
# The runtime stage below is reproduced on the host by `npm run test:standalone`, which reads this file:
# keep that stage to ENV, WORKDIR, COPY --from, USER, EXPOSE, HEALTHCHECK and CMD.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# Dependencies, rebuilt only when the lock file changes.
FROM base AS deps
COPY package.json package-lock.json ./
# patch-package applies patches/ after the install (postinstall).
COPY patches ./patches
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# Build: `output: "standalone"` (BUILD_STANDALONE, see next.config.mjs) traces the server's files into
# .next/standalone. public/ may not exist in the repository; the runtime stage copies it either way.
FROM base AS build
ENV BUILD_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN mkdir -p public && npm run build

# Runtime: the traced server, its static assets and the SQL migrations, which the app applies at start-up
# (instrumentation.ts) under a PostgreSQL advisory lock. No npm install, no sources, no build tools.
# Files stay owned by root, so the app's user can read its code but not change it. Without DATABASE_URL
# the embedded PGlite needs a writable PGLITE_DIR (a mounted volume, or /tmp for a throwaway try).
FROM base AS runtime
# MALLOC_ARENA_MAX=2: glibc keeps less of what image decoding (sharp) freed (measured: half the growth).
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 MALLOC_ARENA_MAX=2
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/drizzle ./drizzle
# The launcher: WEB_CONCURRENCY workers (default: the CPUs the container may use), graceful SIGTERM.
COPY --from=build /app/lib/server/cluster.mjs ./cluster.mjs
# `node` (uid 1000) is the unprivileged user of the official Node.js images.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "cluster.mjs"]
