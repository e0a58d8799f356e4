# syntax=docker/dockerfile:1
# One image for Alur's API and worker in the scaled-out deployment (see
# docker-compose.yml, which picks the process with `command`). Temporal and
# PostgreSQL run as their own services, so this image carries neither the embedded
# Temporal CLI nor a local database.

FROM node:22-bookworm-slim AS build
WORKDIR /app

# The root postinstall is `node embedded/install-temporal.mjs --if-missing && npm run
# generate -w @alur/db`. install-temporal.mjs exits at once when TEMPORAL_CLI_PATH is
# set and --if-missing is given, so point it at a path that does not exist: the
# image never starts an embedded Temporal server and needs no Python/pip. The
# variable is set in this stage only and does not reach the runtime image.
ENV TEMPORAL_CLI_PATH=/nonexistent

# Manifests first, so `npm ci` stays cached until dependencies change. The
# postinstall's `prisma generate` needs the schema and the Prisma config too.
COPY package.json package-lock.json ./
COPY prisma/package.json prisma/schema.prisma prisma/prisma.config.ts prisma/
COPY workflows/package.json workflows/
COPY cases/package.json cases/
COPY worker/package.json worker/
COPY api/package.json api/
COPY modeler/package.json modeler/
COPY embedded/install-temporal.mjs embedded/
# Dev dependencies are needed at runtime: tsx runs the TypeScript sources, and the
# API applies migrations with the Prisma CLI when it starts.
RUN npm ci --no-audit --no-fund

COPY . .
# The web app, served by the API from modeler/dist.
RUN npm run build -w @alur/modeler


FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# No Prisma update/telemetry check when the API runs `prisma migrate deploy`.
ENV CHECKPOINT_DISABLE=1
COPY --from=build /app /app
USER node
EXPOSE 3000
# docker-compose.yml overrides this for the worker: npx tsx worker/src/main.ts
CMD ["npx", "tsx", "api/src/main.ts"]
