# syntax=docker/dockerfile:1
# bedrock-403: Slack bot for Amazon Bedrock 403 diagnosis.
# Build: docker build -t bedrock-403 .   Run: docker run --env-file .env -p 3000:3000 bedrock-403

# ---- build: all dependencies, compile TypeScript ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts: the project's own `prepare` (the build) needs src/, copied below; better-sqlite3's install script
# (its native addon) runs through `npm rebuild`. The dependency layers stay cached when only src/ changes.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

# ---- run: production dependencies only, non-root ----
FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production \
    SLACK_MODE=http \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/bedrock-403.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form with node itself, so docker stop's SIGTERM reaches the process and in-flight work can finish.
CMD ["node", "dist/main.js"]
