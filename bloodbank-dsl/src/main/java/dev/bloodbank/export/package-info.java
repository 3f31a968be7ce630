/** The topology described for the rest of the ecosystem: JSON Schema files, an AsyncAPI document. */
package dev.bloodbank.export;
