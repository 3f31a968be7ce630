/** JUnit support for tests that need a real RabbitMQ: one broker per run, one fresh vhost per test. */
package dev.bloodbank.testing.broker;
