# One image for the gateway, the five gRPC services and the sandbox payment provider.
# Which process runs is chosen by the WORKSPACE build arg, or per container by `command:`
# (docker-compose.yml) / `args:` (deploy/k8s), e.g. ["node", "services/catalog/dist/main.js"].
#
#   docker build -t ticketing .
#   docker build -t ticketing-catalog --build-arg WORKSPACE=services/catalog .

# ---- build: install everything, compile every workspace with turbo ---------------------------
FROM node:20-slim AS build
WORKDIR /app
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1
COPY . .
# Install scripts are skipped, as npm 11 does on the dev machines: nothing here needs one
# (argon2 and swc load the prebuilt binaries shipped inside their packages).
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
RUN npx turbo run build \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf .turbo node_modules/.cache

# ---- runtime: compiled output, production dependencies and the protos, as a non-root user -----
FROM node:20-slim AS runtime
ARG WORKSPACE=gateway
ENV NODE_ENV=production \
    WORKSPACE=${WORKSPACE}
WORKDIR /app
# Files stay owned by root, so the app user can read its code but never rewrite it; the
# containers also run with a read-only root filesystem.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
# proto/ is read at run time by @grpc/proto-loader, at the same path relative to packages/.
COPY --from=build /app/proto proto
COPY --from=build /app/packages packages
COPY --from=build /app/services services
COPY --from=build /app/gateway gateway
COPY deploy/docker/healthcheck.js deploy/docker/healthcheck.js
USER node
# Shell form only to expand WORKSPACE; `exec` makes node PID 1, so SIGTERM reaches the app's
# own graceful-shutdown handler.
CMD exec node "$WORKSPACE/dist/main.js"
