package dev.bloodbank.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Java identifiers from wire names: {@code media_file} → {@code mediaFile}, {@code MediaFile}, {@code MEDIA_FILE}. */
final class JavaNames {

    /**
     * Names a record component cannot take: they would clash with the methods every record
     * inherits or declares.
     */
    private static final Set<String> RESERVED_COMPONENTS = Set.of(
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait", "equals");

    private JavaNames() {}

    /** The words of a wire name: split at anything not a letter or digit, and at lower-to-upper case changes. */
    static List<String> words(String wire) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            boolean boundary = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(wire.charAt(i - 1));
            if (boundary) flush(word, words);
            word.append(c);
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) words.add(word.toString());
        word.setLength(0);
    }

    /** {@code media_file} → {@code MediaFile}; a type name. */
    static String type(String wire) {
        StringBuilder name = new StringBuilder();
        for (String word : words(wire)) name.append(capitalised(word));
        return legal(name.toString(), "Type");
    }

    /**
     * The type name of an array's elements, from the array's: {@code ActionItems} → {@code ActionItem},
     * {@code Entries} → {@code Entry}; {@code Status} or {@code Data} → {@code StatusItem}, {@code DataItem}.
     */
    static String element(String arrayType) {
        if (arrayType.endsWith("ies") && arrayType.length() > 4)
            return arrayType.substring(0, arrayType.length() - 3) + "y";
        if (arrayType.endsWith("s") && !arrayType.endsWith("ss") && !arrayType.endsWith("us") && arrayType.length() > 3)
            return arrayType.substring(0, arrayType.length() - 1);
        return arrayType + "Item";
    }

    /** {@code media_file} → {@code mediaFile}; a component name. */
    static String member(String wire) {
        String type = type(wire);
        String name = type.equals("Type") && words(wire).isEmpty()
                ? "value"
                : Character.toLowerCase(type.charAt(0)) + type.substring(1);
        name = legal(name, "value");
        return RESERVED_COMPONENTS.contains(name) ? name + "Value" : name;
    }

    /** {@code fireflies.transcript.uploaded} → {@code FIREFLIES_TRANSCRIPT_UPLOADED}; a constant name. */
    static String constant(String wire) {
        String name = String.join("_", words(wire)).toUpperCase(Locale.ROOT);
        return legal(name, "VALUE");
    }

    /** {@code domain-aa} → {@code domain_aa}; a package segment. */
    static String packageSegment(String wire) {
        String name = String.join("_", words(wire)).toLowerCase(Locale.ROOT);
        return legal(name, "unnamed");
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A name that javac accepts: never empty, never a keyword, never starting with a digit. */
    private static String legal(String name, String fallback) {
        if (name.isEmpty()) return fallback;
        if (Character.isDigit(name.charAt(0))) name = fallback.charAt(0) + name;
        if (SourceVersion.isKeyword(name) || name.equals("_")) name = name + "_";
        return name;
    }
}
