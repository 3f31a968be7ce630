package dev.bloodbank.cli.dashboard;

/** A request the API refuses, with the HTTP status and the one line the client gets as {@code {"error": …}}. */
final class ApiError extends RuntimeException {

    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
