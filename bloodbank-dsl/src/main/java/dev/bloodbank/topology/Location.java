package dev.bloodbank.topology;

import java.nio.file.Path;

/** A place in a source file, 1-based, so that every problem can point at what caused it. */
public record Location(Path file, int line, int column) {

    public static Location of(Path file) {
        return new Location(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
