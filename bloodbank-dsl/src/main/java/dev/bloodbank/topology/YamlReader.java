package dev.bloodbank.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes a file into a YAML node tree, keeping positions, and turns every way that can fail into
 * one located problem. Hostile input is refused early: files above {@link #MAX_BYTES} before they
 * are parsed, documents nested deeper than {@link #MAX_DEPTH}, and more than
 * {@link #MAX_COLLECTION_ALIASES} aliases of collections (the billion-laughs pattern). No object
 * is ever constructed from a tag: composing builds nodes only.
 */
final class YamlReader {

    static final long MAX_BYTES = 8L * 1024 * 1024;
    static final int MAX_DEPTH = 100;
    static final int MAX_COLLECTION_ALIASES = 100;

    private YamlReader() {}

    /** The document, or empty after reporting why it cannot be read. */
    static Optional<YamlDocument> read(TopologySource source, Problems problems) {
        return read(source, problems, null);
    }

    /**
     * The document, or empty after reporting why it cannot be read. A file that another names
     * (a schemaFile) and that cannot be opened is reported where it is named, {@code referrer}.
     */
    static Optional<YamlDocument> read(TopologySource source, Problems problems, Location referrer) {
        Path file = source.path();
        byte[] bytes;
        try {
            bytes = source.read(MAX_BYTES);
        } catch (NoSuchFileException e) {
            if (referrer == null) return unreadable(source, problems, e);
            String resolved = source instanceof FileTopologySource ? file.toAbsolutePath().normalize().toString() : file.toString();
            problems.error(referrer, "schemaFile not found: " + resolved,
                    "schemaFile is relative to the directory of the topology file");
            return Optional.empty();
        } catch (TopologySource.SourceTooLargeException e) {
            problems.error(Location.of(file),
                    "the file is " + mebibytes(e.size()) + " MiB, more than the limit of " + mebibytes(MAX_BYTES) + " MiB",
                    "a topology and its schemas are a few hundred kilobytes at most; split the schemas into schemaFiles"
                            + " or check that this is the file you meant");
            return Optional.empty();
        } catch (IOException e) {
            if (referrer == null) return unreadable(source, problems, e);
            problems.error(referrer, "cannot read schemaFile " + file + ": " + describe(e), "check that it is a readable file");
            return Optional.empty();
        }
        Optional<String> text = decode(bytes, file, problems);
        if (text.isEmpty()) return Optional.empty();
        // JSON allows tabs wherever it allows spaces, YAML does not indent with them: one blank for one tab keeps every column
        String yaml = file.toString().endsWith(".json") ? text.get().replace('\t', ' ') : text.get();
        return compose(yaml, source, problems);
    }

    private static Optional<YamlDocument> unreadable(TopologySource source, Problems problems, IOException e) {
        Path file = source.path();
        if (e instanceof NoSuchFileException) {
            problems.error(Location.of(file), "no such file",
                    "check the path (a topology is given with -f/--topology or $BLOODBANK_TOPOLOGY)");
            return Optional.empty();
        }
        problems.error(Location.of(file), "cannot read the file: " + describe(e), "check that it is a readable file");
        return Optional.empty();
    }

    private static Optional<YamlDocument> compose(String text, TopologySource source, Problems problems) {
        ComposeCache cache = ComposeCache.active();
        byte[] key = cache == null ? null : cache.key(text);
        Node cached = cache == null ? null : cache.read(key);
        if (cached != null) return Optional.of(new YamlDocument(source, cached));
        Optional<YamlDocument> composed = composeText(text, source, problems);
        if (cache != null && composed.isPresent()) cache.write(key, composed.get().root());
        return composed;
    }

    private static Optional<YamlDocument> composeText(String text, TopologySource source, Problems problems) {
        Path file = source.path();
        String format = file.toString().endsWith(".json") ? "JSON" : "YAML";
        LoaderOptions options = options();
        ParserImpl parser = new ParserImpl(new StreamReader(text), options);
        Composer composer = new Composer(parser, new Resolver(), options);
        Node root;
        try {
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            problems.error(YamlDocument.locate(file, e.getProblemMark()), "malformed " + format + ": " + describe(e), hintFor(e));
            return Optional.empty();
        } catch (ReaderException e) {
            problems.error(locateCodePoint(file, text, e.getPosition()),
                    String.format(Locale.ROOT, "malformed %s: the character U+%04X is not allowed", format, e.getCodePoint()),
                    "remove the control character, or escape it inside a double-quoted string");
            return Optional.empty();
        } catch (YAMLException | StackOverflowError e) {
            // SnakeYAML reports its limits (depth, aliases) without a position: the parser's next event is
            // right after the offending node, which is close enough to find it. The depth limit keeps the
            // composer's recursion far from the stack's end; the overflow is caught as a last line only.
            problems.error(YamlDocument.locate(file, nextMark(parser)), limitMessage(e), limitHint(e));
            return Optional.empty();
        }
        if (root == null || NodeValues.isNull(root)) {
            problems.error(Location.of(file), "the file is empty",
                    "a topology starts with 'apiVersion: " + Topology.API_VERSION + "' followed by its events");
            return Optional.empty();
        }
        return Optional.of(new YamlDocument(source, root));
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(true);
        options.setProcessComments(false);
        return options;
    }

    /** Strict UTF-8 (a byte-order mark is skipped): a bad byte is reported where it is, not read as '?'. */
    private static Optional<String> decode(byte[] bytes, Path file, Problems problems) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return Optional.of(decoder.decode(buffer).toString());
        } catch (CharacterCodingException e) {
            // decode() leaves the buffer at the start of the bad sequence
            int bad = buffer.position();
            String before = new String(bytes, start, Math.max(0, bad - start), StandardCharsets.UTF_8);
            problems.error(locateCodePoint(file, before, before.codePointCount(0, before.length())),
                    "the file is not valid UTF-8", "save the file as UTF-8");
            return Optional.empty();
        }
    }

    private static Location locateCodePoint(Path file, String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; index++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(file, line, column);
    }

    private static Mark nextMark(ParserImpl parser) {
        try {
            Event next = parser.peekEvent();
            return next == null ? null : next.getStartMark();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static String limitMessage(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Nesting Depth"))
            return "the document is nested more than " + MAX_DEPTH + " levels deep";
        if (message.contains("aliases"))
            return "the document uses more than " + MAX_COLLECTION_ALIASES + " aliases (*name) of mappings or sequences";
        if (e instanceof StackOverflowError) return "the document is nested too deeply to read";
        return "malformed YAML: " + message;
    }

    private static String limitHint(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases"))
            return "aliases that expand into each other can blow a small file up to gigabytes; write the values out,"
                    + " or share settings through 'defaults' instead";
        if (message.contains("Nesting Depth") || e instanceof StackOverflowError)
            return "no topology or schema needs this depth; move shared schema parts into $defs and use $ref";
        return "check the YAML syntax around this place";
    }

    /** The parser's own words, without its echo of the source lines (the location already says where). */
    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem().replaceAll("\\s+", " ").trim();
        String context = e.getContext() == null ? "" : e.getContext().trim();
        if (problem.contains("(TAB)")) return "a tab character where YAML expects spaces";
        if (problem.contains("found another document")) return "a second YAML document starts here";
        if (!context.isEmpty() && e.getContextMark() != null) {
            Mark mark = e.getContextMark();
            return problem + " (" + context + " that started at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1) + ")";
        }
        return problem;
    }

    private static String hintFor(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        String context = String.valueOf(e.getContext());
        if (problem.contains("(TAB)")) return "indent with spaces; YAML does not allow tabs for indentation";
        if (problem.contains("mapping values are not allowed"))
            return "a value that contains ': ' must be quoted, or the indentation of this line is off";
        if (problem.contains("found another document"))
            return "a topology is one YAML document; remove the '---' separator and what follows, or merge them";
        if (context.contains("flow mapping") || context.contains("flow sequence"))
            return "a '{' or '[' opened there is not closed, or an entry before this place misses its ','";
        if (problem.contains("could not find expected ':'"))
            return "each entry is 'key: value'; check for a missing colon or an unclosed quote above";
        if (context.contains("quoted scalar")) return "a quoted string opened there is not closed";
        if (problem.contains("Expected mapping node") || context.contains("merge"))
            return "a merge key takes an alias of a mapping or a list of them: '<<: *base' or '<<: [*a, *b]'";
        return "check the indentation and the quotes and brackets around this place";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
