package dev.tandem.files;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Several files" is served: a session holds files, each its own document (docs/files.md). */
@ApplicationScoped
class FilesFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.FILES;
    }
}
