# syntax=docker/dockerfile:1
# Multi-stage image: build with dev dependencies, run with production dependencies only, as the
# unprivileged `node` user. The server runs its pending migrations on start (under an advisory lock, so
# replicas may start together). DATABASE_URL is required: the embedded PostgreSQL is not in the image.
# scripts/container-smoke.mjs (npm run container:smoke) performs these steps in a scratch directory (no Docker engine needed).

# Build on Debian (glibc: @swc/core and friends install as tested); run on Alpine (production dependencies
# are pure JavaScript). Node 24, the active LTS line (Node 20 reached end of life in April 2026); the major tag
# follows its security releases. package.json `engines` (>=20.19) includes it; test/e2e/deployment.e2e-spec.ts
# checks both stay on one even (LTS) major that `engines` allows.
ARG BUILD_IMAGE=node:24-bookworm-slim
ARG RUNTIME_IMAGE=node:24-alpine

FROM ${BUILD_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${RUNTIME_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No dev dependencies, no optional ones (the 60 MB embedded PostgreSQL binaries), no install scripts.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

FROM ${RUNTIME_IMAGE} AS runtime
# NODE_COMPILE_CACHE: Node caches compiled code there, so a restarted container loads its modules faster.
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    LOG_FORMAT=json \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root scripts/healthcheck.cjs ./scripts/healthcheck.cjs
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.cjs"]
# SIGTERM from `docker stop` reaches node directly (exec form): in-flight requests finish, exit code 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
