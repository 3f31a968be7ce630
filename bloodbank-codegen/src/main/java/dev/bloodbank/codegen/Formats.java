package dev.bloodbank.codegen;

import com.palantir.javapoet.ClassName;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The Java type of a string with a JSON Schema {@code format}; an unknown format stays a String. */
final class Formats {

    private Formats() {}

    static ClassName javaType(String format) {
        return switch (format) {
            case "date-time" -> ClassName.get(Instant.class);
            case "date" -> ClassName.get(LocalDate.class);
            case "uri" -> ClassName.get(URI.class);
            case "uuid" -> ClassName.get(UUID.class);
            default -> ClassName.get(String.class);
        };
    }
}
