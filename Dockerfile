# ContextNexus application image: compiled TypeScript on Node.js 24.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY tests/fixtures/plugin-sample ./tests/fixtures/plugin-sample
RUN npm ci --no-audit --no-fund
COPY . .
RUN node ace build

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3333
WORKDIR /app
COPY --from=build /src/build ./
RUN npm ci --omit=dev --no-audit --no-fund && mkdir -p storage && chown -R node:node /app
USER node
EXPOSE 3333
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:3333/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Provisions roles and database, migrates, seeds the demo workspace once, then serves.
CMD ["node", "bin/start.js"]
