package dev.bloodbank.broker.reconcile;

import java.util.Optional;

/**
 * Keeps every stream queue on the broker, whatever the plan says: a stream is history (the archive),
 * and no apply, prune or recreate may delete it. The broker's message count cannot decide this: it
 * lags by seconds and retention may have emptied a stream that still has offsets readers rely on.
 * Removing a stream is a deliberate act outside Bloodbank.
 */
final class StreamGuard {

    private StreamGuard() {}

    /** Why this change must not run, or empty when it touches no stream. */
    static Optional<String> refusal(Change change) {
        Queue stream = change instanceof Change.Delete d && d.current() instanceof Queue q ? q
                : change instanceof Change.ReplaceRequired r && r.current() instanceof Queue q ? q
                : null;
        if (stream == null || !"stream".equals(stream.type())) return Optional.empty();
        String what = change instanceof Change.Delete ? "deleted" : "re-created";
        return Optional.of("stream " + stream.name() + " was kept: a stream holds history (the archive), and apply never"
                + " deletes one, not even with --prune or --allow-recreate. To drop its history on purpose, delete it"
                + " yourself (rabbitmqctl delete_queue " + stream.name() + "), then re-run apply; it would have been " + what + ".");
    }
}
