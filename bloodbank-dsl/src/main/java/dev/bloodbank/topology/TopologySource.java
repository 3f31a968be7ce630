package dev.bloodbank.topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a topology file and the schema files it names are read from: the file system, or a
 * directory of classpath resources (how the CLI embeds its default topology). A {@code schemaFile}
 * is always resolved relative to the topology that names it, whichever the source.
 */
public sealed interface TopologySource permits FileTopologySource, ClasspathTopologySource {

    /** A topology file on disk; its schema files are resolved against its directory. */
    static TopologySource file(Path file) {
        return new FileTopologySource(Objects.requireNonNull(file, "file"));
    }

    /**
     * A topology stored as a classpath resource, e.g. {@code "bloodbank/topology.yaml"}; its schema
     * files are resources resolved against the resource's directory.
     */
    static TopologySource classpath(String resource, ClassLoader loader) {
        return new ClasspathTopologySource(
                ClasspathTopologySource.normalise(Objects.requireNonNull(resource, "resource")),
                Objects.requireNonNull(loader, "loader"));
    }

    /** How problems name this file: the path as given, or {@code classpath:RESOURCE}. */
    Path path();

    /**
     * The content, at most {@code limit} bytes.
     *
     * @throws SourceTooLargeException when the content is longer than {@code limit}
     * @throws IOException when it cannot be read (missing, a directory, unreadable)
     */
    byte[] read(long limit) throws IOException;

    /**
     * The source a relative path names, seen from this one's directory.
     *
     * @throws IllegalArgumentException when the path is absolute, or leaves the classpath root
     */
    TopologySource resolve(String relativePath);

    /** Content longer than the reader accepts, refused before it is parsed. */
    final class SourceTooLargeException extends IOException {

        private final long size;

        SourceTooLargeException(long size) {
            super("too large");
            this.size = size;
        }

        /** The size in bytes, or at least the number of bytes seen before giving up. */
        public long size() {
            return size;
        }
    }
}
