/** A client of the RabbitMQ management HTTP API (and exact queue counts over AMQP), scoped to one vhost. */
package dev.bloodbank.broker.management;
