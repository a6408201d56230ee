#!/bin/sh
# Starts Tandem as PID 1 (exec), so SIGTERM from `docker stop` / Kubernetes reaches the JVM, which shuts
# Quarkus and then the Hazelcast member down gracefully (partitions migrate to the other members).
# Extra JVM flags: JAVA_OPTS; extra application arguments: the container's command.
set -e
# shellcheck disable=SC2086
exec java $JAVA_OPTS_HAZELCAST $JAVA_OPTS -jar /app/quarkus-app/quarkus-run.jar "$@"
