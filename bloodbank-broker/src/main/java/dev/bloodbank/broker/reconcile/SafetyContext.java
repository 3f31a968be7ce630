package dev.bloodbank.broker.reconcile;

/** What every safety policy consults: the broker, its state when planned, what Bloodbank owns, and the options. */
record SafetyContext(BrokerAdmin admin, LiveState live, Ownership ownership, ApplyOptions options) {
}
