package dev.bloodbank.broker.health;

/** The outcome of one check: {@code check} names it ("alarms", "file handles"), {@code message} says what was seen. */
public record Finding(String check, Status status, String message) {}
