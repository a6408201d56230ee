package dev.tandem.timeline;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Timeline and playback" is served: {@code at} on updates, the timeline and the text at any version. */
@ApplicationScoped
class TimelineFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.TIMELINE;
    }
}
