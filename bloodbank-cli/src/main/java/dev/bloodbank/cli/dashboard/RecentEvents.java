package dev.bloodbank.cli.dashboard;

import dev.bloodbank.topology.TopicPattern;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The newest archived events, at most {@code capacity} of them, so that the browser's usual
 * question (the latest events, perhaps of some keys, perhaps with some text) never reads the
 * stream. {@link #covers} tells whether a window starts late enough to be answered from here.
 */
final class RecentEvents {

    private final int capacity;
    /** An event and its payload's text in lower case, which the text filter searches. */
    record Entry(ArchiveSource.ArchivedEvent event, String payloadText) {
        Entry {
            payloadText = payloadText.toLowerCase(Locale.ROOT);
        }
    }

    private final ArrayDeque<Entry> newestLast = new ArrayDeque<>();
    /** Events stamped after this are all here (those before may have been dropped or never read). */
    private Instant complete;

    RecentEvents(int capacity, Instant readFrom) {
        this.capacity = capacity;
        this.complete = readFrom;
    }

    synchronized void add(Entry entry) {
        newestLast.addLast(entry);
        if (newestLast.size() > capacity) {
            Instant dropped = newestLast.removeFirst().event().timestamp();
            if (dropped.isAfter(complete)) complete = dropped;
        }
    }

    synchronized boolean covers(Instant since) {
        return since.isAfter(complete);
    }

    synchronized List<ArchiveSource.ArchivedEvent> matching(ArchiveSource.EventQuery query) {
        List<ArchiveSource.ArchivedEvent> out = new ArrayList<>();
        for (Iterator<Entry> it = newestLast.descendingIterator(); it.hasNext() && out.size() < query.limit(); ) {
            Entry e = it.next();
            if (matches(query, e)) out.add(e.event());
        }
        return out;
    }

    synchronized Optional<ArchiveSource.ArchivedEvent> find(String eventId) {
        for (Iterator<Entry> it = newestLast.descendingIterator(); it.hasNext(); ) {
            ArchiveSource.ArchivedEvent e = it.next().event();
            if (eventId.equals(e.eventId())) return Optional.of(e);
        }
        return Optional.empty();
    }

    static boolean matches(ArchiveSource.EventQuery query, Entry entry) {
        ArchiveSource.ArchivedEvent e = entry.event();
        if (e.timestamp().isBefore(query.since()) || !e.timestamp().isBefore(query.until())) return false;
        if (!TopicPattern.matches(query.pattern(), e.key())) return false;
        return query.text() == null || query.text().isEmpty()
                || entry.payloadText().contains(query.text().toLowerCase(Locale.ROOT));
    }
}
