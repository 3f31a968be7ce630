/**
 * What happens to one delivered message, decided without any transport: decode, validate,
 * deduplicate, run the handler, and turn the result into an {@link dev.bloodbank.engine.Outcome}.
 * The RabbitMQ runtime and the in-memory test driver both carry out the same outcomes.
 */
package dev.bloodbank.engine;
