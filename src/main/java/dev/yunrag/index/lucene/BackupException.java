package dev.yunrag.index.lucene;

/** A backup cannot be taken or restored; the message says why and that nothing was changed. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
