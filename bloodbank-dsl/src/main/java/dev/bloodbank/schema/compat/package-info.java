/** Schema evolution: which changes between two versions of a message's schema its consumers survive. */
package dev.bloodbank.schema.compat;
