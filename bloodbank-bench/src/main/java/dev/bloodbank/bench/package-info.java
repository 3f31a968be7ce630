/** Benchmarks of Bloodbank's per-message hot path and of its end-to-end cost over plain amqp-client. */
package dev.bloodbank.bench;
