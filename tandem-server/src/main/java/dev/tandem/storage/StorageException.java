package dev.tandem.storage;

/** The database could not do what was asked; nothing of that call was committed. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
