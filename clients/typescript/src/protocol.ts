// The session socket's messages as TypeScript types: one module mirroring the wire contract
// (docs/protocol.md and /work/shared/protocol.md; every message and field also in docs/asyncapi.yaml, which
// AsyncApiDocumentTest checks against the server's records). Add a message here and in those places together.
// The package's own module: the IDE (frontend/) and any other client import it from "@tandem/client".

/** A CodeMirror ChangeSet in its JSON form (ChangeSet.toJSON()); decoded with ChangeSet.fromJSON. */
export type ChangesJson = readonly (number | readonly [number, ...string[]])[];

export interface Participant {
  clientId: string;
  name: string;
  color: string;
}

export interface Selection {
  anchor: number;
  head: number;
}

export interface UpdateJson {
  clientId: string;
  seq: number;
  changes: ChangesJson;
  /** v1.1 "Timeline": when the server accepted it (ms since the epoch); absent on what a client pushes. */
  at?: number;
}

// ---- client to server -------------------------------------------------------------------------------

export interface HelloMessage { type: "hello"; clientId?: string; name?: string; resumeToken?: string }
// v1.1 "Several files": `file` names the file a file-scoped message is about; without it, the main file.
export interface PushMessage { type: "push"; version: number; updates: UpdateJson[]; file?: string }
export interface PullMessage { type: "pull"; version: number; file?: string }
export interface PresenceSend { type: "presence"; selection: Selection | null; version: number; file?: string }
export interface RunMessage { type: "run"; stdin?: string; interactive?: boolean }
export interface SubmitMessage { type: "submit"; mode?: "submit" | "examples" }
/** v1.1 "Interactive runs": appends data to an interactive run's stdin (editors only). */
export interface RunInputSend { type: "run.input"; runId: string; data: string }
/** v1.1 "Interactive runs": closes an interactive run's stdin. */
export interface RunEofSend { type: "run.eof"; runId: string }
/** v1.1 "Interactive runs": stops a queued or running run, interactive or not (outcome cancelled). */
export interface RunCancelSend { type: "run.cancel"; runId: string }

/** Tandem extension (docs/protocol.md): switches the session's language for everyone; editors only. */
export interface LanguageSend { type: "language"; language: string }

/** v1.1 "Several files": adds a file (everyone gets file.created). */
export interface FileCreateSend { type: "file.create"; path: string; content: string }
/** v1.1 "Several files": renames a file other than the main one; it keeps its version line and history. */
export interface FileRenameSend { type: "file.rename"; path: string; to: string }
/** v1.1 "Several files": deletes a file other than the main one. */
export interface FileDeleteSend { type: "file.delete"; path: string }

export type ClientMessage = HelloMessage | PushMessage | PullMessage | PresenceSend | RunMessage | SubmitMessage | LanguageSend
  | RunInputSend | RunEofSend | RunCancelSend | FileCreateSend | FileRenameSend | FileDeleteSend;

// ---- server to client -------------------------------------------------------------------------------

export interface WelcomeMessage {
  type: "welcome";
  /** The contract version the server speaks ("1.1"); absent from v1 servers. */
  protocol?: string;
  sessionId: string;
  clientId: string;
  version: number;
  content: string;
  language: string;
  title?: string;
  participants: Participant[];
  node?: string;
  /** v1.1 "Identity across reconnects": proves on the next hello that this clientId is ours (only to this client). */
  resumeToken?: string;
  /** v1.1 "Several files": every file, the main file first (version/content above stay the main file's). */
  files?: FileEntry[];
}
/** A file of the session at a version (v1.1 "Several files"). */
export interface FileEntry { path: string; version: number; content: string }
/** A file and the version of it that went into a run. */
export interface FileVersion { path: string; version: number }
export interface UpdatesMessage { type: "updates"; fromVersion: number; updates: UpdateJson[]; file?: string }
export interface AckMessage { type: "ack"; clientId: string; seq: number; version: number; file?: string }
export interface ConflictMessage { type: "conflict"; version: number; file?: string }
export interface JoinedMessage { type: "joined"; clientId: string; name: string; color: string }
export interface LeftMessage { type: "left"; clientId: string }
export interface PresenceMessage {
  type: "presence";
  clientId: string;
  name: string;
  color: string;
  selection: Selection | null;
  version: number;
  /** The file the selection is in (v1.1); TandemClient hands it on with the file's current path, always set. */
  file?: string;
}
/** `file`: the file a file-scoped request was about (v1.1 "Several files"). */
export interface ErrorMessage { type: "error"; code: string; message?: string; ref?: string | null; file?: string }

/** v1.1 "Several files": a file that went into a run, at its own version (null for a run without a session). */
export interface RunFile { path: string; version: number | null }
export interface RunQueued { type: "run.queued"; runId: string; version: number; by: string; interactive?: boolean; files?: RunFile[] }
export interface RunStarted { type: "run.started"; runId: string; attempt?: number }
export interface RunOutput { type: "run.output"; runId: string; stream: "stdout" | "stderr"; data: string; seq: number }
export interface RunFinished {
  type: "run.finished";
  runId: string;
  outcome: string;
  exitCode: number | null;
  timeMs: number | null;
  memoryKb: number | null;
  truncated: boolean;
  message?: string | null;
}
/** v1.1 "Interactive runs": what a participant typed; seq is on the same line as run.output's. */
export interface RunInput { type: "run.input"; runId: string; data: string; by: string; clientId: string | null; seq: number }
export type RunEvent = RunQueued | RunStarted | RunOutput | RunFinished | RunInput;

export interface SubmissionQueued {
  type: "submission.queued";
  submissionId: string;
  seq: number;
  version: number;
  by: string;
  mode: string;
  problem: string;
  language: string;
  total: number;
}
export interface SubmissionTest {
  type: "submission.test";
  submissionId: string;
  seq: number;
  index: number;
  verdict: string;
  timeMs: number;
  memoryKb: number | null;
  hidden: boolean;
  exitCode?: number | null;
  signal?: number | null;
  message?: string | null;
  input?: string;
  expected?: string;
  actual?: string;
}
export interface SubmissionFinished {
  type: "submission.finished";
  submissionId: string;
  seq: number;
  verdict: string;
  passed: number;
  total: number;
  timeMs: number | null;
  memoryKb: number | null;
  failedTest?: number | null;
  compileOutput?: string | null;
  message?: string | null;
}
export type SubmissionEvent = SubmissionQueued | SubmissionTest | SubmissionFinished;

/** Tandem extension: the session's language is now `language` (to everyone, the sender included). */
export interface LanguageMessage { type: "language"; language: string; by: string; clientId: string }

/** v1.1 "Several files": to everyone, the sender included. */
export interface FileCreated { type: "file.created"; path: string; version: number; content: string; by: string; clientId: string }
export interface FileRenamed { type: "file.renamed"; path: string; to: string; by: string; clientId: string }
/**
 * `lostUpdates` is not from the wire: TandemClient adds how many of this client's edits to the file were not
 * confirmed yet (they are gone with it). A file missing from a welcome after a reconnect comes as a
 * file.deleted with `by` and `clientId` null.
 */
export interface FileDeleted { type: "file.deleted"; path: string; by: string | null; clientId: string | null; lostUpdates?: number }
export type FileEvent = FileCreated | FileRenamed | FileDeleted;

export type ServerMessage =
  | WelcomeMessage | UpdatesMessage | AckMessage | ConflictMessage | JoinedMessage | LeftMessage
  | PresenceMessage | ErrorMessage | RunEvent | SubmissionEvent | LanguageMessage | FileEvent;

/** Not from the wire: the client tells its caller that the editor of `file` caught up to `version`. */
export interface SyncedEvent { type: "synced"; version: number; file?: string }

/** What the client hands to its caller: the server's messages (but updates, ack, conflict) and its own events. */
export type TransportMessage = ServerMessage | SyncedEvent;

/**
 * A parsed frame, checked only as far as routing needs (an object with a string `type`); the server is
 * trusted for the rest of the shape, as the contract promises.
 */
export function parseServerMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || typeof (value as { type?: unknown }).type !== "string") return null;
  return value as ServerMessage;
}

export function isRunEvent(m: TransportMessage): m is RunEvent {
  return m.type.startsWith("run.");
}

export function isSubmissionEvent(m: TransportMessage): m is SubmissionEvent {
  return m.type.startsWith("submission.");
}

export function isFileEvent(m: TransportMessage): m is FileEvent {
  return m.type.startsWith("file.");
}
