package dev.bloodbank.envelope;

import com.fasterxml.jackson.databind.JsonNode;

/** Who published an event: host, kind of producer (service, hook, file_watch, …), application, free metadata. */
public record Source(String host, String type, String app, JsonNode meta) {}
