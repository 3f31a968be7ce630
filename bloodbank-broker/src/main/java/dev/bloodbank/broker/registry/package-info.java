/** The schema registry on the broker: every applied schema as a numbered version, and the compatibility gate. */
package dev.bloodbank.broker.registry;
