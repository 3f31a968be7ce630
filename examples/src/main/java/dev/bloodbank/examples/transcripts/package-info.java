/** The transcript pipeline of the sample topology, wired with the DSL: a complete service to copy from. */
package dev.bloodbank.examples.transcripts;
