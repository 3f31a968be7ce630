package dev.bloodbank.cli.operate;

import dev.bloodbank.cli.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a payload given as a stream (standard input, a file) as UTF-8 text, refusing, each with one
 * line, a stream larger than a message may be and bytes that are not UTF-8. Reading stops at the
 * limit, so a runaway pipe does not fill the memory first.
 */
final class PayloadText {

    /** RabbitMQ's default {@code max_message_size}: the broker refuses a larger message. */
    static final int MAX_BYTES = 128 * 1024 * 1024;

    private PayloadText() {}

    static String read(InputStream in, String origin) {
        return read(in, origin, MAX_BYTES);
    }

    static String read(InputStream in, String origin, int maxBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (bytes.size() + (long) n > maxBytes)
                    throw new UserError("the payload from " + origin + " is larger than " + mebibytes(maxBytes)
                            + ", the largest message the broker accepts by default (max_message_size)");
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UserError("cannot read the payload from " + origin + ": " + e.getMessage());
        }
        return utf8(bytes.toByteArray(), origin);
    }

    private static String utf8(byte[] bytes, String origin) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (MalformedInputException e) {
            throw new UserError("the payload from " + origin + " is not UTF-8: " + offending(bytes),
                    "JSON travels as UTF-8; convert it first, e.g. iconv -f LATIN1 -t UTF-8");
        } catch (CharacterCodingException e) {
            throw new UserError("the payload from " + origin + " is not UTF-8: " + e.getMessage());
        }
    }

    /** Where the first bad byte is, for the user to find it; the decoder reports only its length. */
    private static String offending(byte[] bytes) {
        int at = firstMalformed(bytes);
        return at < 0 ? "malformed input" : String.format("byte 0x%02X at offset %d", bytes[at] & 0xFF, at);
    }

    private static int firstMalformed(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : -1;
    }

    private static String mebibytes(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
