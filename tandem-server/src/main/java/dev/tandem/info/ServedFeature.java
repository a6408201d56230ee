package dev.tandem.info;

import dev.tandem.protocol.Feature;

/**
 * A capability's claim that this server serves one v1.1 feature. The capability that implements a feature
 * adds one small {@code @ApplicationScoped} bean, in its own package, that returns it, e.g.
 * <pre>{@code
 * @ApplicationScoped
 * class IdentityFeature implements ServedFeature {
 *     public Feature feature() { return Feature.IDENTITY; }
 * }
 * }</pre>
 * and {@code GET /api/info} lists it. Nothing else needs to change.
 */
public interface ServedFeature {
    Feature feature();
}
