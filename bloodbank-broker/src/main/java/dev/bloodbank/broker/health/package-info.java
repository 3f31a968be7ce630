/** Whether the broker is fit to work with, and fit to take a topology: the checks of {@code bloodbank doctor}. */
package dev.bloodbank.broker.health;
