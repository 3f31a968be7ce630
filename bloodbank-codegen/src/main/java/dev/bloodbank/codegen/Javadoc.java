package dev.bloodbank.codegen;

/** Free text from the topology made safe inside a Javadoc comment. */
final class Javadoc {

    private Javadoc() {}

    /**
     * Escapes what would end the comment early ({@code *}{@code /}) and backslashes, which javac reads
     * as unicode escapes even in comments ({@code C:\}{@code users} would not compile).
     */
    static String text(String text) {
        return text.strip().replace("\\", "&#92;").replace("*/", "*&#47;");
    }
}
