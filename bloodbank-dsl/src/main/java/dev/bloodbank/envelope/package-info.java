/** The wire envelope every event and command travels in, shared with the ecosystem's Python producers. */
package dev.bloodbank.envelope;
