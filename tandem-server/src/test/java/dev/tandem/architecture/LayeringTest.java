package dev.tandem.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.tandem.client.TandemClient;
import dev.tandem.collab.ChangeSet;
import dev.tandem.session.SessionStore;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module rules of docs/architecture.md, checked on the compiled classes of each module (found where the
 * class path has them: a module's target/classes in the reactor, or its jar): the core and the client stay free
 * of the server, so that the client jar runs in anyone's program and the wire format has one home.
 */
class LayeringTest {

    private static final String[] JDK_AND_JACKSON = {"java..", "com.fasterxml.jackson.."};

    @Test
    void theCoreUsesOnlyTheJdkJacksonAndItself() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage(with(JDK_AND_JACKSON, "dev.tandem.collab..", "dev.tandem.protocol.."))
                .check(moduleOf(ChangeSet.class));
    }

    @Test
    void theChangeCoreKnowsNothingOfTheWire() {
        noClasses().that().resideInAPackage("dev.tandem.collab..")
                .should().dependOnClassesThat().resideInAPackage("dev.tandem.protocol..")
                .check(moduleOf(ChangeSet.class));
    }

    @Test
    void theCoreAndTheClientHaveNoPackageCycles() {
        slices().matching("dev.tandem.(**)").should().beFreeOfCycles().check(moduleOf(ChangeSet.class));
        slices().matching("dev.tandem.(**)").should().beFreeOfCycles().check(moduleOf(TandemClient.class));
    }

    @Test
    void theClientUsesOnlyTheCore() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage(with(JDK_AND_JACKSON, "dev.tandem.collab..", "dev.tandem.protocol..", "dev.tandem.client.."))
                .check(moduleOf(TandemClient.class));
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.tandem.collab.authority..")
                .check(moduleOf(TandemClient.class));
    }

    @Test
    void theServerNeverUsesTheClientOrTheBenchmarks() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.tandem.client..", "dev.tandem.bench..")
                .check(moduleOf(SessionStore.class));
    }

    /** Issue 14 item 5: jobs tell a session through {@code session.SessionEvents}, not by reaching up to the sockets. */
    @Test
    void runsAndSubmissionsNeverUseTheSocketLayer() {
        noClasses().that().resideInAnyPackage("dev.tandem.run..", "dev.tandem.judge..")
                .should().dependOnClassesThat().resideInAPackage("dev.tandem.realtime..")
                .check(moduleOf(SessionStore.class));
    }

    /**
     * Who may do what is decided below the endpoints: the access rules never reach up to the REST resources or
     * the sockets that use them (the owner's endpoints live in {@code api}), so {@code access} and
     * {@code realtime}, and {@code access} and {@code api}, are no longer a cycle.
     */
    @Test
    void accessRulesNeverUseTheEndpoints() {
        noClasses().that().resideInAPackage("dev.tandem.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tandem.api..", "dev.tandem.realtime..")
                .check(moduleOf(SessionStore.class));
    }

    /**
     * The meters watch the runs, not the other way round: a run's end reaches {@code metrics.JobMeters} as a CDI
     * event ({@code run.FinishedRun}), so {@code run} never imports {@code metrics} and the two are no cycle.
     */
    @Test
    void runsNeverUseTheMetrics() {
        noClasses().that().resideInAPackage("dev.tandem.run..")
                .should().dependOnClassesThat().resideInAPackage("dev.tandem.metrics..")
                .check(moduleOf(SessionStore.class));
    }

    /**
     * Storage lies below everything it stores: the authority writes to its update log, and the node's wiring
     * tells it which maps to stand behind ({@code storage.StoredMaps}), so it imports none of the server's other
     * capabilities (only {@code info}, for the feature it serves) and can be in no cycle.
     */
    @Test
    void storageUsesNoneOfWhatItStores() {
        noClasses().that().resideInAPackage("dev.tandem.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tandem.collab.authority..", "dev.tandem.session..",
                        "dev.tandem.access..", "dev.tandem.run..", "dev.tandem.judge..", "dev.tandem.realtime..",
                        "dev.tandem.api..", "dev.tandem.cluster..", "dev.tandem.timeline..", "dev.tandem.metrics..")
                .check(moduleOf(SessionStore.class));
    }

    /**
     * The server's top-level packages form no cycle, so each can be read (and changed) knowing only the ones below
     * it. Where an upper package must hear from a lower one, the lower one owns the event or the interface and the
     * upper one implements or observes it: {@code run.FinishedRun} and {@code judge.JudgedSubmission} for the
     * meters, {@code realtime.PushAnswers} for the edit meters, {@code session.SessionEvents} for runs and the judge
     * telling a session, {@code session.SessionDisconnects} for the owner's REST endpoints closing its sockets; a split cluster's refused write is recognised by
     * {@code collab.authority.QuorumRefusal}, below both the sockets and the node's wiring ({@code cluster}), and an
     * indexed map is made once its quorum is there by {@code collab.authority.DeferredMap}, below the runs and the judge.
     */
    @Test
    void theServerHasNoPackageCycles() {
        slices().matching("dev.tandem.(*)..").should().beFreeOfCycles().check(moduleOf(SessionStore.class));
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The main classes of the module (directory or jar) that holds {@code member}, without its tests. */
    static JavaClasses moduleOf(Class<?> member) {
        try {
            Location location = Location.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importLocations(Set.of(location));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
