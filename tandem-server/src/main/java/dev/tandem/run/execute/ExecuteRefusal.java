package dev.tandem.run.execute;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.FilePaths;
import dev.tandem.run.RunRefused;

/** Why a run without a session is refused before anything is queued (answered as the v1 error body). */
public final class ExecuteRefusal {
    private ExecuteRefusal() {
    }

    /** 400 BAD_REQUEST: a field is missing, has the wrong shape or is out of range. */
    public static RunRefused bad(String message) {
        return new RunRefused("BAD_REQUEST", 400, message);
    }

    /** 400 BAD_PATH: a file's path breaks the rules of v1.1 "Several files" ({@link FilePaths}), or repeats one. */
    public static RunRefused badPath(String message) {
        return new RunRefused(dev.tandem.protocol.ErrorCode.BAD_PATH.name(), 400, message);
    }

    /** 413 TOO_LARGE. */
    public static RunRefused tooLarge(String message) {
        return new RunRefused(ErrorCode.TOO_LARGE, 413, message);
    }

    /** 400 CALLBACK_NOT_ALLOWED. */
    public static RunRefused notAllowed(String message) {
        return new RunRefused(ErrorCode.CALLBACK_NOT_ALLOWED, 400, message);
    }
}
