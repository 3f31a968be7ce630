package dev.bloodbank.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** A topology or schema file stored as a classpath resource, e.g. inside the CLI's jar. */
record ClasspathTopologySource(String resource, ClassLoader loader) implements TopologySource {

    static final String SCHEME = "classpath:";

    @Override
    public Path path() {
        return Path.of(SCHEME + resource);
    }

    @Override
    public byte[] read(long limit) throws IOException {
        if (resource.isEmpty() || resource.endsWith("/")) throw new IOException("is a directory, not a file");
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) throw new NoSuchFileException(SCHEME + resource);
            byte[] content = in.readNBytes((int) limit + 1);
            if (content.length > limit) throw new TopologySource.SourceTooLargeException(content.length);
            return content;
        }
    }

    @Override
    public TopologySource resolve(String relativePath) {
        if (relativePath.startsWith("/"))
            throw new IllegalArgumentException("is an absolute path; write it relative to the topology file");
        int slash = resource.lastIndexOf('/');
        String directory = slash < 0 ? "" : resource.substring(0, slash + 1);
        return new ClasspathTopologySource(normalise(directory + relativePath), loader);
    }

    /** Resolves {@code .} and {@code ..} segments; resources have no parent above the root. */
    static String normalise(String resource) {
        String path = resource.startsWith(SCHEME) ? resource.substring(SCHEME.length()) : resource;
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) {
                if (segments.isEmpty())
                    throw new IllegalArgumentException("leaves the root of the classpath (" + resource + ")");
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    @Override
    public String toString() {
        return SCHEME + resource;
    }
}
