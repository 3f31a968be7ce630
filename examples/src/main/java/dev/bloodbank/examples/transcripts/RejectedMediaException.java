package dev.bloodbank.examples.transcripts;

/** A recording the transcriber refuses for good (unsupported format, say): retrying cannot help. */
public class RejectedMediaException extends RuntimeException {

    public RejectedMediaException(String message) {
        super(message);
    }
}
