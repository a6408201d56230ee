package dev.tandem.access;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Identity across reconnects" is served: resume tokens, {@code CLIENT_ID_TAKEN}, 4409 ({@link ClientIdentities}). */
@ApplicationScoped
class IdentityFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.IDENTITY;
    }
}
