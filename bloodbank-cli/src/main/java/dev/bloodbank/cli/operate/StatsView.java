package dev.bloodbank.cli.operate;

import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.broker.stats.ConsumerQueues;
import dev.bloodbank.broker.stats.FlowSnapshot;
import dev.bloodbank.broker.stats.QueueReading;
import dev.bloodbank.cli.text.Palette;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A flow snapshot as a table for people: one row per work queue, the retry and dead-letter queues
 * folded into its RETRYING and DEAD-LETTERED columns, the unrouted queue last. Columns are padded
 * before they are coloured, so that escape codes never shift them.
 */
final class StatsView {

    static final String MISSING = "missing (run bloodbank apply)";
    private static final String[] HEADER = {
        "CONSUMER", "QUEUE", "READY", "UNACKED", "CONSUMERS", "PUBLISH/s", "DELIVER/s", "RETRYING", "DEAD-LETTERED"
    };
    /** Columns after the first two hold numbers and are right-aligned. */
    private static final int FIRST_NUMBER = 2;

    private final Palette palette;

    StatsView(Palette palette) {
        this.palette = palette;
    }

    /** A cell: its text, and the colour it gets once padded. */
    private record Cell(String text, Colour colour) {
        static Cell plain(String text) {
            return new Cell(text, Colour.NONE);
        }
    }

    private enum Colour { NONE, RED, YELLOW, FAINT }

    void print(FlowSnapshot snapshot, PrintWriter out) {
        out.println("Queues of vhost '" + snapshot.vhost() + "' at " + snapshot.readAt().truncatedTo(ChronoUnit.SECONDS)
                + " (rates in msg/s over the broker's last sample)");
        out.println();
        List<Cell[]> rows = new ArrayList<>();
        for (ConsumerQueues consumer : snapshot.consumers()) rows.add(row(consumer));
        rows.add(unroutedRow(snapshot.unrouted()));
        int[] widths = widths(rows);
        out.println(palette.bold(line(header(), widths)).stripTrailing());
        for (Cell[] row : rows) out.println(line(row, widths).stripTrailing());
        List<String> missing = new ArrayList<>();
        for (ConsumerQueues consumer : snapshot.consumers()) {
            if (!consumer.work().exists()) continue; // already said on its row
            consumer.retries().stream().filter(q -> !q.exists()).forEach(q -> missing.add(q.queue()));
            if (!consumer.deadLetter().exists()) missing.add(consumer.deadLetter().queue());
        }
        if (!missing.isEmpty()) {
            out.println();
            for (String queue : missing) out.println(palette.yellow(queue + ": " + MISSING));
        }
    }

    private static Cell[] header() {
        Cell[] cells = new Cell[HEADER.length];
        for (int i = 0; i < cells.length; i++) cells[i] = Cell.plain(HEADER[i]);
        return cells;
    }

    private static Cell[] row(ConsumerQueues consumer) {
        Cell owner = Cell.plain(consumer.role().label() + " " + consumer.owner());
        QueueReading work = consumer.work();
        if (!work.exists()) return new Cell[] {owner, Cell.plain(work.queue()), new Cell(MISSING, Colour.YELLOW)};
        QueueStats s = work.stats();
        boolean stuck = s.ready() != null && s.ready() > 0 && s.consumers() != null && s.consumers() == 0;
        boolean retriesMissing = consumer.retries().stream().anyMatch(q -> !q.exists());
        long dead = consumer.deadLetter().depth();
        return new Cell[] {
            owner,
            Cell.plain(work.queue()),
            new Cell(count(s.ready()), stuck ? Colour.YELLOW : Colour.NONE),
            Cell.plain(count(s.unacked())),
            new Cell(count(s.consumers()), s.consumers() != null && s.consumers() == 0 ? Colour.YELLOW : Colour.NONE),
            Cell.plain(rate(s.publishRate())),
            Cell.plain(rate(s.deliverRate())),
            retriesMissing ? new Cell("missing", Colour.YELLOW) : Cell.plain(Long.toString(consumer.retrying())),
            !consumer.deadLetter().exists() ? new Cell("missing", Colour.YELLOW)
                    : new Cell(Long.toString(dead), dead > 0 ? Colour.RED : Colour.NONE)
        };
    }

    private static Cell[] unroutedRow(QueueReading unrouted) {
        Cell owner = Cell.plain("unrouted events");
        if (!unrouted.exists()) return new Cell[] {owner, Cell.plain(unrouted.queue()), new Cell(MISSING, Colour.YELLOW)};
        QueueStats s = unrouted.stats();
        Cell none = new Cell("-", Colour.FAINT);
        return new Cell[] {
            owner, Cell.plain(unrouted.queue()),
            new Cell(count(s.ready()), s.ready() != null && s.ready() > 0 ? Colour.YELLOW : Colour.NONE),
            Cell.plain(count(s.unacked())), Cell.plain(count(s.consumers())),
            Cell.plain(rate(s.publishRate())), Cell.plain(rate(s.deliverRate())), none, none
        };
    }

    private static String count(Long n) {
        return n == null ? "-" : Long.toString(n);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static int[] widths(List<Cell[]> rows) {
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) widths[i] = HEADER[i].length();
        for (Cell[] row : rows) {
            // A "missing" message spans the number columns; it does not widen them.
            if (row.length < HEADER.length) {
                for (int i = 0; i < FIRST_NUMBER; i++) widths[i] = Math.max(widths[i], row[i].text().length());
                continue;
            }
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].text().length());
        }
        return widths;
    }

    private String line(Cell[] cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append("  ");
            String text = cells[i].text();
            boolean spans = cells.length < HEADER.length && i == cells.length - 1;
            String padded = spans ? text
                    : i < FIRST_NUMBER ? pad(text, widths[i], false) : pad(text, widths[i], true);
            b.append(colour(cells[i].colour(), padded));
        }
        return b.toString();
    }

    private static String pad(String text, int width, boolean right) {
        if (text.length() >= width) return text;
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }

    private String colour(Colour colour, String text) {
        return switch (colour) {
            case RED -> palette.red(text);
            case YELLOW -> palette.yellow(text);
            case FAINT -> palette.faint(text);
            case NONE -> text;
        };
    }
}
