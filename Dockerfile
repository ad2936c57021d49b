# syntax=docker/dockerfile:1
# Build: install and compile native modules (better-sqlite3) with the toolchain, then drop dev packages.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY schemas ./schemas
COPY credentials ./credentials
RUN npm run typecheck && npm run build && npm prune --omit=dev

# Run: only what the service needs, as a non-root user, with DATA_DIR on a volume.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/dist ./dist
COPY --from=build /app/schemas ./schemas
COPY --from=build /app/credentials ./credentials
# Fonts for the badge art PNGs (Latin and CJK names), drawn with the machine's fonts.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-noto-cjk fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
