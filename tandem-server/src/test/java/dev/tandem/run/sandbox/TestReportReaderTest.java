package dev.tandem.run.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's reading of a test batch's report (no Docker: the bytes a container could write). Attack (issue 13
 * item 1): a judged program that reaches the report forges or breaks it so that the judge ends with an error that
 * quotes the container's output, or floods it to grow the host's memory. The reader accepts digits only, refuses
 * what is out of order or over its caps, and drops junk, stopping the container past a cap.
 */
class TestReportReaderTest {
    static final String NONCE = "00112233445566778899aabb";
    static final String M = "\u0001TANDEM:" + NONCE + ":";

    static final class Seen implements TestReportReader.Sink {
        final List<TestBatch.TestRun> tests = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        boolean started;
        boolean finished;
        Integer compileRc;

        public void compileFailed(int rc) { compileRc = rc; }
        public void started() { started = true; }
        public void test(TestBatch.TestRun run) { tests.add(run); }
        public void finished() { finished = true; }
        public void violation(String why) { violations.add(why); }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWellFormedReportIsRead() {
        Seen seen = new Seen();
        TestReportReader r = new TestReportReader(NONCE, 100, 2, seen);
        r.feed(b("warning: unused\n" + M + "S\n" + M + "R:0:0:12:3456:0:3:0\n1 2" + M + "R:1:1:7::0:0:4\n"));
        r.feed(b("oops" + M + "D\n"));
        assertThat(r.compileOutput()).isEqualTo("warning: unused\n");
        assertThat(seen.violations).isEmpty();
        assertThat(seen.tests).extracting(TestBatch.TestRun::stdout).containsExactly("1 2", "");
        assertThat(seen.tests.get(0).memoryKb()).isEqualTo(3456L);
        assertThat(seen.tests.get(1).memoryKb()).isNull();
        assertThat(seen.tests.get(1).stderr()).isEqualTo("oops");
        assertThat(seen.finished).isTrue();
    }

    @Test
    void aReportSplitAcrossFramesIsRead() {
        Seen seen = new Seen();
        TestReportReader r = new TestReportReader(NONCE, 100, 1, seen);
        byte[] all = b(M + "S\n" + M + "R:0:0:12:3456:0:5:0\nhello" + M + "D\n");
        for (byte x : all) r.feed(new byte[]{x});
        assertThat(seen.violations).isEmpty();
        assertThat(seen.tests).extracting(TestBatch.TestRun::stdout).containsExactly("hello");
        assertThat(seen.finished).isTrue();
    }

    @Test
    void aFieldThatIsNotDigitsIsAViolation() {
        // the attack of the issue: ':' written into the time file shifts every field after it
        for (String bad : List.of("R:0:0:12:::0:0:0", "R:0:0:12:-5:0:0:0", "R:0:0: 12:5:0:0:0", "R:0:0:12:5:0:0:0:x",
                "R:0:0:1e3:5:0:0:0", "R:0:0:99999999999:5:0:0:0")) {
            Seen seen = new Seen();
            TestReportReader r = new TestReportReader(NONCE, 100, 1, seen);
            r.feed(b(M + "S\n" + M + bad + "\n"));
            assertThat(seen.violations).as(bad).hasSize(1);
            assertThat(seen.tests).as(bad).isEmpty();
        }
    }

    @Test
    void testsOutOfOrderOrOverTheirCapsAreViolations() {
        for (String bad : List.of("R:1:0:12:5:0:0:0", "R:0:0:12:5:0:102:0", "R:0:0:12:5:0:0:4097", "X:1", "C:1")) {
            Seen seen = new Seen();
            TestReportReader r = new TestReportReader(NONCE, 100, 2, seen);
            r.feed(b(M + "S\n" + M + bad + "\n"));
            assertThat(seen.violations).as(bad).hasSize(1);
        }
        Seen early = new Seen();
        TestReportReader r = new TestReportReader(NONCE, 100, 2, early);
        r.feed(b(M + "S\n" + M + "D\n"));
        assertThat(early.violations).as("the end before every test ran").hasSize(1);
    }

    @Test
    void junkIsDroppedAndTooMuchOfItStopsTheContainer() {
        Seen seen = new Seen();
        TestReportReader r = new TestReportReader(NONCE, 100, 1, seen);
        r.feed(b(M + "S\n" + M + "R:0:0:12:5:0:1:0\nx" + M + "D\n"));
        byte[] chunk = new byte[8192];
        // after the end: never buffered, and past the cap a violation (the caller kills the container)
        for (int i = 0; i < TestReportReader.JUNK_CAP / chunk.length + 2; i++) r.feed(chunk);
        assertThat(seen.tests).hasSize(1);
        assertThat(seen.violations).hasSize(1);

        Seen between = new Seen();
        TestReportReader r2 = new TestReportReader(NONCE, 100, 1, between);
        r2.feed(b(M + "S\n"));
        for (int i = 0; i < TestReportReader.JUNK_CAP / chunk.length + 2; i++) r2.feed(chunk);
        assertThat(between.violations).as("junk between reports").hasSize(1);
    }

    @Test
    void aMarkerLineThatNeverEndsIsAViolation() {
        Seen seen = new Seen();
        TestReportReader r = new TestReportReader(NONCE, 100, 1, seen);
        r.feed(b(M + "S\n" + M + "R:0:0:" + "1".repeat(200)));
        assertThat(seen.violations).hasSize(1);
    }

    @Test
    void compilerOutputIsCappedAndAFailedCompileEndsTheReport() {
        Seen seen = new Seen();
        TestReportReader r = new TestReportReader(NONCE, 100, 1, seen);
        r.feed(new byte[Bootstrap.COMPILE_OUTPUT_BYTES + 10]);
        r.feed(b(M + "C:1\n"));
        assertThat(r.compileOutput()).hasSize(Bootstrap.COMPILE_OUTPUT_BYTES);
        assertThat(seen.compileRc).isEqualTo(1);
        assertThat(seen.violations).isEmpty();
    }
}
