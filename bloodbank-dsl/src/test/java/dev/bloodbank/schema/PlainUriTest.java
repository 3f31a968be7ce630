package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Format;
import com.networknt.schema.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one-pass URI shape accepts only what networknt's {@code uri} format accepts. */
@DisplayName("plain URIs")
class PlainUriTest {

    private static final Format NETWORKNT_URI =
            Formats.DEFAULT.stream().filter(f -> f.getName().equals("uri")).findFirst().orElseThrow();

    private static final String[][] PIECES = {
        {"http", "https", "s3", "a+b", "x.y-z", "1http", "", "h", "ht tp", "é"},
        {"://", "://", "://", ":/", ":", "//", ":///"},
        {"", "", "", "user@", "u:p@", "@"},
        {"example.com", "a", "a-.com", "-a.com", "1.2.3.4", "999.1.1.1", "1.2.3", "1abc", "a..b", "[::1]", "ex_ample.com",
            "", "EXAMPLE.COM", "xn--bcher-kva.example", "a.b.c.", "localhost", "a.1", "0", "transcripts.33god.dev"},
        {"", ":80", ":5672", ":", ":99999", ":8a", ":0"},
        {"", "/", "/a/b", "/a b", "/%20", "/%2", "/%zz", "/a:b@c", "/~x", "/!$&'()*+,;=", "/é", "/[x]", "/a|b",
            "/a\"b", "/a^b", "/`", "//", "/a/../b", "/tr-01JDX3K5"},
        {"", "?a=b&c=d", "?", "?q", "?a=[1]", "?x=%41", "?a?b/c", "?%", "?a b", "?format=json&include=speakers,sentences"},
        {"", "#frag", "#", "#/x", "#a#b", "#/x?y", "#%", "#%4g", "#a[b]"},
    };

    @Test
    void acceptsOnlyWhatNetworkntAccepts() {
        SplittableRandom random = new SplittableRandom(20261207);
        int accepted = 0;
        List<String> wrong = new ArrayList<>();
        for (int n = 0; n < 300_000; n++) {
            StringBuilder s = new StringBuilder();
            // the first three choices of each piece are well formed: taken more often, so that many strings are URIs
            for (String[] choices : PIECES)
                s.append(choices[random.nextInt(random.nextInt(4) == 0 ? choices.length : Math.min(3, choices.length))]);
            int edits = random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                char c = (char) random.nextInt(128);
                if (random.nextBoolean()) s.setCharAt(at, c);
                else s.insert(at, c);
            }
            String uri = s.toString();
            if (PlainUri.accepts(uri)) {
                accepted++;
                if (!NETWORKNT_URI.matches(null, null, uri)) wrong.add(uri);
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())));
        assertTrue(accepted > 50_000, "accepted " + accepted);
    }

    @Test
    void acceptsTheUsualShapes() {
        for (String uri : List.of("https://transcripts.33god.dev/tr-01JDX3K5?format=json&include=speakers,sentences",
                "http://localhost:8080/", "s3://bucket/key/part-0001.json", "https://example.com",
                "https://example.com/a%20b#section-2", "amqp://127.0.0.1:5672/vhost"))
            assertTrue(PlainUri.accepts(uri), uri);
    }

    @Test
    void leavesTheRestToNetworknt() {
        for (String uri : List.of("mailto:someone@example.com", "urn:isbn:0451450523", "https://user@example.com/",
                "http://[::1]/", "file:///etc/hosts", "/relative/path", "not a uri", "https://example.com/a b",
                "https://example.com/%zz", "https://exämple.com/"))
            assertFalse(PlainUri.accepts(uri), uri);
    }
}
