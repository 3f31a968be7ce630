package dev.bloodbank.examples.transcripts;

import dev.bloodbank.examples.bus.fireflies.TranscriptProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Hands recordings over through a spool directory: one job file per recording, written atomically,
 * for the uploader that talks to Fireflies to pick up. Refuses formats Fireflies cannot read, for
 * good; an unwritable directory is a failure worth retrying (a full disk, a remount).
 */
public final class SpoolTranscriber implements Transcriber {

    static final Set<String> FORMATS = Set.of("m4a", "mp3", "mp4", "wav", "webm", "ogg", "flac", "mov");

    private final Path directory;
    private final URI webhookUrl;

    public SpoolTranscriber(Path directory, URI webhookUrl) {
        this.directory = directory;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public String submit(TranscriptProcess command) throws IOException {
        String file = command.mediaFile();
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(extension))
            throw new RejectedMediaException("cannot transcribe " + file + ": format '" + extension
                    + "' is not one of " + FORMATS.stream().sorted().toList());
        String jobId = "spool-" + UUID.nameUUIDFromBytes(file.getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, jobId, ".tmp");
        Files.writeString(temporary, String.join("\n",
                "media_file=" + file,
                "meeting_id=" + (command.meetingId() == null ? "" : command.meetingId()),
                "language=" + (command.language() == null ? "" : command.language()),
                "priority=" + (command.priority() == null ? "normal" : command.priority().name().toLowerCase(Locale.ROOT)),
                "webhook_url=" + webhookUrl, ""));
        // a redelivered command rewrites the same job file instead of queueing the recording twice
        Files.move(temporary, directory.resolve(jobId + ".job"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jobId;
    }

    @Override
    public URI webhookUrl() {
        return webhookUrl;
    }
}
