package dev.bloodbank.examples.transcripts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("transcript scenarios in memory (BloodbankTestDriver)")
class DriverTranscriptScenariosTest extends TranscriptScenarios {

    @BeforeEach
    void openDriver() {
        bus = new DriverBus(app, listener);
    }
}
