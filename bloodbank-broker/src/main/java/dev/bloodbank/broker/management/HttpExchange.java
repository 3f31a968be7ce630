package dev.bloodbank.broker.management;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 request and its whole answer, over the JDK's {@link HttpURLConnection}.
 *
 * <p>Not {@code java.net.http.HttpClient}, for the CLI's sake: that client keeps a selector
 * thread blocked in native code for as long as it lives, and a JVM that exits waits up to 300 ms
 * for such threads; it also sets up TLS when it is built, plain HTTP or not. Both cost every
 * command that reads the management API (a third of a no-op {@code plan}). Here a request runs
 * on the caller's thread and nothing is left reading a socket once it is answered.
 */
final class HttpExchange {

    /** What the broker answered: the status and the body as text (empty when there was none). */
    record Answer(int status, String body) {}

    /** No connection could be made within the connect timeout. */
    static final class ConnectTimeout extends IOException {
        ConnectTimeout(SocketTimeoutException cause) {
            super("connect timed out", cause);
        }
    }

    /** Connected, but the answer did not come within the read timeout. */
    static final class AnswerTimeout extends IOException {
        AnswerTimeout(SocketTimeoutException cause) {
            super("no answer in time", cause);
        }
    }

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    HttpExchange(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /**
     * Sends one request; {@code json} is the body, or null for none.
     *
     * @throws java.net.ConnectException when the node refused the connection
     * @throws ConnectTimeout when it did not accept one in time
     * @throws AnswerTimeout when it took the request but did not answer in time
     */
    Answer send(String method, URI uri, String authorization, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(connectTimeoutMillis);
        c.setReadTimeout(readTimeoutMillis);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestProperty("authorization", authorization);
        c.setRequestProperty("accept", "application/json");
        // One connection per request. An idle kept-alive connection nobody reads is closed by the
        // JDK only seconds after the broker closed its end, and RabbitMQ's stop_app waits for each
        // such connection (a restart took 5 s longer with a few of them open).
        c.setRequestProperty("connection", "close");
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            // Not in streaming mode: a 401 to a streamed body is thrown as "cannot retry" and its
            // answer lost; the bodies are small declarations, buffered at no cost.
            c.setDoOutput(true);
            c.setRequestProperty("content-type", "application/json");
        }
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            throw new ConnectTimeout(e);
        }
        try {
            if (body != null) {
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            c.disconnect();
            throw new AnswerTimeout(e);
        }
    }
}
