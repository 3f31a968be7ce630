/** What flows through the queues of a topology right now, read from the management API. */
package dev.bloodbank.broker.stats;
