/** The RabbitMQ runtime: a confirming publisher and the consumers that carry out each delivery's outcome. */
package dev.bloodbank.broker.runtime;
