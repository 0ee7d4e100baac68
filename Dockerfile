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
# Serves as the runtime role only. Prepare the database first, once per release, with
# the owner's (and optionally a superuser's) credentials given to that step alone:
#   docker run --rm -e DB_OWNER_USER=... -e DB_OWNER_PASSWORD=... <image> node ace db:prepare
# (docker-compose.yml runs it as its one-off `migrate` service). No demo workspace is created.
CMD ["node", "bin/server.js"]
