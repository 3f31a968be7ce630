/** JSON Schemas of event and command payloads: compiled once at load, applied per message. */
package dev.bloodbank.schema;
