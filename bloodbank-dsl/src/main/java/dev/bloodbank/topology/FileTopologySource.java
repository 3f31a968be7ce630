package dev.bloodbank.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A topology or schema file on disk. */
record FileTopologySource(Path path) implements TopologySource {

    @Override
    public byte[] read(long limit) throws IOException {
        if (Files.isDirectory(path)) throw new IOException("is a directory, not a file");
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        long size = Files.size(path);
        if (size > limit) throw new TopologySource.SourceTooLargeException(size);
        // Re-check while reading: the file may grow between the size check and the read.
        try (InputStream in = Files.newInputStream(path)) {
            byte[] content = in.readNBytes((int) limit + 1);
            if (content.length > limit) throw new TopologySource.SourceTooLargeException(content.length);
            return content;
        }
    }

    @Override
    public TopologySource resolve(String relativePath) {
        Path relative = Path.of(relativePath);
        if (relative.isAbsolute() || relativePath.startsWith("/"))
            throw new IllegalArgumentException("is an absolute path; write it relative to the topology file");
        Path parent = path.getParent();
        return new FileTopologySource(parent == null ? relative.normalize() : parent.resolve(relative).normalize());
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
