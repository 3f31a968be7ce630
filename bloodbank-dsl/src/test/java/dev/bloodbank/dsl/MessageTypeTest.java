package dev.bloodbank.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bloodbank.topology.MessageKind;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

    record Upload(String mediaFile) {}

    @Test
    void aTypeIsItsKeyItsPayloadClassAndItsKind() {
        MessageType<Upload> event = EventType.of("fireflies.transcript.uploaded", Upload.class);
        MessageType<Upload> command = CommandType.of("fireflies.transcript.uploaded", Upload.class);

        assertEquals(MessageKind.EVENT, event.kind());
        assertEquals(MessageKind.COMMAND, command.kind());
        assertEquals(EventType.of("fireflies.transcript.uploaded", Upload.class), event);
        assertNotEquals(event, command);
        assertEquals("event fireflies.transcript.uploaded (Upload)", event.toString());
    }

    @Test
    void aBlankKeyOrAMissingClassIsRefused() {
        var blank = assertThrows(IllegalArgumentException.class, () -> EventType.of(" ", Upload.class));
        assertEquals("a message key must not be blank", blank.getMessage());
        var missing = assertThrows(NullPointerException.class, () -> CommandType.of("agent.task.assign", null));
        assertEquals("payloadType", missing.getMessage());
    }
}
