# kpi-exporter image. Node 24 runs the TypeScript sources directly (it strips types), so
# there is no build step: the first stage only installs production dependencies, and the
# runtime stage copies them beside the sources, without npm's cache or the lockfile.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency needs an install script; refusing them keeps the build reproducible.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=dependencies /app/node_modules ./node_modules
# package.json marks the sources as ES modules.
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY examples ./examples
# JSON Schemas the CDEvents endpoint validates against, read at run time.
COPY schemas ./schemas

# The PGlite store lives in a volume owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

# Inside a container, loopback is the container alone: listen on its network. Reads then need
# KPI_READ_TOKEN, or KPI_ALLOW_ANONYMOUS_READ=true where the network is private (README, Docker).
ENV KPI_HOST=0.0.0.0
EXPOSE 9478
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9478/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/kpi-exporter.js"]
CMD ["serve", "--data-dir", "/data", "--port", "9478"]
