package dev.tandem.info;

import dev.tandem.protocol.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServedFeaturesTest {

    @Test
    void listsEachServedFeatureOnceInTheContractsOrderByItsWireName() {
        ServedFeature storage = () -> Feature.STORAGE;
        ServedFeature http = () -> Feature.HTTP_TRANSPORT;
        ServedFeature identity = () -> Feature.IDENTITY;
        ServedFeatures features = new ServedFeatures(List.of(http, storage, identity, storage));
        assertThat(features.names()).containsExactly("identity", "storage", "http-transport");
    }

    @Test
    void servesNothingWhenNoCapabilityClaimsAFeature() {
        assertThat(new ServedFeatures(List.of()).names()).isEmpty();
    }
}
