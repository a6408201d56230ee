package dev.tandem.run;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads the language descriptors while the node starts, so a bad one stops the start with a message naming its
 * file (instead of failing the first run or the first {@code GET /api/languages}).
 */
@ApplicationScoped
class LanguagesAtStart {

    void onStart(@Observes StartupEvent event) {
        try {
            Log.infof("languages: %s", Languages.all().stream().map(l -> l.id() + " " + l.version() + " (" + l.image() + ")").toList());
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
