package dev.bloodbank.topology;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A composed YAML node tree as bytes, and back: every node with its tag, anchor and the start and
 * end of its text (index, line, column), scalars with their value and style, collections with their
 * flow style and their entries in order. A node that aliases make appear in several places, even
 * inside itself, is written once and referred to after that, so the tree read back has the same
 * shape, shared nodes and cycles included. Strings are written once each.
 *
 * <p>Bytes that are not such a tree (cut short, damaged) make {@link #read} throw
 * {@link IllegalArgumentException}; the cache then composes the text again.
 */
final class ComposedNodes {

    private static final byte SCALAR = 0;
    private static final byte SEQUENCE = 1;
    private static final byte MAPPING = 2;
    private static final byte SEEN = 3;
    private static final int NO_ANCHOR = -1;
    private static final int[] NO_TEXT = new int[0];
    private static final DumperOptions.ScalarStyle[] SCALAR_STYLES = DumperOptions.ScalarStyle.values();
    private static final DumperOptions.FlowStyle[] FLOW_STYLES = DumperOptions.FlowStyle.values();
    private static final Map<String, Tag> STANDARD_TAGS = Map.of(
            Tag.STR.getValue(), Tag.STR, Tag.INT.getValue(), Tag.INT, Tag.FLOAT.getValue(), Tag.FLOAT,
            Tag.BOOL.getValue(), Tag.BOOL, Tag.NULL.getValue(), Tag.NULL, Tag.MAP.getValue(), Tag.MAP,
            Tag.SEQ.getValue(), Tag.SEQ, Tag.TIMESTAMP.getValue(), Tag.TIMESTAMP, Tag.BINARY.getValue(), Tag.BINARY);

    private ComposedNodes() {}

    static byte[] write(Node root) {
        Writer writer = new Writer();
        writer.node(root);
        return writer.bytes();
    }

    /** The tree {@link #write} wrote. */
    static Node read(byte[] bytes) {
        return read(bytes, 0);
    }

    /** The tree {@link #write} wrote into {@code bytes} from {@code offset} to the end. */
    static Node read(byte[] bytes, int offset) {
        try {
            // positions in the buffer are indexes into the whole array, which the reader's strings use
            return new Reader(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).tree();
        } catch (BufferUnderflowException | IndexOutOfBoundsException | StackOverflowError e) {
            // a tree written here is never deeper than YamlReader.MAX_DEPTH: only damaged bytes get this far
            throw new IllegalArgumentException("not a composed node tree: " + e, e);
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream nodeBytes = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream nodes = new DataOutputStream(nodeBytes);
        private final Map<String, Integer> strings = new HashMap<>();
        private final List<String> table = new ArrayList<>();
        private final Map<Node, Integer> seen = new IdentityHashMap<>();

        void node(Node node) {
            try {
                Integer id = seen.get(node);
                if (id != null) {
                    nodes.writeByte(SEEN);
                    nodes.writeInt(id);
                    return;
                }
                seen.put(node, seen.size());
                if (node instanceof ScalarNode scalar) {
                    header(SCALAR, node);
                    nodes.writeInt(string(scalar.getValue()));
                    nodes.writeByte(scalar.getScalarStyle().ordinal());
                } else if (node instanceof SequenceNode sequence) {
                    header(SEQUENCE, node);
                    nodes.writeByte(sequence.getFlowStyle().ordinal());
                    nodes.writeInt(sequence.getValue().size());
                    for (Node item : sequence.getValue()) node(item);
                } else {
                    MappingNode mapping = (MappingNode) node;
                    header(MAPPING, node);
                    nodes.writeByte(mapping.getFlowStyle().ordinal());
                    nodes.writeBoolean(mapping.isMerged());
                    nodes.writeInt(mapping.getValue().size());
                    for (NodeTuple entry : mapping.getValue()) {
                        node(entry.getKeyNode());
                        node(entry.getValueNode());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
        }

        private void header(byte kind, Node node) throws IOException {
            nodes.writeByte(kind);
            nodes.writeInt(string(node.getTag().getValue()));
            nodes.writeInt(node.getAnchor() == null ? NO_ANCHOR : string(node.getAnchor()));
            mark(node.getStartMark());
            mark(node.getEndMark());
        }

        private void mark(Mark mark) throws IOException {
            nodes.writeInt(mark == null ? -1 : mark.getIndex());
            nodes.writeInt(mark == null ? -1 : mark.getLine());
            nodes.writeInt(mark == null ? -1 : mark.getColumn());
        }

        private int string(String value) {
            return strings.computeIfAbsent(value, v -> {
                table.add(v);
                return table.size() - 1;
            });
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream(nodeBytes.size() + 64 * table.size());
            try (DataOutputStream out = new DataOutputStream(all)) {
                out.writeInt(table.size());
                for (String s : table) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
                out.writeInt(seen.size());
                nodeBytes.writeTo(out);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory failed", e);
            }
            return all.toByteArray();
        }
    }

    private static final class Reader {
        private final ByteBuffer in;
        private final String[] strings;
        private final Node[] nodes;
        private final Map<String, Tag> tags = new HashMap<>(STANDARD_TAGS);
        private int next;

        Reader(ByteBuffer in) {
            this.in = in;
            this.strings = new String[count()];
            for (int i = 0; i < strings.length; i++) {
                int length = count();
                strings[i] = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
                in.position(in.position() + length);
            }
            this.nodes = new Node[count()];
        }

        /** A count or a length: each counted thing takes at least a byte, so more than the bytes left is damage. */
        private int count() {
            int count = in.getInt();
            if (count < 0 || count > in.remaining())
                throw new IllegalArgumentException("not a composed node tree: a count of " + count + " with " + in.remaining() + " bytes left");
            return count;
        }

        Node tree() {
            Node root = node();
            if (in.hasRemaining() || next != nodes.length)
                throw new IllegalArgumentException("not a composed node tree: " + in.remaining() + " bytes left over");
            return root;
        }

        private Node node() {
            byte kind = in.get();
            if (kind == SEEN) {
                Node node = nodes[in.getInt()];
                if (node == null) throw new IllegalArgumentException("not a composed node tree: a reference ahead of its node");
                return node;
            }
            int id = next++;
            Tag tag = tags.computeIfAbsent(strings[in.getInt()], Tag::new);
            int anchor = in.getInt();
            Mark start = mark();
            Mark end = mark();
            Node node;
            switch (kind) {
                case SCALAR -> {
                    String value = strings[in.getInt()];
                    node = new ScalarNode(tag, value, start, end, SCALAR_STYLES[in.get()]);
                    nodes[id] = node;
                }
                case SEQUENCE -> {
                    DumperOptions.FlowStyle flow = FLOW_STYLES[in.get()];
                    int count = count();
                    List<Node> items = new ArrayList<>(count);
                    // registered before its items: an item may be an alias of the sequence itself
                    node = new SequenceNode(tag, true, items, start, end, flow);
                    nodes[id] = node;
                    for (int i = 0; i < count; i++) items.add(node());
                }
                case MAPPING -> {
                    DumperOptions.FlowStyle flow = FLOW_STYLES[in.get()];
                    boolean merged = in.get() != 0;
                    int count = count();
                    List<NodeTuple> entries = new ArrayList<>(count);
                    // registered before its entries, as a sequence is
                    MappingNode mapping = new MappingNode(tag, true, entries, start, end, flow);
                    mapping.setMerged(merged);
                    node = mapping;
                    nodes[id] = node;
                    for (int i = 0; i < count; i++) {
                        Node key = node();
                        entries.add(new NodeTuple(key, node()));
                    }
                }
                default -> throw new IllegalArgumentException("not a composed node tree: node kind " + kind);
            }
            if (anchor != NO_ANCHOR) node.setAnchor(strings[anchor]);
            return node;
        }

        private Mark mark() {
            int index = in.getInt();
            int line = in.getInt();
            int column = in.getInt();
            return index < 0 ? null : new Mark("reader", index, line, column, NO_TEXT, 0);
        }
    }
}
