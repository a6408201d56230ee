package dev.tandem.realtime;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Editing without WebSockets" is served: SSE, long and short polling, POSTed client messages ({@link HttpConnections}). */
@ApplicationScoped
class HttpTransportFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.HTTP_TRANSPORT;
    }
}
