#!/usr/bin/env bash
# Create warta's topics with the partitions and configs that warta.topics expects, before any
# worker subscribes. It reads the same WARTA_* variables as the worker, so the two cannot disagree.
# Run by the `topics` job of docker-compose.yml and by the Kubernetes Job in this directory (it lives
# here because kustomize only reads files under its own directory). Safe to run again: existing
# topics are left alone.
set -euo pipefail

kafka_topics=${KAFKA_TOPICS_BIN:-/opt/kafka/bin/kafka-topics.sh}
# Dead letters are the only copy of a rejected document: keep them long enough to fix and replay.
deadletter_retention_ms=${DEADLETTER_RETENTION_MS:-2592000000} # 30 days

# WARTA_BROKER is `kafka://host:port`, several separated by `;`; kafka-topics.sh wants host:port,...
brokers=${WARTA_BROKER:?set WARTA_BROKER to the Kafka cluster, e.g. kafka://kafka:9092}
brokers=${brokers//kafka:\/\//}
brokers=${brokers//;/,}
args=(--bootstrap-server "$brokers")

protocol=${WARTA_SECURITY_PROTOCOL:-PLAINTEXT}
if [[ $protocol != PLAINTEXT ]]; then
    if [[ -n ${WARTA_SSL_CERTFILE:-} ]]; then
        echo "create-topics.sh: TLS client certificates are not supported here; create the topics by hand" >&2
        exit 1
    fi
    client_config=$(mktemp)
    trap 'rm -f "$client_config"' EXIT
    {
        echo "security.protocol=$protocol"
        if [[ $protocol == SASL_* ]]; then
            mechanism=${WARTA_SASL_MECHANISM:-PLAIN}
            module=org.apache.kafka.common.security.plain.PlainLoginModule
            [[ $mechanism == SCRAM-* ]] && module=org.apache.kafka.common.security.scram.ScramLoginModule
            echo "sasl.mechanism=$mechanism"
            echo "sasl.jaas.config=$module required username=\"${WARTA_SASL_USERNAME:?}\" password=\"${WARTA_SASL_PASSWORD:?}\";"
        fi
        if [[ -n ${WARTA_SSL_CAFILE:-} ]]; then
            echo "ssl.truststore.type=PEM"
            echo "ssl.truststore.location=$WARTA_SSL_CAFILE"
        fi
    } >"$client_config"
    args+=(--command-config "$client_config")
fi

fan_out=${WARTA_TOPIC_PARTITIONS:-4}
replication=${WARTA_TOPIC_REPLICATION:-1}

create() { # NAME PARTITIONS [--config KEY=VALUE]...
    local name=$1 partitions=$2
    shift 2
    "$kafka_topics" "${args[@]}" --create --if-not-exists --topic "$name" \
        --partitions "$partitions" --replication-factor "$replication" "$@"
    echo "topic $name: $partitions partition(s) $*"
}

create "${WARTA_TOPIC_RAW:-news.raw}" "$fan_out"
# The story agent's input: one partition, so that one consumer sees every article in order.
create "${WARTA_APP_ID:-warta}.analysed" 1
create "${WARTA_TOPIC_ENRICHED:-news.enriched}" "$fan_out"
create "${WARTA_TOPIC_EVENTS:-news.events}" "$fan_out"
# Keyed by story id, and only a story's latest version matters.
create "${WARTA_TOPIC_STORIES:-news.stories}" "$fan_out" --config cleanup.policy=compact
create "${WARTA_TOPIC_DEADLETTER:-news.deadletter}" "$fan_out" --config "retention.ms=$deadletter_retention_ms"
