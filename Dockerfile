# syntax=docker/dockerfile:1
# relpromo images: one target per service plus `broker`, all from the launcher the reactor packages.
#   ./mvnw -q -DskipTests package -pl launcher -am
#   docker build --target graph -t relpromo/graph:0.1.0 .
# (docs/deployment.md lists every target and tag.)

FROM eclipse-temurin:17-jre AS runtime
# curl answers the health check; nothing else is added to the base image.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# A fixed uid/gid, so volumes and Kubernetes securityContext (runAsUser/fsGroup 10001) agree with the image.
# The store directory exists and is owned by that user, so a fresh named volume mounted there is writable.
RUN groupadd --system --gid 10001 relpromo \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/relpromo --create-home --shell /usr/sbin/nologin relpromo \
 && mkdir -p /var/lib/relpromo/store /var/lib/relpromo/keys \
 && chown -R 10001:10001 /var/lib/relpromo
COPY --chmod=0755 docker/relpromo /usr/local/bin/relpromo
COPY launcher/target/lib/ /opt/relpromo/lib/
COPY launcher/target/relpromo-launcher.jar /opt/relpromo/relpromo-launcher.jar
LABEL org.opencontainers.image.title="relpromo" \
      org.opencontainers.image.description="Event-driven release promotion on Apache Kafka"
ENV RELPROMO_STORE=/var/lib/relpromo/store
USER 10001:10001
WORKDIR /var/lib/relpromo
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1

FROM runtime AS graph
ENTRYPOINT ["relpromo", "service", "graph"]

FROM runtime AS planner
ENTRYPOINT ["relpromo", "service", "planner"]

FROM runtime AS repack
ENTRYPOINT ["relpromo", "service", "repack"]

FROM runtime AS signing
ENTRYPOINT ["relpromo", "service", "signing"]

FROM runtime AS repackage
ENTRYPOINT ["relpromo", "service", "repackage"]

FROM runtime AS beetmover
ENTRYPOINT ["relpromo", "service", "beetmover"]

FROM runtime AS checksums
ENTRYPOINT ["relpromo", "service", "checksums"]

# A single-node KRaft broker for trials; production uses an external Kafka cluster.
FROM runtime AS broker
RUN mkdir -p /var/lib/relpromo/broker
EXPOSE 9092
# The broker has no HTTP endpoint: healthy once its listener accepts connections.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD bash -c '</dev/tcp/127.0.0.1/9092' || exit 1
ENTRYPOINT ["relpromo", "broker", "--data", "/var/lib/relpromo/broker", "--port", "9092"]
